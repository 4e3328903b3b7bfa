#include "tokensource.h"

#include "authapi.h"
#include "redactor.h"
#include "securerandom.h"
#include "tokenclaims.h"
#include "tokenendpoint.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

using namespace SignalGate::Jose;
using namespace SignalGate::Client;

namespace SignalGate::Scenarios {

namespace {
constexpr int kTransferTimeoutMs = 15000;

// One AuthApi per call: its answers are signals, and calls may overlap.
AuthApi *authApi(QNetworkAccessManager *network, const QUrl &server, const QSslConfiguration &ssl, QObject *parent)
{
    auto *api = new AuthApi(network, parent);
    api->setServer(server);
    api->setSslConfiguration(ssl);
    return api;
}
}   // namespace

TokenSource::TokenSource(QNetworkAccessManager *network, Redactor *redactor, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_redactor(redactor)
{}

void TokenSource::setServer(const QUrl &httpBase)
{
    m_server = httpBase;
}

QString TokenSource::mintHint()
{
    return tr("needs a minted token: run against a server in dev mode (/dev/token) or give the server's signing key "
              "(--forge-key FILE: HS256 secret file or RSA/EC P-256/Ed25519 private key PEM)");
}

void TokenSource::setAccessToken(const QByteArray &token)
{
    m_access = keep(token);
    m_refresh.clear();
    m_origin = tr("given token");
}

bool TokenSource::forgeCurrent(const QString &user)
{
    if (!m_forge)
        return false;
    QJsonObject payload = freshClaims();
    if (!payload.contains(QLatin1String("sub")))
        payload.insert(QStringLiteral("sub"), user.isEmpty() ? QStringLiteral("signalgate-check") : user);
    m_access = keep(m_forge->sign(payload, forgeHeader()));
    m_refresh.clear();
    m_origin = tr("forged (%1)").arg(forgeAlgorithm());
    return !m_access.isEmpty();
}

QString TokenSource::otherType() const
{
    return m_forgeClaims.type == QLatin1String("JWT") ? QStringLiteral("at+jwt") : QStringLiteral("JWT");
}

QJsonObject TokenSource::forgeHeader() const
{
    return m_forgeClaims.type.isEmpty() ? QJsonObject() : QJsonObject{{QStringLiteral("typ"), m_forgeClaims.type}};
}

QByteArray TokenSource::keep(const QByteArray &token)
{
    m_redactor->addSecret(token);
    return token;
}

QJsonObject TokenSource::claims() const
{
    const std::optional<TokenClaims> decoded = TokenClaims::decodeUnverified(m_access);
    return decoded ? decoded->payload : QJsonObject();
}

QJsonObject TokenSource::freshClaims() const
{
    // The login token's iss, aud, sub and scope; not its family (nothing to revoke by).
    QJsonObject payload = claims();
    payload.remove(QStringLiteral("fam"));
    if (!m_forgeClaims.issuer.isEmpty())
        payload.insert(QStringLiteral("iss"), m_forgeClaims.issuer);
    if (!m_forgeClaims.audience.isEmpty())
        payload.insert(QStringLiteral("aud"), m_forgeClaims.audience);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    payload.insert(QStringLiteral("iat"), now);
    payload.insert(QStringLiteral("exp"), now + m_forgeClaims.lifetimeS);
    payload.insert(QStringLiteral("jti"), QString::fromLatin1(SecureRandom::token(16)));
    return payload;
}

void TokenSource::login(const QString &user, const QString &password, const DoneCallback &done)
{
    m_user = user;
    m_password = password;
    if (m_profile.login == TargetProfile::Login::Json || m_profile.login == TargetProfile::Login::OAuth2) {
        TokenEndpoint endpoint;
        endpoint.url = m_server.resolved(QUrl(m_profile.loginPath));
        endpoint.kind = m_profile.login;
        endpoint.userField = m_profile.userField;
        endpoint.passwordField = m_profile.passwordField;
        endpoint.sslConfiguration = m_ssl;
        endpoint.post(m_network, user, password, this,
                      [this, done](const QByteArray &access, const QByteArray &refresh, const QString &error) {
                          if (access.isEmpty())
                              return done(error);
                          m_access = keep(access);
                          m_refresh = refresh.isEmpty() ? QByteArray() : keep(refresh);
                          m_origin =
                                  tr("login %1 %2").arg(TargetProfile::loginName(m_profile.login), m_profile.loginPath);
                          done({});
                      });
        return;
    }
    AuthApi *api = authApi(m_network, m_server, m_ssl, this);
    connect(api, &AuthApi::loggedIn, this, [this, api, done](const AuthApi::TokenPair &pair) {
        api->deleteLater();
        m_access = keep(pair.accessToken);
        m_refresh = keep(pair.refreshToken);
        m_origin = tr("login signalgate");
        done({});
    });
    connect(api, &AuthApi::failed, this, [api, done](AuthApi::Operation, int status, const QString &message, qint64) {
        api->deleteLater();
        done(status > 0 ? tr("login failed: HTTP %1 (%2)").arg(status).arg(message)
                        : tr("login failed: %1").arg(message));
    });
    api->login(user, password);
}

void TokenSource::devToken(const QJsonObject &body, const TokenCallback &done)
{
    QUrl url = m_server;
    url.setPath(QStringLiteral("/dev/token"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setSslConfiguration(m_ssl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray token = QJsonDocument::fromJson(reply->readAll())
                                         .object()
                                         .value(QLatin1String("access_token"))
                                         .toString()
                                         .toLatin1();
        if (status != 200 || token.isEmpty()) {
            done({}, status ? tr("/dev/token answered HTTP %1").arg(status) : reply->errorString());
            return;
        }
        done(keep(token), {});
    });
}

void TokenSource::detectDevToken(const DoneCallback &done)
{
    devToken({}, [this, done](const QByteArray &token, const QString &) {
        m_devToken = !token.isEmpty();
        done({});
    });
}

void TokenSource::mint(const QJsonObject &claimOverrides, const QJsonObject &headerOverrides, const TokenCallback &done)
{
    if (m_forge) {
        QJsonObject payload = freshClaims();
        for (auto it = claimOverrides.constBegin(); it != claimOverrides.constEnd(); ++it) {
            if (it.value().isNull())
                payload.remove(it.key());
            else
                payload.insert(it.key(), it.value());
        }
        QJsonObject header = forgeHeader();
        for (auto it = headerOverrides.constBegin(); it != headerOverrides.constEnd(); ++it)
            header.insert(it.key(), it.value());
        const QByteArray token = m_forge->sign(payload, header);
        done(token.isEmpty() ? QByteArray() : keep(token), token.isEmpty() ? tr("the key cannot sign") : QString());
        return;
    }
    if (!m_devToken) {
        done({}, mintHint());
        return;
    }
    QJsonObject body = claimOverrides;
    if (!body.contains(QLatin1String("sub")))
        body.insert(QStringLiteral("sub"), claims().value(QLatin1String("sub")));
    if (!headerOverrides.isEmpty())
        body.insert(QStringLiteral("$header"), headerOverrides);
    devToken(body, done);
}

void TokenSource::mintConfused(const TokenCallback &done)
{
    if (m_forge) {
        done(keep(m_forge->confusedAlgorithm(freshClaims())), {});
        return;
    }
    const std::optional<TokenClaims> current = TokenClaims::decodeUnverified(m_access);
    const QString alg = current ? current->header.value(QLatin1String("alg")).toString() : QString();
    const QString other = alg == QLatin1String("HS256") ? QStringLiteral("HS512") : QStringLiteral("HS256");
    mint({}, {{QStringLiteral("alg"), other}}, done);
}

void TokenSource::refreshAccess(const TokenCallback &done)
{
    AuthApi *api = authApi(m_network, m_server, m_ssl, this);
    connect(api, &AuthApi::refreshed, this, [this, api, done](const AuthApi::TokenPair &pair) {
        api->deleteLater();
        m_access = keep(pair.accessToken);
        m_refresh = keep(pair.refreshToken);
        done(m_access, {});
    });
    connect(api, &AuthApi::failed, this, [api, done](AuthApi::Operation, int status, const QString &message, qint64) {
        api->deleteLater();
        done({}, tr("HTTP refresh failed: %1 %2").arg(status).arg(message));
    });
    api->refresh(m_refresh);
}

void TokenSource::revokedToken(const TokenCallback &done)
{
    AuthApi *api = authApi(m_network, m_server, m_ssl, this);
    connect(api, &AuthApi::loggedIn, this, [this, api, done](const AuthApi::TokenPair &pair) {
        const QByteArray access = keep(pair.accessToken);
        keep(pair.refreshToken);
        connect(api, &AuthApi::loggedOut, this, [api, access, done] {
            api->deleteLater();
            done(access, {});
        });
        api->logout(access, pair.refreshToken);
    });
    connect(api, &AuthApi::failed, this,
            [api, done](AuthApi::Operation operation, int status, const QString &message, qint64) {
                api->deleteLater();
                done({},
                     (operation == AuthApi::Operation::Logout ? tr("logout failed: HTTP %1 %2")
                                                              : tr("second login failed: HTTP %1 %2"))
                             .arg(status)
                             .arg(message));
            });
    api->login(m_user, m_password);
}

}   // namespace SignalGate::Scenarios
