#include "server.h"

#include "accesstokenverifier.h"
#include "auditjournal.h"
#include "auditlog.h"
#include "closing.h"
#include "cluster.h"
#include "database.h"
#include "datadir.h"
#include "frontdoor.h"
#include "httpapi.h"
#include "inprocessbroker.h"
#include "keyloader.h"
#include "logging.h"
#include "metrics.h"
#include "operationsapi.h"
#include "refreshstore.h"
#include "revocationfeed.h"
#include "revocationlist.h"
#include "sequencestore.h"
#include "session.h"
#include "signalpool.h"
#include "simulatedfeed.h"
#include "threadinbox.h"
#include "tokenissuer.h"
#include "userstore.h"
#include "websocketgate.h"

#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QThread>
#include <QTimer>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

namespace SignalGate::Server {

Server::Server(ServerConfig config, const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock)
    , m_mainThread(std::make_unique<ThreadInbox>())
    , m_metrics(std::make_unique<Metrics>())
    , m_audit(std::make_unique<AuditLog>())
{
    // Dev mode keeps its users, key, database and audit log apart, so a later
    // production run on the same --data-dir never sees demo/demo, admin/admin
    // or a /dev/token key (PROTOCOL.md section 10.3).
    if (m_config.dev)
        m_config.dataDir = QDir(m_config.dataDir).filePath(QStringLiteral("dev"));
}

Server::~Server()
{
    // Destroying the server is a clean stop: the next run continues the seq exactly.
    if (m_sequence && m_broker)
        m_sequence->recordCleanStop(m_broker->lastSeq());
}

bool Server::start(QString *error)
{
    // First: a bad password file changes nothing, and the limiters below share the link.
    if (m_config.hasBroker()) {
        m_cluster = Cluster::create(m_config, error);
        if (!m_cluster)
            return false;
    }
    FrontDoor::Policy doorPolicy;
    doorPolicy.limits.timeoutMs = m_config.handshakeTimeoutMs;
    doorPolicy.allowedOrigins = m_config.allowedOrigins;
    doorPolicy.connectionRate = m_config.connRate;
    doorPolicy.rateTableMax = m_config.rateTableMax;
    doorPolicy.clock = &m_clock;
    doorPolicy.maxPendingPerAddress = m_config.maxPendingPerIp;
    doorPolicy.maxConnections = m_config.effectiveMaxConns();
    doorPolicy.addressKey = AddressKey(m_config.ipv6Prefix);
    doorPolicy.unavailable = [this] { return brokerProblem(); };
    doorPolicy.limiters = m_cluster ? m_cluster->limiters() : LimiterFactory();
    // Before the port and the data dir: a bad certificate or key changes nothing.
    if (m_config.tlsEnabled()) {
        doorPolicy.tls = FrontDoor::loadTlsConfiguration(m_config.tlsCertFile, m_config.tlsKeyFile, error);
        if (!doorPolicy.tls)
            return false;
    }
    m_frontDoor = std::make_unique<FrontDoor>(doorPolicy, m_audit.get(), m_metrics.get());
    if (!m_frontDoor->listen(m_config.listenAddress, m_config.listenPort, error))
        return false;
    auto undo = [this] {
        m_frontDoor->close();
        if (m_metricsDoor)
            m_metricsDoor->close();
        return false;
    };
    if (m_config.hasMetricsListener()) {
        // Plain HTTP on an address the operator picks (an internal interface):
        // no upgrades, no origins, a small budget of its own.
        FrontDoor::Policy metricsPolicy;
        metricsPolicy.limits.timeoutMs = m_config.handshakeTimeoutMs;
        metricsPolicy.maxConnections = 64;
        metricsPolicy.acceptUpgrades = false;
        m_metricsDoor = std::make_unique<FrontDoor>(metricsPolicy, m_audit.get(), m_metrics.get());
        if (!m_metricsDoor->listen(m_config.metricsListenAddress, m_config.metricsListenPort, error)) {
            error->replace(QLatin1String("--listen"), QLatin1String("--metrics-listen"));
            return undo();
        }
    }

    if (!DataDir::prepare(m_config.dataDir, error) || !m_audit->open(m_config.effectiveAuditLogPath(), error)
        || (m_config.auditSyslog && !AuditJournal::available(error)))
        return undo();
    m_audit->sendToJournal(m_config.auditSyslog);
    const std::optional<JwsKey> key = KeyLoader::load(m_config, KeyLoader::Missing::Create, error);
    if (!key)
        return undo();
    if (!key->canSign())
        qCInfo(lcServer).noquote() << "no --jwt-private-key: this server verifies" << m_config.jwtAlgorithm
                                   << "tokens but issues none (/auth/login and /auth/refresh answer 503)";

    QByteArray databasePassword;
    if (!m_config.databasePasswordFile.isEmpty()) {
        const auto password =
                Cluster::readPassword(m_config.databasePasswordFile, QStringLiteral("--database-password-file"), error);
        if (!password)
            return undo();
        databasePassword = *password;
    }
    m_database = std::make_unique<Database>();
    if (!m_database->open(m_config.databasePath(), error, Database::ServerBusyTimeoutMs, databasePassword)) {
        *error += m_config.databaseUrl.isEmpty() ? QStringLiteral("; check --data-dir")
                                                 : QStringLiteral("; check --database and that PostgreSQL runs");
        return undo();
    }
    if (m_database->engine() == Database::Engine::Postgres) {
        // libpq does not reconnect by itself: look every second, so a
        // restarted PostgreSQL is found again without a /readyz probe.
        auto *watch = new QTimer(this);
        connect(watch, &QTimer::timeout, this, [this] { m_database->problem(); });
        watch->start(1000);
    }
    m_users = std::make_unique<UserStore>(*m_database);
    m_refreshTokens = std::make_unique<RefreshStore>(*m_database, m_config.refreshTtlSeconds,
                                                     m_config.refreshMaxAgeSeconds, m_config.refreshGraceSeconds);
    m_revocations = std::make_unique<RevocationList>(*m_database, *m_refreshTokens);
    if (!m_revocations->load(m_clock.wallSeconds(), error))
        return undo();
    if (m_config.dev) {
        if (!m_config.jwtSecretFile.isEmpty() || !m_config.jwtPrivateKeyFile.isEmpty())
            qCWarning(lcServer).noquote() << "--dev with a key file of your own: /dev/token tokens are valid wherever"
                                          << "that key is trusted; give dev mode a key made only for it";
        if (!m_users->ensureUser(QStringLiteral("demo"), "demo", QString(), error)
            || !m_users->ensureUser(QStringLiteral("admin"), "admin", QStringLiteral("admin signals:publish"), error))
            return undo();
    }

    m_issuer = std::make_unique<TokenIssuer>(*key, m_config.issuer, m_config.audience, m_config.accessTtlSeconds);
    m_verifier = std::make_unique<AccessTokenVerifier>(
            JwsVerifier(*key), AccessTokenPolicy{m_config.issuer, m_config.audience, m_config.leewaySeconds});

    makeBroker();
    const int threads = m_config.effectiveThreads();
    if (threads > QThread::idealThreadCount())
        qCWarning(lcServer).noquote() << "--threads" << threads << "is more than the" << QThread::idealThreadCount()
                                      << "cores here; the extra threads only take turns";
    m_pool = std::make_unique<SignalPool>(m_metrics.get(), m_clock, m_mainThread.get(), threads, m_broker->lastSeq());
    connect(m_broker, &Broker::delivered, m_pool.get(), &SignalPool::deliver);
    connect(m_broker, &Broker::positionChanged, m_pool.get(), &SignalPool::startAt);
    const QJsonObject limits{
            {QLatin1String("conn_rate"), QJsonArray{m_config.connRate.count, m_config.connRate.windowSeconds}},
            {QLatin1String("msg_rate"), QJsonArray{m_config.msgRate.count, m_config.msgRate.windowSeconds}},
            {QLatin1String("max_message_bytes"), m_config.maxMessageBytes},
            {QLatin1String("refresh_attempts"), m_config.refreshAttempts},
            {QLatin1String("history"), m_config.history}};
    WebSocketGate::Settings gateSettings;
    gateSettings.limits = limits;
    gateSettings.maxConnectionsPerUser = m_config.maxConnsPerUser;
    gateSettings.nodeId = m_config.nodeId.isEmpty()
            ? QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(port())
            : m_config.nodeId;
    gateSettings.session.messageRate = m_config.msgRate;
    gateSettings.session.maxMessageBytes = m_config.maxMessageBytes;
    gateSettings.session.maxOutboundBytes = m_config.maxOutboundBytes;
    gateSettings.session.audit = m_audit.get();
    gateSettings.session.metrics = m_metrics.get();
    gateSettings.session.clock = &m_clock;
    gateSettings.session.refreshAttempts = m_config.refreshAttempts;
    gateSettings.session.leewaySeconds = m_config.leewaySeconds;
    gateSettings.session.verifier = m_verifier.get();
    gateSettings.session.revocations = m_revocations.get();
    gateSettings.session.broker = m_broker;
    gateSettings.session.brokerThread = m_mainThread.get();
    m_gate = std::make_unique<WebSocketGate>(*m_verifier, m_pool.get(), gateSettings);
    const int maxConnections = doorPolicy.maxConnections;
    m_operations = std::make_unique<OperationsApi>(m_metrics.get(), [this, maxConnections] {
        if (maxConnections > 0 && m_frontDoor->openConnections() >= maxConnections)
            return QStringLiteral("at the connection limit (--max-conns %1)").arg(maxConnections);
        return unavailableReason();
    });
    HttpApi::Services services{m_users.get(), m_refreshTokens.get(), m_issuer.get(),   &m_frontDoor->originPolicy(),
                               m_audit.get(), m_metrics.get(),       m_verifier.get(), m_revocations.get(),
                               m_broker,      m_operations.get()};
    HttpApi::Settings apiSettings;
    apiSettings.devMode = m_config.dev;
    apiSettings.login.loginRate = m_config.loginRate;
    apiSettings.login.loginRateUser = m_config.loginRateUser;
    apiSettings.login.rateTableMax = m_config.rateTableMax;
    apiSettings.login.loginQueue = {m_config.effectiveMaxPendingLogins(),
                                    m_config.effectiveMaxPendingLogins() > 0 ? ServerConfig::MaxPendingLoginsPerIp : 0};
    apiSettings.login.addressKey = AddressKey(m_config.ipv6Prefix);
    apiSettings.login.unavailable = [this] { return brokerProblem(); };
    apiSettings.login.limiters = m_cluster ? m_cluster->limiters() : LimiterFactory();
    apiSettings.metricsHere = !m_config.hasMetricsListener();
    m_httpApi = std::make_unique<HttpApi>(services, apiSettings, m_clock);
    connect(m_frontDoor.get(), &FrontDoor::upgradeAdmitted, m_gate.get(), &WebSocketGate::handleUpgrade);
    connect(m_frontDoor.get(), &FrontDoor::requestReceived, m_httpApi.get(), &HttpApi::handle);
    wireRevocations();

    m_metrics->addGauge(QStringLiteral("signalgate_connections_active"),
                        QStringLiteral("Authenticated connections in the pool."), {},
                        [this] { return double(m_pool->size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_ratelimit_table_keys"),
                        QStringLiteral("Keys held per rate-limiter table."), QStringLiteral("kind=\"connection\""),
                        [this] { return double(m_frontDoor->connectionLimiter().size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_ratelimit_table_keys"),
                        QStringLiteral("Keys held per rate-limiter table."), QStringLiteral("kind=\"login\""),
                        [this] { return double(m_httpApi->loginLimiter().size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_ratelimit_table_keys"),
                        QStringLiteral("Keys held per rate-limiter table."), QStringLiteral("kind=\"login_user\""),
                        [this] { return double(m_httpApi->userLoginLimiter().size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_login_checks_pending"),
                        QStringLiteral("Password checks queued or running."), {},
                        [this] { return double(m_httpApi->loginQueue().pending()); });
    m_metrics->addGauge(QStringLiteral("signalgate_connections_open"),
                        QStringLiteral("Open WebSockets plus requests in progress, as counted against --max-conns."),
                        {}, [this] { return double(m_frontDoor->openConnections()); });
    m_metrics->addGauge(QStringLiteral("signalgate_audit_write_errors"),
                        QStringLiteral("Audit lines that could not be written."), {},
                        [this] { return double(m_audit->writeErrors()); });

    // What the alert rules watch besides the counters (dist/prometheus).
    m_metrics->addGauge(QStringLiteral("signalgate_ready"),
                        QStringLiteral("1 while /readyz answers ready: the database and, with --broker, Redis are "
                                       "usable."),
                        {}, [this] { return unavailableReason().isEmpty() ? 1.0 : 0.0; });
    m_metrics->addGauge(QStringLiteral("signalgate_database_up"), QStringLiteral("1 while the database answers."), {},
                        [this] { return m_database->problem().isEmpty() ? 1.0 : 0.0; });
    if (m_cluster)
        m_cluster->addMetrics(*m_metrics);

    if (m_metricsDoor)
        connect(m_metricsDoor.get(), &FrontDoor::requestReceived, m_operations.get(), &OperationsApi::handle);

    m_feed = std::make_unique<SimulatedFeed>(m_config.signalIntervalMs, m_config.signalsPerTick, m_clock);
    connect(m_feed.get(), &SimulatedFeed::produced, m_broker,
            [this](const SignalFrame &signal) { m_broker->publish(signal); });
    m_feed->start();
    qCInfo(lcServer).noquote() << "listening on" << baseUrl() << (m_config.dev ? "(dev mode)" : "");
    return true;
}

void Server::makeBroker()
{
    if (m_cluster) {
        m_cluster->start(*m_revocations, m_clock);
        m_broker = m_cluster->broker();
        return;
    }
    m_sequence = std::make_unique<SequenceStore>(*m_database);
    m_localBroker = std::make_unique<InProcessBroker>(m_config.history, m_sequence->start(),
                                                      [this](quint64 last) { return m_sequence->reserveFrom(last); });
    m_broker = m_localBroker.get();
}

void Server::wireRevocations()
{
    // Revocations reach open connections at once (queued to each pool thread),
    // well within 1 s. The predicates run there: they hold copies.
    SignalPool *pool = m_pool.get();
    const auto closeToken = [pool](const QString &jti) {
        pool->closeMatching([jti](const Session &s) { return s.claims().jwtId == jti; }, Close::TokenRevoked);
    };
    const auto closeFamily = [pool](const QString &family) {
        pool->closeMatching([family](const Session &s) { return s.claims().family == family; }, Close::TokenRevoked);
    };
    const auto closeSubject = [pool](const QString &subject) {
        pool->closeMatching([subject](const Session &s) { return s.claims().subject == subject; }, Close::TokenRevoked);
    };
    connect(m_httpApi.get(), &HttpApi::tokenRevoked, this, closeToken);
    connect(m_httpApi.get(), &HttpApi::familyRevoked, this, closeFamily);
    connect(m_httpApi.get(), &HttpApi::subjectRevoked, this, closeSubject);
    Metrics *metrics = m_metrics.get();
    connect(m_httpApi.get(), &HttpApi::tokenRevoked, this,
            [metrics] { metrics->countRevocation(QStringLiteral("token")); });
    connect(m_httpApi.get(), &HttpApi::familyRevoked, this,
            [metrics] { metrics->countRevocation(QStringLiteral("family")); });
    connect(m_httpApi.get(), &HttpApi::subjectRevoked, this,
            [metrics] { metrics->countRevocation(QStringLiteral("subject")); });
    if (!m_cluster)
        return;
    // Every other node closes them too, and this one what the others revoke.
    RevocationFeed *feed = m_cluster->revocationFeed();
    connect(m_httpApi.get(), &HttpApi::tokenRevoked, feed, &RevocationFeed::announceToken);
    connect(m_httpApi.get(), &HttpApi::familyRevoked, feed, &RevocationFeed::announceFamily);
    connect(m_httpApi.get(), &HttpApi::subjectRevoked, feed, &RevocationFeed::announceSubject);
    connect(feed, &RevocationFeed::tokenRevoked, this, closeToken);
    connect(feed, &RevocationFeed::familyRevoked, this, closeFamily);
    connect(feed, &RevocationFeed::subjectRevoked, this, closeSubject);
}

QString Server::unavailableReason() const
{
    const QString database = m_database->problem();
    return database.isEmpty() ? brokerProblem() : database;
}

QString Server::brokerProblem() const
{
    return m_cluster ? m_cluster->problem() : QString();
}

void Server::reload(const ServerConfig &fresh)
{
    if (!m_frontDoor)
        return;
    m_frontDoor->setAllowedOrigins(fresh.allowedOrigins);
    m_config.allowedOrigins = fresh.allowedOrigins;
    qCInfo(lcServer).noquote() << "reload: allowed origins"
                               << (fresh.allowedOrigins.isEmpty() ? QStringLiteral("none")
                                                                  : fresh.allowedOrigins.join(QStringLiteral(", ")));
    if (fresh.tlsEnabled() != m_config.tlsEnabled()) {
        qCWarning(lcServer).noquote() << "reload: turning TLS on or off needs a restart; the port keeps speaking"
                                      << (m_config.tlsEnabled() ? "https" : "http");
        return;
    }
    if (!fresh.tlsEnabled())
        return;
    QString error;
    const std::optional<QSslConfiguration> tls =
            FrontDoor::loadTlsConfiguration(fresh.tlsCertFile, fresh.tlsKeyFile, &error);
    if (!tls) {
        qCWarning(lcServer).noquote() << "reload:" << error << "; the running certificate stays";
        return;
    }
    m_frontDoor->setTlsConfiguration(*tls);
    m_config.tlsCertFile = fresh.tlsCertFile;
    m_config.tlsKeyFile = fresh.tlsKeyFile;
    qCInfo(lcServer).noquote()
            << "reload: TLS certificate" << fresh.tlsCertFile << "for"
            << tls->localCertificate().subjectInfo(QSslCertificate::CommonName).join(QLatin1Char(',')) << "until"
            << tls->localCertificate().expiryDate().toString(Qt::ISODate);
}

void Server::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (!m_pool) {
        QMetaObject::invokeMethod(this, &Server::stopped, Qt::QueuedConnection);
        return;
    }
    m_feed->stop();
    m_frontDoor->close();
    if (m_metricsDoor)
        m_metricsDoor->close();
    auto finish = [this] {
        if (!m_stopped) {
            m_stopped = true;
            Q_EMIT stopped();
        }
    };
    connect(m_pool.get(), &SignalPool::sizeChanged, this, [finish](int size) {
        if (size == 0)
            finish();
    });
    // closeGracefully aborts unresponsive peers after CloseAnswerMs; this is the outer bound.
    QTimer::singleShot(CloseAnswerMs + 1000, this, finish);
    if (m_pool->size() == 0)
        QTimer::singleShot(0, this, finish);
    else
        m_pool->closeAll(Close::ServerShuttingDown);
}

quint16 Server::port() const
{
    return m_frontDoor ? m_frontDoor->port() : 0;
}

quint16 Server::metricsPort() const
{
    return m_metricsDoor ? m_metricsDoor->port() : 0;
}

QString Server::baseUrl() const
{
    ServerConfig shown = m_config;
    shown.listenPort = port();
    return (m_config.tlsEnabled() ? QStringLiteral("https://") : QStringLiteral("http://")) + shown.listenText();
}

qsizetype Server::connectionLimiterSize() const
{
    return m_frontDoor ? m_frontDoor->connectionLimiter().size() : 0;
}

qsizetype Server::expiryQueueSize() const
{
    return m_pool ? m_pool->expiryQueueSize() : 0;
}

QString Server::auditLogPath() const
{
    return m_audit->path();
}

int Server::sessionCount() const
{
    return m_pool ? m_pool->size() : 0;
}

QList<int> Server::sessionsPerThread() const
{
    return m_pool ? m_pool->shardSizes() : QList<int>();
}

}   // namespace SignalGate::Server
