#include "authapi.h"

#include "jsonkeys.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <optional>

namespace SignalGate::Client {

namespace Key = SignalGate::Protocol::Key;

// Logs the operation and the HTTP status only: never a body, a token, a
// password or an Authorization value.
Q_LOGGING_CATEGORY(lcAuthApi, "signalgate.client.authapi", QtInfoMsg)

namespace {

constexpr int kTransferTimeoutMs = 15000;
// A refresh whose answer never comes is retried with the same refresh token,
// which the server may already have spent. It accepts that repeat only for
// its grace period (--refresh-grace, 10 s by default), so the retry, 1 s after
// this timeout, must come well within it. A refresh costs the server no hashing.
constexpr int kRefreshTimeoutMs = 5000;
constexpr qint64 kMaxBodyBytes = 1024 * 1024;
constexpr qsizetype kMaxTokenBytes = 16 * 1024;
constexpr qsizetype kMaxMessageChars = 300;
constexpr qint64 kMaxRetryAfterMs = 24LL * 3600 * 1000;

const char *operationName(AuthApi::Operation operation)
{
    switch (operation) {
    case AuthApi::Operation::Login:
        return "login";
    case AuthApi::Operation::Refresh:
        return "refresh";
    case AuthApi::Operation::Logout:
        return "logout";
    }
    return "?";
}

// Access tokens are JWS compact (A-Z a-z 0-9 - _ .), refresh tokens
// base64url; anything else (control characters above all: they would end up
// in an Authorization header) is refused. token68 of RFC 6750 as the bound.
bool isPlausibleToken(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > kMaxTokenBytes)
        return false;
    for (const char c : token) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
        if (!ok)
            return false;
    }
    return true;
}

std::optional<AuthApi::TokenPair> parseTokenPair(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonValue access = object.value(Key::AccessToken);
    const QJsonValue refresh = object.value(Key::RefreshToken);
    const QJsonValue type = object.value(Key::TokenType);
    const QJsonValue expiresIn = object.value(Key::ExpiresIn);
    const QJsonValue refreshExpiresIn = object.value(Key::RefreshExpiresIn);
    if (!access.isString() || !refresh.isString())
        return std::nullopt;
    if (!type.isUndefined() && type.toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return std::nullopt;
    if (!expiresIn.isDouble() || expiresIn.toDouble() <= 0)
        return std::nullopt;
    AuthApi::TokenPair pair;
    pair.accessToken = access.toString().toLatin1();
    pair.refreshToken = refresh.toString().toLatin1();
    pair.expiresIn = qint64(expiresIn.toDouble());
    pair.refreshExpiresIn = refreshExpiresIn.isDouble() ? qint64(refreshExpiresIn.toDouble()) : 0;
    if (!isPlausibleToken(pair.accessToken) || !isPlausibleToken(pair.refreshToken))
        return std::nullopt;
    return pair;
}

// The server's {"error","message"} body, cut to something a status line can
// show, without control characters. Empty when there is none.
QString serverMessage(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    QString message = document.object().value(Key::Message).toString().simplified();
    message.removeIf(
            [](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
    if (message.size() > kMaxMessageChars)
        message = message.left(kMaxMessageChars - 1) + QChar(0x2026);
    return message;
}

// The client's own words for the error codes of PROTOCOL.md, so the user
// reads them in the client's language; an unknown code keeps the server's text.
QString knownErrorMessage(const QByteArray &body)
{
    const QString code = QJsonDocument::fromJson(body).object().value(Key::Error).toString();
    if (code == QLatin1String("invalid_credentials"))
        return AuthApi::tr("Wrong user name or password.");
    if (code == QLatin1String("invalid_grant"))
        return AuthApi::tr("The session has ended (its refresh token is no longer valid); sign in again.");
    if (code == QLatin1String("invalid_token"))
        return AuthApi::tr("The server refused the access token.");
    if (code == QLatin1String("rate_limited"))
        return AuthApi::tr("Too many attempts; try again later.");
    if (code == QLatin1String("busy"))
        return AuthApi::tr("The server is busy; try again shortly.");
    if (code == QLatin1String("unavailable") || code == QLatin1String("cannot_issue"))
        return AuthApi::tr("The server cannot issue tokens right now; try again shortly.");
    if (code == QLatin1String("origin_not_allowed"))
        return AuthApi::tr("The server does not accept requests from this client's origin.");
    return {};
}

// Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date. 0 when absent
// or unreadable; capped at a day.
qint64 retryAfterMs(const QNetworkReply *reply)
{
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return seconds <= 0 ? 0 : qMin(kMaxRetryAfterMs, seconds * 1000);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!when.isValid())
        return 0;
    return qBound<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when), kMaxRetryAfterMs);
}

QString networkErrorMessage(const QNetworkReply *reply)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return AuthApi::tr("Could not connect to the server: the connection was refused.");
    case QNetworkReply::HostNotFoundError:
        return AuthApi::tr("Could not connect to the server: the host name was not found.");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:   // the transfer timeout aborts this way
        return AuthApi::tr("The server did not answer in time.");
    case QNetworkReply::SslHandshakeFailedError:
        return AuthApi::tr("Could not connect to the server securely (TLS): %1").arg(reply->errorString());
    default:
        return AuthApi::tr("Could not connect to the server: %1").arg(reply->errorString());
    }
}

QString statusMessage(int status)
{
    switch (status) {
    case 400:
        return AuthApi::tr("The server refused the request as malformed (HTTP 400).");
    case 401:
        return AuthApi::tr("The server refused the credentials (HTTP 401).");
    case 403:
        return AuthApi::tr("The server refused the request (HTTP 403).");
    case 404:
        return AuthApi::tr("The server has no such endpoint (HTTP 404): is this a SignalGate server?");
    case 429:
        return AuthApi::tr("Too many attempts; try again later (HTTP 429).");
    default:
        break;
    }
    if (status >= 300 && status < 400)
        return AuthApi::tr("The server redirected the request (HTTP %1); redirects are not followed.").arg(status);
    if (status >= 500)
        return AuthApi::tr("The server failed to answer (HTTP %1).").arg(status);
    return AuthApi::tr("The server answered HTTP %1.").arg(status);
}

struct Failure
{
    int status = 0;
    QString message;
    qint64 retryAfterMs = 0;
};

// Why a finished reply is not the success it should be: status 0 (and a
// sentence about the connection) when there was no HTTP answer at all.
Failure describeFailure(AuthApi::Operation operation, QNetworkReply *reply, const QByteArray &body)
{
    Failure failure;
    failure.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (failure.status == 0) {
        failure.message = networkErrorMessage(reply);
    } else if (failure.status >= 200 && failure.status < 300) {
        failure.message =
                AuthApi::tr("The server sent an answer that is not a token pair (HTTP %1).").arg(failure.status);
    } else {
        failure.message = knownErrorMessage(body);
        if (failure.message.isEmpty())
            failure.message = serverMessage(body);
        if (failure.message.isEmpty())
            failure.message = statusMessage(failure.status);
        failure.retryAfterMs = retryAfterMs(reply);
    }
    qCInfo(lcAuthApi).nospace() << operationName(operation) << " failed: HTTP " << failure.status << " (network error "
                                << int(reply->error()) << ")";
    return failure;
}

}   // namespace

AuthApi::AuthApi(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network) {}

void AuthApi::setServer(const QUrl &server)
{
    m_server = server;
}

void AuthApi::login(const QString &user, const QString &password)
{
    const QJsonObject body{{Key::Username, user}, {Key::Password, password}};
    requestTokenPair(Operation::Login, QStringLiteral("/auth/login"), body, &AuthApi::loggedIn);
}

void AuthApi::refresh(const QByteArray &refreshToken)
{
    const QJsonObject body{{Key::RefreshToken, QString::fromLatin1(refreshToken)}};
    requestTokenPair(Operation::Refresh, QStringLiteral("/auth/refresh"), body, &AuthApi::refreshed);
}

void AuthApi::requestTokenPair(Operation operation, const QString &path, const QJsonObject &body,
                               void (AuthApi::*succeeded)(const AuthApi::TokenPair &))
{
    QNetworkReply *reply = post(path, QJsonDocument(body).toJson(QJsonDocument::Compact), {},
                                operation == Operation::Refresh ? kRefreshTimeoutMs : 0);
    connect(reply, &QNetworkReply::finished, this, [this, reply, operation, succeeded] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status == 200) {
            if (const auto pair = parseTokenPair(answer))
                return Q_EMIT(this->*succeeded)(*pair);
        }
        const Failure f = describeFailure(operation, reply, answer);
        Q_EMIT failed(operation, f.status, f.message, f.retryAfterMs);
    });
}

void AuthApi::logout(const QByteArray &accessToken, const QByteArray &refreshToken)
{
    const QJsonObject body{{Key::RefreshToken, QString::fromLatin1(refreshToken)}};
    QNetworkReply *reply =
            post(QStringLiteral("/auth/logout"), QJsonDocument(body).toJson(QJsonDocument::Compact), accessToken);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            return Q_EMIT loggedOut();
        const QByteArray body = reply->readAll();
        const Failure f = describeFailure(Operation::Logout, reply, body);
        Q_EMIT failed(Operation::Logout, f.status, f.message, f.retryAfterMs);
    });
}

QNetworkReply *AuthApi::post(const QString &path, const QByteArray &body, const QByteArray &bearer, int timeoutMs)
{
    // The server URL may carry a path prefix (a reverse proxy): keep it.
    QUrl url = m_server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    request.setTransferTimeout(timeoutMs > 0 ? timeoutMs : kTransferTimeoutMs);
    request.setSslConfiguration(m_sslConfiguration);
    // Credentials and tokens go to this URL and nowhere else: no redirects,
    // and nothing of it in a cache.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    QNetworkReply *reply = m_network->post(request, body);
    // Token answers are small; a server that sends megabytes is not one.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxBodyBytes)
            reply->abort();
    });
    // Destroying the API aborts what it still waits for.
    reply->setParent(this);
    return reply;
}

}   // namespace SignalGate::Client
