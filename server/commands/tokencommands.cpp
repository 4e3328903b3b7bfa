#include "tokencommands.h"

#include "accesstokenverifier.h"
#include "base64url.h"
#include "database.h"
#include "keyloader.h"
#include "refreshstore.h"
#include "revocationlist.h"
#include "tokenissuer.h"
#include "tooldatabase.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

using namespace SignalGate::Jose;
using namespace SignalGate::Protocol;

namespace SignalGate::Server::TokenCommands {

namespace {

int fail(QTextStream &err, const QString &message)
{
    err << "signalgate-server: error: " << message << '\n';
    return 2;
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

// "k=v": v is JSON when it parses as a JSON value, else the text itself, so
// --claim n=42 is a number and --claim note=hello a string.
bool readClaim(const QString &text, QJsonObject *claims)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals < 1)
        return false;
    const QString value = text.mid(equals + 1);
    QJsonParseError error{};
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + value.toUtf8() + ']', &error);
    const bool isJson = error.error == QJsonParseError::NoError && wrapped.array().size() == 1;
    claims->insert(text.left(equals), isJson ? wrapped.array().first() : QJsonValue(value));
    return true;
}

std::optional<QJsonObject> decodeSegment(QByteArrayView segment)
{
    const std::optional<QByteArray> bytes = Base64Url::decode(segment);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// Revocations live in the server's database. A token tool must not make
// one: without a database there is nothing revoked to find.
bool isRevoked(const ServerConfig &config, const AccessTokenClaims &claims, bool *failed, QString *error)
{
    *failed = false;
    if (config.databaseUrl.isEmpty() && !QFileInfo::exists(config.databasePath()))
        return false;
    Database database;
    if (!openToolDatabase(config, database, error)) {
        *failed = true;
        return false;
    }
    RefreshStore refreshTokens(database, config.refreshTtlSeconds, config.refreshMaxAgeSeconds,
                               config.refreshGraceSeconds);
    RevocationList revocations(database, refreshTokens);
    if (!revocations.load(now(), error)) {
        *failed = true;
        return false;
    }
    return revocations.isRevoked(claims);
}

}   // namespace

int mint(const ServerConfig &config, QTextStream &out, QTextStream &err)
{
    if (config.tokenSubject.trimmed().isEmpty())
        return fail(err, QStringLiteral("--sub: expected a user name, got ''"));
    QJsonObject overrides;
    for (const QString &claim : config.tokenClaims) {
        if (!readClaim(claim, &overrides))
            return fail(err, QStringLiteral("--claim: expected K=V such as n=42 or note=hello, got '%1'").arg(claim));
    }
    QString error;
    const std::optional<JwsKey> key = KeyLoader::load(config, KeyLoader::Missing::Refuse, &error);
    if (!key)
        return fail(err, error);
    if (!key->canSign())
        return fail(err,
                    QStringLiteral("token mint needs the private key: pass --jwt-private-key FILE (a public "
                                   "key alone only verifies)"));
    const TokenIssuer issuer(*key, config.issuer, config.audience,
                             config.tokenTtlSeconds > 0 ? config.tokenTtlSeconds : config.accessTtlSeconds);
    const QJsonObject claims = issuer.defaultClaims(config.tokenSubject, config.userScope, now(), overrides);
    out << issuer.signer().sign(claims) << '\n';
    return 0;
}

int inspect(const ServerConfig &config, QIODevice &input, QTextStream &out, QTextStream &err)
{
    // Far above the verifier's 8 KiB cap, so an oversized token still gets
    // the server's verdict (too_large) rather than a cut-off one.
    constexpr qint64 MaxInput = 1024 * 1024;
    const QByteArray token = input.read(MaxInput + 1).trimmed();
    if (token.isEmpty())
        return fail(err, QStringLiteral("no token on standard input; pipe one in: token inspect < FILE"));
    if (token.size() > MaxInput)
        return fail(err, QStringLiteral("standard input holds more than %1 bytes; pass one token").arg(MaxInput));

    QJsonObject report;
    const QList<QByteArray> segments = token.split('.');
    const std::optional<QJsonObject> header = segments.size() == 3 ? decodeSegment(segments[0]) : std::nullopt;
    const std::optional<QJsonObject> claims = segments.size() == 3 ? decodeSegment(segments[1]) : std::nullopt;
    if (header && claims) {
        report.insert(QStringLiteral("header"), *header);
        report.insert(QStringLiteral("claims"), *claims);
    } else if (!config.verifyToken) {
        return fail(err, QStringLiteral("not a JWS: expected three base64url parts, a JSON header and JSON claims"));
    }

    int status = 0;
    if (config.verifyToken) {
        QString error;
        const std::optional<JwsKey> key = KeyLoader::load(config, KeyLoader::Missing::Refuse, &error);
        if (!key)
            return fail(err, error);
        const AccessTokenVerifier verifier(JwsVerifier(*key),
                                           AccessTokenPolicy{config.issuer, config.audience, config.leewaySeconds});
        const AccessTokenResult result = verifier.verify(token, now());
        TokenFailure verdict = result.failure;
        if (result.ok()) {
            bool failed = false;
            if (isRevoked(config, result.claims, &failed, &error))
                verdict = TokenFailure::Revoked;
            if (failed)
                return fail(err, error + QStringLiteral("; the revocations cannot be read, so there is no verdict"));
        }
        report.insert(QStringLiteral("verdict"),
                      verdict == TokenFailure::None ? QStringLiteral("ok") : tokenFailureReason(verdict));
        status = verdict == TokenFailure::None ? 0 : 1;
    }
    out << QJsonDocument(report).toJson(QJsonDocument::Indented);
    return status;
}

}   // namespace SignalGate::Server::TokenCommands
