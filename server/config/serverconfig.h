#pragma once

#include "ratelimit.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace SignalGate::Server {

// Everything the server is told at start, already validated. Defaults are
// the contract's (PROTOCOL.md sections 6 and 8).
struct ServerConfig
{
    enum class Command { Run, UserAdd, UserDel, GenDevCert, TokenMint, TokenInspect, ConfigCheck };

    Command command = Command::Run;
    QString userName;     // user add / user del
    QString userScope;    // user add --scope, token mint --scope
    QString devCertDir;   // gen-dev-cert DIR
    QString tokenSubject;         // token mint --sub
    qint64 tokenTtlSeconds = 0;   // token mint --ttl; 0: accessTtlSeconds
    QStringList tokenClaims;      // token mint --claim k=v, in order
    bool verifyToken = false;     // token inspect --verify

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8765;
    QString dataDir;
    bool dev = false;

    QString jwtAlgorithm = QStringLiteral("HS256");
    QString jwtSecretFile;   // empty: <dataDir>/jwt-secret, generated when absent
    // RS256/ES256/EdDSA (PEM). At least one; the public key alone verifies but cannot issue.
    QString jwtPrivateKeyFile;
    QString jwtPublicKeyFile;
    QString issuer = QStringLiteral("signalgate");
    QString audience = QStringLiteral("signalgate-clients");
    qint64 accessTtlSeconds = 900;
    qint64 refreshTtlSeconds = 8 * 3600;
    qint64 leewaySeconds = 30;

    int signalIntervalMs = 250;
    int signalsPerTick = 1;

    // Origins allowed to open /ws and to get CORS answers; exact match, empty by default.
    QStringList allowedOrigins;
    QString auditLogPath;   // empty: <dataDir>/audit.log
    bool auditSyslog = false;   // also to the systemd journal, as structured fields
    // Both set: TLS only (https and wss) on the one port; both empty: plain.
    QString tlsCertFile;
    QString tlsKeyFile;
    bool tlsEnabled() const { return !tlsCertFile.isEmpty(); }

    // Limits (PROTOCOL.md section 6); 0 turns one off.
    RateLimit connRate{10, 60};         // WebSocket upgrades per source IP
    RateLimit msgRate{60, 60};          // messages per connection
    RateLimit loginRate{5, 300};        // failed logins per (IP, user name)
    RateLimit loginRateUser{20, 300};   // failed logins per user name, from any IP
    int maxConnsPerUser = 5;
    int maxMessageBytes = 65536;
    qint64 maxOutboundBytes = 1024 * 1024;
    int handshakeTimeoutMs = 5000;
    int maxPendingPerIp = 32;    // requests from one IP still sending their head
    int rateTableMax = 100000;   // keys per limiter table before LRU eviction
    int refreshAttempts = 3;
    int history = 10000;
    // Event loops the sessions are shared over (docs/PERFORMANCE.md); negative:
    // one per core. 1: they live on the main thread with the listener, HTTP
    // and the broker.
    int threads = -1;

    // Abuse limits (PROTOCOL.md section 10.1); negative: derived at start.
    int maxConns = -1;           // open WebSockets plus requests in progress
    int maxPendingLogins = -1;   // password checks queued or running
    static constexpr int MaxPendingLoginsPerIp = 2;
    int ipv6Prefix = 64;   // IPv6 sources are keyed by this prefix
    qint64 refreshGraceSeconds = 10;
    qint64 refreshMaxAgeSeconds = 30 * 24 * 3600;

    // Several nodes (PROTOCOL.md section 10.7, docs/SCALING.md); empty: the
    // in-process broker of one node.
    QString brokerUrl;            // redis://[user@]HOST:PORT[/DB], checked when read
    QString brokerPasswordFile;   // empty: no AUTH
    QString brokerPrefix = QStringLiteral("signalgate");
    QString nodeId;   // welcome.node; empty: HOSTNAME:PORT
    // postgresql://[user@]HOST[:PORT]/DB shared by the nodes; empty: SQLite in dataDir.
    QString databaseUrl;
    QString databasePasswordFile;   // empty: libpq's PGPASSFILE or ~/.pgpass
    bool hasBroker() const { return !brokerUrl.isEmpty(); }

    // Set: /metrics, /healthz and /readyz without a token on this listener only.
    QHostAddress metricsListenAddress;
    quint16 metricsListenPort = 0;
    bool hasMetricsListener() const { return !metricsListenAddress.isNull(); }

    // --max-conns when given, else the open-file limit minus a margin for the
    // database, logs and listeners.
    int effectiveMaxConns() const;
    // --max-pending-logins when given, else 4 per CPU core.
    int effectiveMaxPendingLogins() const;
    // --threads when given, else one per CPU core.
    int effectiveThreads() const;
    QString databasePath() const;
    QString effectiveAuditLogPath() const;
    QString defaultSecretPath() const;
    QString listenText() const;
};

}   // namespace SignalGate::Server
