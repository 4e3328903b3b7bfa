#pragma once

#include "clock.h"
#include "jwskey.h"
#include "serverconfig.h"

#include <QObject>

#include <functional>
#include <memory>

namespace SignalGate::Jose {
class AccessTokenVerifier;
class TokenIssuer;
}   // namespace SignalGate::Jose

namespace SignalGate::Server {

class AuditLog;
class Database;
class RevocationList;
class SequenceStore;
class Metrics;
class FrontDoor;
class HttpApi;
class OperationsApi;
class RefreshStore;
class SignalPool;
class Broker;
class Cluster;
class SimulatedFeed;
class ThreadInbox;
class UserStore;
class WebSocketGate;

// The composition root: builds every part from a validated ServerConfig and
// wires them together. main() and the tests construct exactly this.
class Server : public QObject
{
    Q_OBJECT
public:
    // Every part reads time from clock (tests pass a ManualClock); it must
    // outlive the server.
    explicit Server(ServerConfig config, const SignalGate::Clock &clock = SignalGate::Clock::system(),
                    QObject *parent = nullptr);
    ~Server() override;

    // Binds the port first (cheap to undo), then prepares the data dir, key and
    // database. On failure *error is one line naming the problem and the fix,
    // and nothing has been left half-written.
    bool start(QString *error);
    // Closes every connection with 1001 "Server shutting down"; emits stopped()
    // when all are gone (or after a grace period).
    void shutdown();
    // SIGHUP: takes what can change live from a freshly loaded configuration,
    // the allowed origins and the TLS certificate and key. A TLS pair that
    // does not load keeps the running one; each outcome is logged.
    void reload(const ServerConfig &fresh);

    quint16 port() const;
    quint16 metricsPort() const;   // --metrics-listen's port, 0 without it
    QString baseUrl() const;       // http://127.0.0.1:PORT, https:// with TLS
    const ServerConfig &config() const { return m_config; }
    int sessionCount() const;
    // Sessions per pool thread (one entry with --threads 1).
    QList<int> sessionsPerThread() const;
    // Live state for tests, benchmarks and /metrics.
    const Metrics &metrics() const { return *m_metrics; }
    qsizetype connectionLimiterSize() const;
    qsizetype expiryQueueSize() const;
    QString auditLogPath() const;

Q_SIGNALS:
    void stopped();

private:
    // The in-process broker, or the Redis one with --broker.
    void makeBroker();
    // Revocations close matching connections here, and with --broker on every node.
    void wireRevocations();
    // Why this node is not ready (/readyz): its database or broker; empty when it is.
    QString unavailableReason() const;
    // Why new upgrades and logins must wait; empty when they need not.
    QString brokerProblem() const;

    ServerConfig m_config;
    const SignalGate::Clock &m_clock;
    // Work the pool threads hand back to this one; first in, last out, so
    // nothing ever posts into a deleted inbox.
    std::unique_ptr<ThreadInbox> m_mainThread;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<RefreshStore> m_refreshTokens;
    std::unique_ptr<RevocationList> m_revocations;
    std::unique_ptr<SequenceStore> m_sequence;
    std::unique_ptr<Jose::TokenIssuer> m_issuer;
    std::unique_ptr<Jose::AccessTokenVerifier> m_verifier;
    // With --broker: what this node shares with the others; it outlives the
    // front door and the login, whose limiters use its link.
    std::unique_ptr<Cluster> m_cluster;
    // Declared in dependency order: destroyed in reverse, so sessions closing
    // during destruction still find the audit log, metrics and stores alive.
    std::unique_ptr<FrontDoor> m_frontDoor;
    std::unique_ptr<FrontDoor> m_metricsDoor;
    std::unique_ptr<OperationsApi> m_operations;
    std::unique_ptr<Broker> m_localBroker;   // without --broker
    Broker *m_broker = nullptr;              // the local one or m_cluster's
    std::unique_ptr<SignalPool> m_pool;
    std::unique_ptr<WebSocketGate> m_gate;
    std::unique_ptr<HttpApi> m_httpApi;
    std::unique_ptr<SimulatedFeed> m_feed;
    bool m_stopping = false;
    bool m_stopped = false;
};

}   // namespace SignalGate::Server
