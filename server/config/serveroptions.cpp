#include "serveroptions.h"

#include "database.h"
#include "jwskey.h"
#include "redisaddress.h"

#include <QHash>
#include <QRegularExpression>
#include <QUrl>

#include <optional>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace {

std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

// A switch's value: the command line says "true", an INI file may say either.
std::optional<bool> parseSwitch(const QString &text)
{
    const QString value = text.trimmed().toLower();
    if (value != QLatin1String("true") && value != QLatin1String("false"))
        return std::nullopt;
    return value == QLatin1String("true");
}

// "N/S" (N per S seconds) or "0" (off).
std::optional<RateLimit> parseRate(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("0"))
        return RateLimit{0, 0};
    const QStringList parts = trimmed.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return std::nullopt;
    const auto count = parseInteger(parts[0], 0, 1000000);
    const auto window = parseInteger(parts[1], 1, 86400);
    if (!count || !window)
        return std::nullopt;
    return RateLimit{int(*count), int(*window)};
}

QString rateText(const RateLimit &rate)
{
    return rate.enabled() ? QStringLiteral("%1/%2").arg(rate.count).arg(rate.windowSeconds) : QStringLiteral("0");
}

// Browsers send an origin as scheme://host[:port]; exact matching only works
// if the configured value has that form too, so anything else is refused.
bool isOrigin(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
            && !url.host().isEmpty() && url.path().isEmpty() && !url.hasQuery() && !url.hasFragment()
            && url.userInfo().isEmpty()
            && url.toString(QUrl::FullyEncoded) == text
            // Browsers omit the default port (RFC 6454), so "https://a:443" could never match.
            && !(url.scheme() == QLatin1String("https") && url.port() == 443)
            && !(url.scheme() == QLatin1String("http") && url.port() == 80);
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(QLatin1Char(':')))
        return false;   // an IPv6 address needs brackets, or its last group reads as the port
    const auto portValue = parseInteger(text.mid(colon + 1), 0, 65535);
    if (!portValue)
        return false;
    QHostAddress parsed;
    if (host == QLatin1String("localhost"))
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = quint16(*portValue);
    return true;
}

using Reader = std::function<QString(ServerConfig &, const QString &)>;

Reader text(QString ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        config.*field = value;
        return QString();
    };
}

// A file a feature reads: an empty name would silently turn the feature off.
Reader file(QString ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        if (value.trimmed().isEmpty())
            return QStringLiteral("a file name");
        config.*field = value;
        return QString();
    };
}

template<typename Field>
Reader integer(Field ServerConfig::*field, qint64 min, qint64 max)
{
    return [field, min, max](ServerConfig &config, const QString &value) {
        const auto parsed = parseInteger(value, min, max);
        if (!parsed)
            return QStringLiteral("an integer from %1 to %2").arg(min).arg(max);
        config.*field = Field(*parsed);
        return QString();
    };
}

Reader rate(RateLimit ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        const auto parsed = parseRate(value);
        if (!parsed)
            return QStringLiteral("N/S such as 10/60 (N per S seconds), or 0 for off");
        config.*field = *parsed;
        return QString();
    };
}

Reader listen(QHostAddress ServerConfig::*address, quint16 ServerConfig::*port, const QString &example)
{
    return [address, port, example](ServerConfig &config, const QString &value) {
        if (!parseListen(value, &(config.*address), &(config.*port)))
            return QStringLiteral("HOST:PORT such as %1 or [::1]:%2")
                    .arg(example, example.section(QLatin1Char(':'), 1));
        return QString();
    };
}

QList<ServerOption> makeOptions()
{
    const ServerConfig d;
    const auto number = [](qint64 value) { return QString::number(value); };
    using W = ServerOption::Where;
    return {
            {QStringLiteral("listen"), QStringLiteral("HOST:PORT"),
             QStringLiteral("Address and port (default %1; port 0 picks a free one)."), d.listenText(), W::FlagOrIni,
             listen(&ServerConfig::listenAddress, &ServerConfig::listenPort, QStringLiteral("127.0.0.1:8765"))},
            {QStringLiteral("data-dir"),
             QStringLiteral("DIR"),
             QStringLiteral("Directory for the database and generated key."),
             {},
             W::FlagOrIni,
             text(&ServerConfig::dataDir)},
            {QStringLiteral("config"),
             QStringLiteral("FILE"),
             QStringLiteral("INI file with the same keys as the long flags; flags win."),
             {},
             W::FlagOnly,
             {}},
            {QStringLiteral("dev"),
             {},
             QStringLiteral("Development mode: loopback only, demo/demo and admin/admin, /dev/token."),
             {},
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 const std::optional<bool> on = parseSwitch(value);
                 if (!on)
                     return QStringLiteral("true or false");
                 config.dev = config.dev || *on;
                 return QString();
             }},
            {QStringLiteral("jwt-alg"), QStringLiteral("ALG"),
             QStringLiteral("Access token algorithm: %1 (default), RS256, ES256 or EdDSA."), d.jwtAlgorithm,
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 // Exact JWA names only: "eddsa" or "Ed25519" is a typo, not a choice.
                 if (!jwsAlgorithmFromName(value))
                     return QStringLiteral("HS256, RS256, ES256 or EdDSA (exact spelling)");
                 config.jwtAlgorithm = value;
                 return QString();
             }},
            {QStringLiteral("jwt-secret-file"),
             QStringLiteral("FILE"),
             QStringLiteral("HS256 key file, at least 32 bytes, used as is."),
             {},
             W::FlagOrIni,
             text(&ServerConfig::jwtSecretFile)},
            {QStringLiteral("jwt-private-key"),
             QStringLiteral("FILE"),
             QStringLiteral("RS256/ES256/EdDSA private key (PEM, unencrypted): signs and verifies."),
             {},
             W::FlagOrIni,
             text(&ServerConfig::jwtPrivateKeyFile)},
            {QStringLiteral("jwt-public-key"),
             QStringLiteral("FILE"),
             QStringLiteral("RS256/ES256/EdDSA public key (PEM); alone, the server verifies but issues no tokens."),
             {},
             W::FlagOrIni,
             text(&ServerConfig::jwtPublicKeyFile)},
            {QStringLiteral("issuer"), QStringLiteral("S"), QStringLiteral("Token issuer (%1)."), d.issuer,
             W::FlagOrIni, text(&ServerConfig::issuer)},
            {QStringLiteral("audience"), QStringLiteral("S"), QStringLiteral("Token audience (%1)."), d.audience,
             W::FlagOrIni, text(&ServerConfig::audience)},
            {QStringLiteral("access-ttl"), QStringLiteral("S"),
             QStringLiteral("Access token lifetime in seconds (%1)."), number(d.accessTtlSeconds), W::FlagOrIni,
             integer(&ServerConfig::accessTtlSeconds, 1, 7 * 24 * 3600)},
            {QStringLiteral("refresh-ttl"), QStringLiteral("S"),
             QStringLiteral("Refresh token lifetime in seconds (%1)."), number(d.refreshTtlSeconds), W::FlagOrIni,
             integer(&ServerConfig::refreshTtlSeconds, 1, 365 * 24 * 3600)},
            {QStringLiteral("leeway"), QStringLiteral("S"), QStringLiteral("Clock leeway for exp/nbf in seconds (%1)."),
             number(d.leewaySeconds), W::FlagOrIni, integer(&ServerConfig::leewaySeconds, 0, 600)},
            {QStringLiteral("signal-interval-ms"), QStringLiteral("N"),
             QStringLiteral("Simulated feed interval (%1; 0 = off)."), number(d.signalIntervalMs), W::FlagOrIni,
             integer(&ServerConfig::signalIntervalMs, 0, 3600 * 1000)},
            {QStringLiteral("signals-per-tick"), QStringLiteral("N"),
             QStringLiteral("Simulated signals per tick (%1)."), number(d.signalsPerTick), W::FlagOrIni,
             integer(&ServerConfig::signalsPerTick, 1, 100000)},
            {QStringLiteral("allowed-origin"),
             QStringLiteral("ORIGIN"),
             QStringLiteral("Origin allowed to open /ws and get CORS answers (repeatable; exact match)."),
             {},
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 const QString origin = value.trimmed();
                 if (!isOrigin(origin))
                     return QStringLiteral("an origin like https://app.example.com (scheme://host[:port], no path, no "
                                           "slash, no default port)");
                 if (!config.allowedOrigins.contains(origin))
                     config.allowedOrigins.append(origin);
                 return QString();
             },
             true},
            {QStringLiteral("conn-rate"), QStringLiteral("N/S"),
             QStringLiteral("WebSocket upgrades per source IP, N/S (%1; 0 = off)."), rateText(d.connRate), W::FlagOrIni,
             rate(&ServerConfig::connRate)},
            {QStringLiteral("msg-rate"), QStringLiteral("N/S"),
             QStringLiteral("Messages per connection, N/S (%1; 0 = off)."), rateText(d.msgRate), W::FlagOrIni,
             rate(&ServerConfig::msgRate)},
            {QStringLiteral("login-rate"), QStringLiteral("N/S"),
             QStringLiteral("Failed logins per IP and user name, N/S (%1; 0 = off)."), rateText(d.loginRate),
             W::FlagOrIni, rate(&ServerConfig::loginRate)},
            {QStringLiteral("login-rate-user"), QStringLiteral("N/S"),
             QStringLiteral("Failed logins per user name from any IP, N/S (%1; 0 = off)."), rateText(d.loginRateUser),
             W::FlagOrIni, rate(&ServerConfig::loginRateUser)},
            {QStringLiteral("max-conns"),
             QStringLiteral("N"),
             QStringLiteral("Open WebSockets plus requests in progress (default: open-file limit - 64; 0 = off)."),
             {},
             W::FlagOrIni,
             integer(&ServerConfig::maxConns, 0, 10000000)},
            {QStringLiteral("max-pending-logins"), QStringLiteral("N"),
             QStringLiteral("Password checks queued or running (default 4 per core; %1 per IP; 0 = off)."),
             number(ServerConfig::MaxPendingLoginsPerIp), W::FlagOrIni,
             integer(&ServerConfig::maxPendingLogins, 0, 100000)},
            {QStringLiteral("ipv6-prefix"), QStringLiteral("BITS"),
             QStringLiteral("IPv6 clients are keyed by this prefix for every per-IP limit (%1)."), number(d.ipv6Prefix),
             W::FlagOrIni, integer(&ServerConfig::ipv6Prefix, 1, 128)},
            {QStringLiteral("refresh-grace"), QStringLiteral("S"),
             QStringLiteral("Seconds a just-spent refresh token may be repeated without revoking (%1; 0 = off)."),
             number(d.refreshGraceSeconds), W::FlagOrIni, integer(&ServerConfig::refreshGraceSeconds, 0, 300)},
            {QStringLiteral("refresh-max-age"), QStringLiteral("S"),
             QStringLiteral("Absolute lifetime of a login's refresh family in seconds (%1)."),
             number(d.refreshMaxAgeSeconds), W::FlagOrIni,
             integer(&ServerConfig::refreshMaxAgeSeconds, 60, 10LL * 365 * 24 * 3600)},
            {QStringLiteral("metrics-listen"),
             QStringLiteral("HOST:PORT"),
             QStringLiteral("Serve /metrics, /healthz and /readyz without a token here only."),
             {},
             W::FlagOrIni,
             listen(&ServerConfig::metricsListenAddress, &ServerConfig::metricsListenPort,
                    QStringLiteral("127.0.0.1:9100"))},
            {QStringLiteral("max-conns-per-user"), QStringLiteral("N"),
             QStringLiteral("Concurrent connections per user (%1; 0 = off)."), number(d.maxConnsPerUser), W::FlagOrIni,
             integer(&ServerConfig::maxConnsPerUser, 0, 1000000)},
            {QStringLiteral("max-message-bytes"), QStringLiteral("N"),
             QStringLiteral("Largest client message (%1; 0 = Qt's default)."), number(d.maxMessageBytes), W::FlagOrIni,
             integer(&ServerConfig::maxMessageBytes, 0, 64 * 1024 * 1024)},
            {QStringLiteral("max-outbound-bytes"), QStringLiteral("N"),
             QStringLiteral("Unsent bytes per connection before 1013 (%1; 0 = off)."), number(d.maxOutboundBytes),
             W::FlagOrIni, integer(&ServerConfig::maxOutboundBytes, 0, qint64(1) << 34)},
            {QStringLiteral("handshake-timeout-ms"), QStringLiteral("N"),
             QStringLiteral("Time for a whole request head (%1; 0 = off)."), number(d.handshakeTimeoutMs), W::FlagOrIni,
             integer(&ServerConfig::handshakeTimeoutMs, 0, 600000)},
            {QStringLiteral("history"), QStringLiteral("N"), QStringLiteral("Signals kept for resume (%1; 0 = none)."),
             number(d.history), W::FlagOrIni, integer(&ServerConfig::history, 0, 10000000)},
            {QStringLiteral("threads"),
             QStringLiteral("N"),
             QStringLiteral("Threads that hold the sessions and send them signals (default: one per core)."),
             {},
             W::FlagOrIni,
             integer(&ServerConfig::threads, 1, 256)},
            {QStringLiteral("broker"),
             QStringLiteral("URL"),
             QStringLiteral("Share signals, revocations and per-IP limits with other nodes through this Redis, "
                            "redis://[user@]HOST:PORT[/DB] (default: none, one node)."),
             {},
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 QString problem;
                 if (!RedisAddress::parse(value, &problem))
                     return problem;
                 config.brokerUrl = value.trimmed();
                 return QString();
             }},
            {QStringLiteral("broker-password-file"),
             QStringLiteral("FILE"),
             QStringLiteral("File holding the Redis password of --broker (chmod 600)."),
             {},
             W::FlagOrIni,
             file(&ServerConfig::brokerPasswordFile)},
            {QStringLiteral("broker-prefix"), QStringLiteral("S"),
             QStringLiteral("Prefix of every Redis key and channel (%1); nodes of one deployment share it."),
             d.brokerPrefix, W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.:-]{1,64}$"));
                 if (!allowed.match(value.trimmed()).hasMatch())
                     return QStringLiteral("1 to 64 of A-Z a-z 0-9 _ . : - (no braces: they are Redis hash tags)");
                 config.brokerPrefix = value.trimmed();
                 return QString();
             }},
            {QStringLiteral("database"),
             QStringLiteral("URL"),
             QStringLiteral("Keep users, refresh tokens and revocations in this PostgreSQL, shared by the nodes, "
                            "postgresql://[user@]HOST[:PORT]/DB (default: SQLite in the data dir)."),
             {},
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 const QUrl url(value.trimmed(), QUrl::StrictMode);
                 if (!Database::isPostgresUrl(value.trimmed()) || !url.isValid() || url.host().isEmpty()
                     || url.path().size() < 2 || url.hasQuery() || url.hasFragment())
                     return QStringLiteral("postgresql://[user@]HOST[:PORT]/DB");
                 if (!url.password().isEmpty())
                     return QStringLiteral("a URL without a password (put it in --database-password-file)");
                 config.databaseUrl = value.trimmed();
                 return QString();
             }},
            {QStringLiteral("database-password-file"),
             QStringLiteral("FILE"),
             QStringLiteral("File holding the PostgreSQL password of --database (chmod 600)."),
             {},
             W::FlagOrIni,
             file(&ServerConfig::databasePasswordFile)},
            {QStringLiteral("node-id"),
             QStringLiteral("S"),
             QStringLiteral("This node's name in welcome and logs (default: HOSTNAME:PORT)."),
             {},
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 if (value.trimmed().isEmpty() || value.trimmed().size() > 128)
                     return QStringLiteral("a name of 1 to 128 characters");
                 config.nodeId = value.trimmed();
                 return QString();
             }},
            {QStringLiteral("max-pending-per-ip"), QStringLiteral("N"),
             QStringLiteral("Requests per IP still sending their head (%1; 0 = off)."), number(d.maxPendingPerIp),
             W::FlagOrIni, integer(&ServerConfig::maxPendingPerIp, 0, 1000000)},
            {QStringLiteral("rate-table-max"), QStringLiteral("N"),
             QStringLiteral("Keys per rate-limiter table before LRU eviction (%1)."), number(d.rateTableMax),
             W::FlagOrIni, integer(&ServerConfig::rateTableMax, 1, 100000000)},
            {QStringLiteral("audit-log"),
             QStringLiteral("FILE"),
             QStringLiteral("Audit log file (JSON lines; default <data-dir>/audit.log)."),
             {},
             W::FlagOrIni,
             text(&ServerConfig::auditLogPath)},
            {QStringLiteral("audit-syslog"),
             {},
             QStringLiteral("Also send every audit event to the systemd journal as structured fields "
                            "(SYSLOG_IDENTIFIER signalgate-audit), for a SIEM or a syslog daemon."),
             {},
             W::FlagOrIni,
             [](ServerConfig &config, const QString &value) {
                 const std::optional<bool> on = parseSwitch(value);
                 if (!on)
                     return QStringLiteral("true or false");
                 config.auditSyslog = *on;
                 return QString();
             }},
            {QStringLiteral("tls-cert"),
             QStringLiteral("FILE"),
             QStringLiteral("TLS certificate (PEM, chain after it); with --tls-key the port speaks only https/wss."),
             {},
             W::FlagOrIni,
             file(&ServerConfig::tlsCertFile)},
            {QStringLiteral("tls-key"),
             QStringLiteral("FILE"),
             QStringLiteral("TLS private key (PEM, EC or RSA, unencrypted) for --tls-cert."),
             {},
             W::FlagOrIni,
             file(&ServerConfig::tlsKeyFile)},
            {QStringLiteral("password-stdin"),
             {},
             QStringLiteral("user add: read the password from standard input."),
             {},
             W::FlagOnly,
             {}},
            {QStringLiteral("scope"),
             QStringLiteral("S"),
             QStringLiteral("user add, token mint: space separated scopes."),
             {},
             W::FlagOnly,
             {}},
            {QStringLiteral("sub"),
             QStringLiteral("S"),
             QStringLiteral("token mint: the subject (user name)."),
             {},
             W::FlagOnly,
             {}},
            {QStringLiteral("ttl"),
             QStringLiteral("S"),
             QStringLiteral("token mint: lifetime in seconds (default: --access-ttl)."),
             {},
             W::FlagOnly,
             {}},
            {QStringLiteral("claim"),
             QStringLiteral("K=V"),
             QStringLiteral("token mint: one more claim, or one replaced (repeatable); V is JSON when it parses "
                            "(42, true, [\"a\"]), else a string."),
             {},
             W::FlagOnly,
             {},
             true},
            {QStringLiteral("verify"),
             {},
             QStringLiteral("token inspect: also give the server's verdict (ok, or the audit reason)."),
             {},
             W::FlagOnly,
             {}},
    };
}

}   // namespace

QCommandLineOption ServerOption::commandLineOption() const
{
    return isSwitch() ? QCommandLineOption(name, helpText()) : QCommandLineOption(name, helpText(), valueName);
}

const QList<ServerOption> &serverOptions()
{
    static const QList<ServerOption> options = makeOptions();
    return options;
}

const ServerOption *findServerOption(const QString &name)
{
    for (const ServerOption &option : serverOptions()) {
        if (option.name == name)
            return &option;
    }
    return nullptr;
}

}   // namespace SignalGate::Server
