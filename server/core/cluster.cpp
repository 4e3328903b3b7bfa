#include "cluster.h"

#include "logging.h"
#include "metrics.h"
#include "redisbroker.h"
#include "redislimiterstore.h"
#include "redislink.h"
#include "revocationfeed.h"
#include "secretfile.h"

using namespace SignalGate::Jose;

namespace SignalGate::Server {

Cluster::Cluster(const ServerConfig &config, std::unique_ptr<RedisLink> link)
    : m_config(config)
    , m_link(std::move(link))
{}

Cluster::~Cluster() = default;

std::optional<RedisLinkSettings> Cluster::linkSettings(const ServerConfig &config, QString *error)
{
    RedisLink::Settings link;
    link.address = *RedisAddress::parse(config.brokerUrl, error);   // checked when the option was read
    link.prefix = config.brokerPrefix.toUtf8();
    if (!config.brokerPasswordFile.isEmpty()) {
        const auto password = readPassword(config.brokerPasswordFile, QStringLiteral("--broker-password-file"), error);
        if (!password)
            return std::nullopt;
        link.password = *password;
    }
    return link;
}

std::unique_ptr<Cluster> Cluster::create(const ServerConfig &config, QString *error)
{
    const std::optional<RedisLinkSettings> link = linkSettings(config, error);
    if (!link)
        return nullptr;
    return std::unique_ptr<Cluster>(new Cluster(config, std::make_unique<RedisLink>(*link)));
}

std::optional<QByteArray> Cluster::readPassword(const QString &path, const QString &option, QString *error)
{
    auto password = SecretFile::readPassword(path, option, error);
    if (password && SecretFile::isReadableByOthers(path))
        qCWarning(lcServer).noquote() << option << path << "is readable by group or others; chmod 600 it";
    return password;
}

LimiterFactory Cluster::limiters()
{
    return [this](const QString &kind, RateLimit limit, qsizetype maxKeys, const SignalGate::Clock &clock) {
        auto store = std::make_unique<RedisLimiterStore>(*m_link, kind, limit, maxKeys, clock);
        m_limiters.append(store.get());
        return store;
    };
}

void Cluster::start(RevocationList &revocations, const SignalGate::Clock &clock)
{
    if (m_config.databaseUrl.isEmpty())
        qCWarning(lcServer).noquote() << "--broker without --database: signals, revocations and limits are shared,"
                                      << "but users and refresh tokens stay in this node's SQLite; a login or"
                                      << "refresh works only on the node that issued it (docs/SCALING.md)";
    m_broker = std::make_unique<RedisBroker>(*m_link, m_config.history);
    m_feed = std::make_unique<RevocationFeed>(*m_link, revocations, m_config.accessTtlSeconds + m_config.leewaySeconds,
                                              clock);
    connect(m_link.get(), &RedisLink::ready, this,
            [] { qCInfo(lcServer).noquote() << "broker connected and subscribed"; });
    connect(m_link.get(), &RedisLink::lost, this, [](const QString &why) {
        qCWarning(lcServer).noquote() << "broker lost:" << why << "- new connections get 503 until it is back";
    });
    m_link->open();
}

Broker *Cluster::broker() const
{
    return m_broker.get();
}

QString Cluster::problem() const
{
    if (!m_broker)
        return QStringLiteral("starting");
    QString broker = m_broker->problem();
    // Before every revocation in force is read, a token revoked on another
    // node could get in here.
    if (broker.isEmpty() && !m_feed->isCaughtUp())
        return QStringLiteral("broker: reading the revocations in force");
    return broker;
}

void Cluster::addMetrics(Metrics &metrics) const
{
    const RedisBroker *broker = m_broker.get();
    const RedisLink *link = m_link.get();
    const RevocationFeed *feed = m_feed.get();
    metrics.addGauge(QStringLiteral("signalgate_broker_connected"),
                     QStringLiteral("1 while the Redis broker is connected, subscribed and synced."), {},
                     [broker] { return broker->problem().isEmpty() ? 1.0 : 0.0; });
    const auto counter = [&metrics](const char *name, const char *help, std::function<double()> read) {
        metrics.addCounter(QString::fromLatin1(name), QString::fromLatin1(help), {}, std::move(read));
    };
    counter("signalgate_broker_reconnects_total", "Redis connections lost (commands or pub/sub) since start.",
            [link] { return double(link->reconnects()); });
    counter("signalgate_broker_messages_received_total", "Signals received from Redis pub/sub.",
            [broker] { return double(broker->stats().messagesReceived); });
    counter("signalgate_broker_published_total", "Signals this node published through Redis.",
            [broker] { return double(broker->stats().published); });
    counter("signalgate_broker_publish_failures_total", "Signals this node could not publish (Redis unreachable).",
            [broker] { return double(broker->stats().publishFailures); });
    counter("signalgate_broker_publish_seconds_sum",
            "Time from publish to Redis' answer, summed; divide by published_total.",
            [broker] { return broker->stats().publishSeconds; });
    counter("signalgate_broker_gaps_filled_total", "Reads of the Redis stream to fill a gap or catch up.",
            [broker] { return double(broker->stats().gapsFilled); });
    counter("signalgate_broker_epoch_changes_total", "Times the stream's history was found lost (a new epoch).",
            [broker] { return double(broker->stats().epochChanges); });
    counter("signalgate_revocations_from_other_nodes_total", "Revocations made on other nodes and applied here.",
            [feed] { return double(feed->appliedFromOthers()); });
    metrics.addGauge(QStringLiteral("signalgate_revocations_unsent"),
                     QStringLiteral("Revocations made here still waiting for Redis to reach the other nodes."), {},
                     [feed] { return double(feed->unsent()); });
    for (const RedisLimiterStore *limiter : m_limiters)
        metrics.addCounter(QStringLiteral("signalgate_ratelimit_local_fallbacks_total"),
                           QStringLiteral("Shared rate-limit decisions taken by this node alone (Redis away)."),
                           QStringLiteral("kind=\"%1\"").arg(limiter->kind()),
                           [limiter] { return double(limiter->localDecisions()); });
}

}   // namespace SignalGate::Server
