#pragma once

#include "limiterstore.h"
#include "redislink.h"
#include "serverconfig.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>

namespace SignalGate {
class Clock;
}

namespace SignalGate::Server {

class Broker;
class Metrics;
class RedisBroker;
class RedisLimiterStore;
using RedisLinkSettings = RedisLink::Settings;
class RevocationFeed;
class RevocationList;

// What a node shares with the others through Redis (--broker, docs/SCALING.md):
// the link, the broker, the revocation feed and the per-IP limiters, and
// their metrics. Server makes one only with --broker; without it nothing
// here exists and the node is the one-machine server.
class Cluster : public QObject
{
    Q_OBJECT
public:
    // The link, not yet open (the broker and the feed subscribe first);
    // nullptr with *error when the password file cannot be read.
    static std::unique_ptr<Cluster> create(const ServerConfig &config, QString *error);
    ~Cluster() override;

    // Makes shared limiters; the front door and the login ask before start().
    LimiterFactory limiters();
    // The broker and the revocation feed (into revocations), then the link
    // opens. A node whose Redis is down starts anyway and says so (problem()).
    void start(RevocationList &revocations, const SignalGate::Clock &clock);

    Broker *broker() const;
    RevocationFeed *revocationFeed() const { return m_feed.get(); }
    // Why new upgrades and logins must wait (503); empty when they need not.
    // Asked for each of them, so it costs no round trip.
    QString problem() const;
    void addMetrics(Metrics &metrics) const;

    // --broker's link settings, password included; nullopt with *error when
    // the password file cannot be read. `user del` uses them too.
    static std::optional<RedisLinkSettings> linkSettings(const ServerConfig &config, QString *error);
    // Reads a password file for option; warns when others may read it.
    static std::optional<QByteArray> readPassword(const QString &path, const QString &option, QString *error);

private:
    Cluster(const ServerConfig &config, std::unique_ptr<RedisLink> link);

    ServerConfig m_config;
    // Declared first, destroyed last: the others hold references to it.
    std::unique_ptr<RedisLink> m_link;
    QList<const RedisLimiterStore *> m_limiters;   // owned by the front door and the login
    std::unique_ptr<RedisBroker> m_broker;
    std::unique_ptr<RevocationFeed> m_feed;
};

}   // namespace SignalGate::Server
