#include "configloader.h"

#include "jwskey.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <functional>
#include <optional>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace {

// Options that take a value; each may also be a key of the --config INI file.
const QStringList valueOptions = {
    QStringLiteral("listen"),        QStringLiteral("data-dir"),        QStringLiteral("jwt-alg"),
    QStringLiteral("jwt-secret-file"), QStringLiteral("issuer"),       QStringLiteral("audience"),
    QStringLiteral("jwt-private-key"), QStringLiteral("jwt-public-key"),
    QStringLiteral("access-ttl"),    QStringLiteral("refresh-ttl"),     QStringLiteral("leeway"),
    QStringLiteral("signal-interval-ms"), QStringLiteral("signals-per-tick"),
    QStringLiteral("conn-rate"),     QStringLiteral("msg-rate"),        QStringLiteral("login-rate"),
    QStringLiteral("max-conns-per-user"), QStringLiteral("max-message-bytes"),
    QStringLiteral("max-outbound-bytes"), QStringLiteral("handshake-timeout-ms"),
    QStringLiteral("rate-table-max"), QStringLiteral("audit-log"),   QStringLiteral("max-pending-per-ip"),
    QStringLiteral("history"),      QStringLiteral("login-rate-user"), QStringLiteral("max-conns"),
    QStringLiteral("max-pending-logins"), QStringLiteral("ipv6-prefix"), QStringLiteral("refresh-grace"),
    QStringLiteral("refresh-max-age"), QStringLiteral("metrics-listen"),
    QStringLiteral("tls-cert"),      QStringLiteral("tls-key"),
};

// "N/S" (N per S seconds) or "0" (off).
std::optional<RateLimit> parseRate(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("0"))
        return RateLimit{0, 0};
    const QStringList parts = trimmed.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return std::nullopt;
    bool countOk = false;
    bool windowOk = false;
    const int count = parts[0].toInt(&countOk);
    const int window = parts[1].toInt(&windowOk);
    if (!countOk || !windowOk || count < 0 || count > 1000000 || window < 1 || window > 86400)
        return std::nullopt;
    return RateLimit{count, window};
}

// Browsers send an origin as scheme://host[:port]; exact matching only works
// if the configured value has that form too, so anything else is refused.
bool isOrigin(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
            && !url.host().isEmpty() && url.path().isEmpty() && !url.hasQuery() && !url.hasFragment()
            && url.userInfo().isEmpty() && url.toString(QUrl::FullyEncoded) == text
            // Browsers omit the default port (RFC 6454), so "https://a:443" could never match.
            && !(url.scheme() == QLatin1String("https") && url.port() == 443)
            && !(url.scheme() == QLatin1String("http") && url.port() == 80);
}

std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
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

QString flagError(const QString &flag, const QString &value, const QString &expected)
{
    return QStringLiteral("--%1: expected %2, got '%3'").arg(flag, expected, value);
}

} // namespace

ConfigLoader::Result ConfigLoader::load(const QStringList &arguments)
{
    Result result;
    ServerConfig &config = result.config;

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "SignalGate server: JWT-gated live signals over WebSocket, with HTTP auth endpoints.\n"
            "Subcommands: user add NAME --password-stdin [--scope S] | user del NAME | gen-dev-cert DIR"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Address and port (default 127.0.0.1:8765; port 0 picks a free one)."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("data-dir"), QStringLiteral("Directory for the database and generated key."), QStringLiteral("DIR")},
        {QStringLiteral("config"), QStringLiteral("INI file with the same keys as the long flags; flags win."), QStringLiteral("FILE")},
        {QStringLiteral("dev"), QStringLiteral("Development mode: loopback only, demo/demo and admin/admin, /dev/token.")},
        {QStringLiteral("jwt-alg"), QStringLiteral("Access token algorithm: HS256 (default), RS256, ES256 or EdDSA."), QStringLiteral("ALG")},
        {QStringLiteral("jwt-secret-file"), QStringLiteral("HS256 key file, at least 32 bytes, used as is."), QStringLiteral("FILE")},
        {QStringLiteral("jwt-private-key"), QStringLiteral("RS256/ES256/EdDSA private key (PEM, unencrypted): signs and verifies."), QStringLiteral("FILE")},
        {QStringLiteral("jwt-public-key"), QStringLiteral("RS256/ES256/EdDSA public key (PEM); alone, the server verifies but issues no tokens."), QStringLiteral("FILE")},
        {QStringLiteral("issuer"), QStringLiteral("Token issuer (signalgate)."), QStringLiteral("S")},
        {QStringLiteral("audience"), QStringLiteral("Token audience (signalgate-clients)."), QStringLiteral("S")},
        {QStringLiteral("access-ttl"), QStringLiteral("Access token lifetime in seconds (900)."), QStringLiteral("S")},
        {QStringLiteral("refresh-ttl"), QStringLiteral("Refresh token lifetime in seconds (28800)."), QStringLiteral("S")},
        {QStringLiteral("leeway"), QStringLiteral("Clock leeway for exp/nbf in seconds (30)."), QStringLiteral("S")},
        {QStringLiteral("signal-interval-ms"), QStringLiteral("Simulated feed interval (250; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("signals-per-tick"), QStringLiteral("Simulated signals per tick (1)."), QStringLiteral("N")},
        {QStringLiteral("allowed-origin"), QStringLiteral("Origin allowed to open /ws and get CORS answers (repeatable; exact match)."), QStringLiteral("ORIGIN")},
        {QStringLiteral("conn-rate"), QStringLiteral("WebSocket upgrades per source IP, N/S (10/60; 0 = off)."), QStringLiteral("N/S")},
        {QStringLiteral("msg-rate"), QStringLiteral("Messages per connection, N/S (60/60; 0 = off)."), QStringLiteral("N/S")},
        {QStringLiteral("login-rate"), QStringLiteral("Failed logins per IP and user name, N/S (5/300; 0 = off)."), QStringLiteral("N/S")},
        {QStringLiteral("login-rate-user"), QStringLiteral("Failed logins per user name from any IP, N/S (20/300; 0 = off)."), QStringLiteral("N/S")},
        {QStringLiteral("max-conns"), QStringLiteral("Open WebSockets plus requests in progress (default: open-file limit - 64; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("max-pending-logins"), QStringLiteral("Password checks queued or running (default 4 per core; 2 per IP; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("ipv6-prefix"), QStringLiteral("IPv6 clients are keyed by this prefix for every per-IP limit (64)."), QStringLiteral("BITS")},
        {QStringLiteral("refresh-grace"), QStringLiteral("Seconds a just-spent refresh token may be repeated without revoking (10; 0 = off)."), QStringLiteral("S")},
        {QStringLiteral("refresh-max-age"), QStringLiteral("Absolute lifetime of a login's refresh family in seconds (2592000)."), QStringLiteral("S")},
        {QStringLiteral("metrics-listen"), QStringLiteral("Serve /metrics, /healthz and /readyz without a token here only."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("max-conns-per-user"), QStringLiteral("Concurrent connections per user (5; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("max-message-bytes"), QStringLiteral("Largest client message (65536; 0 = Qt's default)."), QStringLiteral("N")},
        {QStringLiteral("max-outbound-bytes"), QStringLiteral("Unsent bytes per connection before 1013 (1048576; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("handshake-timeout-ms"), QStringLiteral("Time for a whole request head (5000; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("history"), QStringLiteral("Signals kept for resume (10000; 0 = none)."), QStringLiteral("N")},
        {QStringLiteral("max-pending-per-ip"), QStringLiteral("Requests per IP still sending their head (32; 0 = off)."), QStringLiteral("N")},
        {QStringLiteral("rate-table-max"), QStringLiteral("Keys per rate-limiter table before LRU eviction (100000)."), QStringLiteral("N")},
        {QStringLiteral("audit-log"), QStringLiteral("Audit log file (JSON lines; default <data-dir>/audit.log)."), QStringLiteral("FILE")},
        {QStringLiteral("tls-cert"), QStringLiteral("TLS certificate (PEM, chain after it); with --tls-key the port speaks only https/wss."), QStringLiteral("FILE")},
        {QStringLiteral("tls-key"), QStringLiteral("TLS private key (PEM, EC or RSA, unencrypted) for --tls-cert."), QStringLiteral("FILE")},
        {QStringLiteral("password-stdin"), QStringLiteral("user add: read the password from standard input.")},
        {QStringLiteral("scope"), QStringLiteral("user add: space separated scopes."), QStringLiteral("S")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional: user add|del NAME, or gen-dev-cert DIR"));

    if (!parser.parse(arguments)) {
        result.error = parser.errorText() + QStringLiteral("; see --help");
        return result;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        result.helpText = QCoreApplication::applicationName() + QLatin1Char(' ')
                + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return result;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.value(0) == QLatin1String("gen-dev-cert")) {
        if (positional.size() != 2 || positional[1].trimmed().isEmpty()) {
            result.error = QStringLiteral("gen-dev-cert takes one directory: gen-dev-cert DIR");
            return result;
        }
        if (parser.isSet(QStringLiteral("password-stdin")) || parser.isSet(QStringLiteral("scope"))) {
            result.error = QStringLiteral("--password-stdin and --scope only go with 'user add NAME'");
            return result;
        }
        config.command = ServerConfig::Command::GenDevCert;
        config.devCertDir = positional[1];
    } else if (!positional.isEmpty()) {
        if (positional.value(0) != QLatin1String("user") || positional.size() != 3
            || (positional[1] != QLatin1String("add") && positional[1] != QLatin1String("del"))) {
            result.error = QStringLiteral("unknown command '%1'; expected 'user add NAME --password-stdin', 'user del NAME' or 'gen-dev-cert DIR'")
                                   .arg(positional.join(QLatin1Char(' ')));
            return result;
        }
        config.userName = positional[2];
        if (positional[1] == QLatin1String("add")) {
            config.command = ServerConfig::Command::UserAdd;
            if (!parser.isSet(QStringLiteral("password-stdin"))) {
                result.error = QStringLiteral("user add needs --password-stdin (passwords are never taken from the command line)");
                return result;
            }
            config.userScope = parser.value(QStringLiteral("scope")).simplified();
        } else {
            config.command = ServerConfig::Command::UserDel;
            if (parser.isSet(QStringLiteral("password-stdin")) || parser.isSet(QStringLiteral("scope"))) {
                result.error = QStringLiteral("--password-stdin and --scope only go with 'user add NAME'");
                return result;
            }
        }
    } else if (parser.isSet(QStringLiteral("password-stdin")) || parser.isSet(QStringLiteral("scope"))) {
        result.error = QStringLiteral("--password-stdin and --scope only go with 'user add NAME'");
        return result;
    }

    // INI first, flags over it.
    QMap<QString, QString> values;
    bool dev = parser.isSet(QStringLiteral("dev"));
    if (parser.isSet(QStringLiteral("config"))) {
        const QString file = parser.value(QStringLiteral("config"));
        const QFileInfo info(file);
        if (!info.isFile() || !info.isReadable()) {
            result.error = QStringLiteral("--config: cannot read '%1'; check the path and its permissions").arg(file);
            return result;
        }
        QSettings ini(file, QSettings::IniFormat);
        // QSettings reads lazily: the status means something only after a read.
        const QStringList keys = ini.allKeys();
        if (ini.status() != QSettings::NoError) {
            result.error = QStringLiteral("--config: '%1' is not a valid INI file (every line must be key=value)").arg(file);
            return result;
        }
        QStringList iniOrigins;
        for (const QString &key : keys) {
            // QSettings turns an unquoted comma into a list; for a single value
            // that would silently lose it, so say so instead.
            if (ini.value(key).userType() == QMetaType::QStringList && key != QLatin1String("allowed-origin")) {
                result.error = QStringLiteral("--config: %1: the value of '%2' (--%2) has an unquoted comma; put it in double quotes")
                                       .arg(file, key);
                return result;
            }
            const QString value = ini.value(key).toString();
            if (key == QLatin1String("dev")) {
                const QString v = value.trimmed().toLower();
                if (v != QLatin1String("true") && v != QLatin1String("false")) {
                    result.error = QStringLiteral("--config: %1: dev must be true or false, got '%2'").arg(file, value);
                    return result;
                }
                dev = dev || v == QLatin1String("true");
            } else if (key == QLatin1String("allowed-origin")) {
                iniOrigins = ini.value(key).toStringList();
            } else if (valueOptions.contains(key)) {
                values.insert(key, value);
            } else {
                result.error = QStringLiteral("--config: %1: unknown key '%2'; keys are the long flag names without dashes")
                                       .arg(file, key);
                return result;
            }
        }
        config.allowedOrigins = iniOrigins;
    }
    for (const QString &name : valueOptions) {
        if (parser.isSet(name))
            values.insert(name, parser.value(name));
    }

    // Flags win: given on the command line, the list replaces the file's.
    if (parser.isSet(QStringLiteral("allowed-origin")))
        config.allowedOrigins = parser.values(QStringLiteral("allowed-origin"));
    for (QString &origin : config.allowedOrigins) {
        origin = origin.trimmed();
        if (!isOrigin(origin)) {
            result.error = flagError(QStringLiteral("allowed-origin"), origin,
                                     QStringLiteral("an origin like https://app.example.com (scheme://host[:port], no path, no slash, no default port)"));
            return result;
        }
    }
    config.allowedOrigins.removeDuplicates();

    config.dev = dev;
    auto take = [&](const QString &name) { return values.value(name); };

    if (values.contains(QStringLiteral("listen"))
        && !parseListen(take(QStringLiteral("listen")), &config.listenAddress, &config.listenPort)) {
        result.error = flagError(QStringLiteral("listen"), take(QStringLiteral("listen")),
                                 QStringLiteral("HOST:PORT such as 127.0.0.1:8765 or [::1]:8765"));
        return result;
    }
    if (values.contains(QStringLiteral("metrics-listen"))
        && !parseListen(take(QStringLiteral("metrics-listen")), &config.metricsListenAddress, &config.metricsListenPort)) {
        result.error = flagError(QStringLiteral("metrics-listen"), take(QStringLiteral("metrics-listen")),
                                 QStringLiteral("HOST:PORT such as 127.0.0.1:9100 or [::1]:9100"));
        return result;
    }
    if (config.dev && !config.listenAddress.isLoopback()) {
        result.error = QStringLiteral("--dev binds loopback only; use --listen 127.0.0.1:PORT (or drop --dev)");
        return result;
    }

    config.dataDir = values.contains(QStringLiteral("data-dir"))
            ? take(QStringLiteral("data-dir"))
            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (config.dataDir.trimmed().isEmpty()) {
        result.error = QStringLiteral("no data directory: pass --data-dir DIR");
        return result;
    }

    if (values.contains(QStringLiteral("jwt-alg"))) {
        config.jwtAlgorithm = take(QStringLiteral("jwt-alg"));
        // Exact JWA names only (jwsAlgorithmFromName): "eddsa" or "Ed25519" is a typo, not a choice.
        if (!jwsAlgorithmFromName(config.jwtAlgorithm)) {
            result.error = flagError(QStringLiteral("jwt-alg"), config.jwtAlgorithm,
                                     QStringLiteral("HS256, RS256, ES256 or EdDSA (exact spelling)"));
            return result;
        }
    }
    config.jwtSecretFile = take(QStringLiteral("jwt-secret-file"));
    config.jwtPrivateKeyFile = take(QStringLiteral("jwt-private-key"));
    config.jwtPublicKeyFile = take(QStringLiteral("jwt-public-key"));
    // A key file the algorithm ignores would look configured but do nothing: refuse it.
    if (config.jwtAlgorithm == QLatin1String("HS256")) {
        if (values.contains(QStringLiteral("jwt-private-key")) || values.contains(QStringLiteral("jwt-public-key"))) {
            result.error = QStringLiteral("--jwt-private-key and --jwt-public-key need --jwt-alg RS256, ES256 or EdDSA; "
                                          "HS256 uses --jwt-secret-file");
            return result;
        }
    } else if (values.contains(QStringLiteral("jwt-secret-file"))) {
        result.error = QStringLiteral("--jwt-secret-file is for HS256; --jwt-alg %1 uses --jwt-private-key and/or --jwt-public-key")
                               .arg(config.jwtAlgorithm);
        return result;
    } else if (config.jwtPrivateKeyFile.trimmed().isEmpty() && config.jwtPublicKeyFile.trimmed().isEmpty()) {
        result.error = QStringLiteral("--jwt-alg %1 needs --jwt-private-key FILE (to issue tokens) and/or "
                                      "--jwt-public-key FILE (to verify them)")
                               .arg(config.jwtAlgorithm);
        return result;
    }
    if (values.contains(QStringLiteral("issuer")))
        config.issuer = take(QStringLiteral("issuer"));
    if (values.contains(QStringLiteral("audience")))
        config.audience = take(QStringLiteral("audience"));
    if (config.issuer.trimmed().isEmpty() || config.audience.trimmed().isEmpty()) {
        result.error = QStringLiteral("--issuer and --audience must not be empty");
        return result;
    }

    const struct
    {
        const char *name;
        RateLimit *target;
    } rates[] = {{"conn-rate", &config.connRate}, {"msg-rate", &config.msgRate}, {"login-rate", &config.loginRate},
                   {"login-rate-user", &config.loginRateUser}};
    for (const auto &rate : rates) {
        const QString name = QString::fromLatin1(rate.name);
        if (!values.contains(name))
            continue;
        const auto parsed = parseRate(take(name));
        if (!parsed) {
            result.error = flagError(name, take(name), QStringLiteral("N/S such as 10/60 (N per S seconds), or 0 for off"));
            return result;
        }
        *rate.target = *parsed;
    }
    config.auditLogPath = take(QStringLiteral("audit-log"));
    for (const QString &name : {QStringLiteral("tls-cert"), QStringLiteral("tls-key")}) {
        if (values.contains(name) && take(name).trimmed().isEmpty()) {
            result.error = flagError(name, take(name), QStringLiteral("a PEM file"));
            return result;
        }
    }
    config.tlsCertFile = take(QStringLiteral("tls-cert"));
    config.tlsKeyFile = take(QStringLiteral("tls-key"));
    // One without the other would silently serve plain HTTP: refuse instead.
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty()) {
        result.error = QStringLiteral("--tls-cert and --tls-key go together; pass both (gen-dev-cert DIR makes a pair) or neither");
        return result;
    }

    struct IntegerFlag
    {
        const char *name;
        qint64 min;
        qint64 max;
        std::function<void(qint64)> store;
    };
    const IntegerFlag integers[] = {
        {"access-ttl", 1, 7 * 24 * 3600, [&](qint64 v) { config.accessTtlSeconds = v; }},
        {"refresh-ttl", 1, 365 * 24 * 3600, [&](qint64 v) { config.refreshTtlSeconds = v; }},
        {"leeway", 0, 600, [&](qint64 v) { config.leewaySeconds = v; }},
        {"signal-interval-ms", 0, 3600 * 1000, [&](qint64 v) { config.signalIntervalMs = int(v); }},
        {"signals-per-tick", 1, 100000, [&](qint64 v) { config.signalsPerTick = int(v); }},
        {"max-conns-per-user", 0, 1000000, [&](qint64 v) { config.maxConnsPerUser = int(v); }},
        {"max-message-bytes", 0, 64 * 1024 * 1024, [&](qint64 v) { config.maxMessageBytes = int(v); }},
        {"max-outbound-bytes", 0, qint64(1) << 34, [&](qint64 v) { config.maxOutboundBytes = v; }},
        {"handshake-timeout-ms", 0, 600000, [&](qint64 v) { config.handshakeTimeoutMs = int(v); }},
        {"history", 0, 10000000, [&](qint64 v) { config.history = int(v); }},
        {"max-pending-per-ip", 0, 1000000, [&](qint64 v) { config.maxPendingPerIp = int(v); }},
        {"rate-table-max", 1, 100000000, [&](qint64 v) { config.rateTableMax = int(v); }},
        {"max-conns", 0, 10000000, [&](qint64 v) { config.maxConns = int(v); }},
        {"max-pending-logins", 0, 100000, [&](qint64 v) { config.maxPendingLogins = int(v); }},
        {"ipv6-prefix", 1, 128, [&](qint64 v) { config.ipv6Prefix = int(v); }},
        {"refresh-grace", 0, 300, [&](qint64 v) { config.refreshGraceSeconds = v; }},
        {"refresh-max-age", 60, 10LL * 365 * 24 * 3600, [&](qint64 v) { config.refreshMaxAgeSeconds = v; }},
    };
    for (const IntegerFlag &flag : integers) {
        const QString name = QString::fromLatin1(flag.name);
        if (!values.contains(name))
            continue;
        const auto value = parseInteger(take(name), flag.min, flag.max);
        if (!value) {
            result.error = flagError(name, take(name),
                                     QStringLiteral("an integer from %1 to %2").arg(flag.min).arg(flag.max));
            return result;
        }
        flag.store(*value);
    }
    return result;
}

} // namespace SignalGate::Server
