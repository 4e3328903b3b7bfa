#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

// Everything the server is told at start, already validated. Defaults are
// the contract's (PROTOCOL.md sections 6 and 8).
struct RateLimit
{
    int count = 0;       // 0 turns the limit off
    int windowSeconds = 0;
    bool enabled() const { return count > 0 && windowSeconds > 0; }
};

struct ServerConfig
{
    enum class Command { Run, UserAdd, UserDel };

    Command command = Command::Run;
    QString userName;        // user add / user del
    QString userScope;       // user add --scope

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8765;
    QString dataDir;
    bool dev = false;

    QString jwtAlgorithm = QStringLiteral("HS256");
    QString jwtSecretFile;   // empty: <dataDir>/jwt-secret, generated when absent
    QString issuer = QStringLiteral("signalgate");
    QString audience = QStringLiteral("signalgate-clients");
    qint64 accessTtlSeconds = 900;
    qint64 refreshTtlSeconds = 8 * 3600;
    qint64 leewaySeconds = 30;

    int signalIntervalMs = 250;
    int signalsPerTick = 1;

    // Announced in welcome.limits. Enforcement of the rate and size limits
    // lands with the hardening work (issue 3); the values are the contract's.
    RateLimit connRate{10, 60};
    RateLimit msgRate{60, 60};
    int maxMessageBytes = 65536;
    int refreshAttempts = 3;
    int history = 10000;

    QString databasePath() const;
    QString defaultSecretPath() const;
    QString listenText() const;
};
