#include "server.h"

#include "auth/accesstokenverifier.h"
#include "auth/database.h"
#include "auth/refreshstore.h"
#include "auth/secretfile.h"
#include "auth/tokenissuer.h"
#include "auth/userstore.h"
#include "core/logging.h"
#include "feed/simulatedfeed.h"
#include "gate/frontdoor.h"
#include "gate/httpapi.h"
#include "gate/websocketgate.h"
#include "observe/auditlog.h"
#include "observe/metrics.h"
#include "pool/signalpool.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_clock([] { return QDateTime::currentSecsSinceEpoch(); }),
      m_metrics(std::make_unique<Metrics>()),
      m_audit(std::make_unique<AuditLog>())
{
    m_monotonic.start();
}

Server::~Server() = default;

bool Server::start(QString *error)
{
    FrontDoor::Policy doorPolicy;
    doorPolicy.limits.timeoutMs = m_config.handshakeTimeoutMs;
    doorPolicy.allowedOrigins = m_config.allowedOrigins;
    doorPolicy.connectionRate = m_config.connRate;
    doorPolicy.rateTableMax = m_config.rateTableMax;
    doorPolicy.maxPendingPerAddress = m_config.maxPendingPerIp;
    m_frontDoor = std::make_unique<FrontDoor>(doorPolicy, m_audit.get(), m_metrics.get());
    if (!m_frontDoor->listen(m_config.listenAddress, m_config.listenPort, error))
        return false;
    auto undo = [this] {
        m_frontDoor->close();
        return false;
    };

    if (!prepareDataDir(error) || !m_audit->open(m_config.effectiveAuditLogPath(), error))
        return undo();
    const std::optional<QByteArray> secret = loadKey(error);
    if (!secret)
        return undo();

    m_database = std::make_unique<Database>();
    if (!m_database->open(m_config.databasePath(), error)) {
        *error += QStringLiteral("; check --data-dir");
        return undo();
    }
    m_users = std::make_unique<UserStore>(*m_database);
    m_refreshTokens = std::make_unique<RefreshStore>(*m_database, m_config.refreshTtlSeconds);
    if (m_config.dev) {
        if (!m_users->ensureUser(QStringLiteral("demo"), "demo", QString(), error)
            || !m_users->ensureUser(QStringLiteral("admin"), "admin", QStringLiteral("admin signals:publish"), error))
            return undo();
    }

    const JwsKey key = JwsKey::hmacSha256(*secret);
    m_issuer = std::make_unique<TokenIssuer>(key, m_config.issuer, m_config.audience, m_config.accessTtlSeconds);
    m_verifier = std::make_unique<AccessTokenVerifier>(
            JwsVerifier(key), AccessTokenPolicy{m_config.issuer, m_config.audience, m_config.leewaySeconds});

    const auto clock = [this] { return m_clock(); };
    m_pool = std::make_unique<SignalPool>(m_metrics.get());
    const QJsonObject limits{
        {QLatin1String("conn_rate"), QJsonArray{m_config.connRate.count, m_config.connRate.windowSeconds}},
        {QLatin1String("msg_rate"), QJsonArray{m_config.msgRate.count, m_config.msgRate.windowSeconds}},
        {QLatin1String("max_message_bytes"), m_config.maxMessageBytes},
        {QLatin1String("refresh_attempts"), m_config.refreshAttempts},
        {QLatin1String("history"), m_config.history}};
    WebSocketGate::Settings gateSettings;
    gateSettings.limits = limits;
    gateSettings.maxConnectionsPerUser = m_config.maxConnsPerUser;
    gateSettings.session.messageRate = m_config.msgRate;
    gateSettings.session.maxMessageBytes = m_config.maxMessageBytes;
    gateSettings.session.maxOutboundBytes = m_config.maxOutboundBytes;
    gateSettings.session.audit = m_audit.get();
    gateSettings.session.metrics = m_metrics.get();
    gateSettings.session.monotonicMs = [this] { return m_monotonic.elapsed(); };
    m_gate = std::make_unique<WebSocketGate>(*m_verifier, m_pool.get(), gateSettings, clock);
    HttpApi::Services services{m_users.get(), m_refreshTokens.get(), m_issuer.get(),
                               &m_frontDoor->originPolicy(), m_audit.get(), m_metrics.get()};
    m_httpApi = std::make_unique<HttpApi>(services, m_config.dev, m_config.loginRate, m_config.rateTableMax, clock);
    connect(m_frontDoor.get(), &FrontDoor::upgradeAdmitted, m_gate.get(), &WebSocketGate::handleUpgrade);
    connect(m_frontDoor.get(), &FrontDoor::requestReceived, m_httpApi.get(), &HttpApi::handle);

    m_metrics->addGauge(QStringLiteral("signalgate_connections_active"), QStringLiteral("Authenticated connections in the pool."),
                        {}, [this] { return double(m_pool->size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_ratelimit_table_keys"), QStringLiteral("Keys held per rate-limiter table."),
                        QStringLiteral("kind=\"connection\""), [this] { return double(m_frontDoor->connectionLimiter().size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_ratelimit_table_keys"), QStringLiteral("Keys held per rate-limiter table."),
                        QStringLiteral("kind=\"login\""), [this] { return double(m_httpApi->loginLimiter().size()); });
    m_metrics->addGauge(QStringLiteral("signalgate_audit_write_errors"), QStringLiteral("Audit lines that could not be written."),
                        {}, [this] { return double(m_audit->writeErrors()); });

    m_feed = std::make_unique<SimulatedFeed>(m_config.signalIntervalMs, m_config.signalsPerTick);
    connect(m_feed.get(), &SimulatedFeed::produced, m_pool.get(), &SignalPool::publish);
    m_feed->start();
    qCInfo(lcServer).noquote() << "listening on" << baseUrl() << (m_config.dev ? "(dev mode)" : "");
    return true;
}

bool Server::prepareDataDir(QString *error)
{
    const QString dir = m_config.dataDir;
    const bool existed = QFileInfo::exists(dir);
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create data directory %1; create it or pass another --data-dir").arg(dir);
        return false;
    }
    const QFileInfo info(dir);
    if (!info.isDir() || !info.isWritable()) {
        *error = QStringLiteral("data directory %1 is not writable; fix its permissions or pass another --data-dir").arg(dir);
        return false;
    }
    // Keys, password hashes and refresh-token hashes live here: owner only.
    if (!existed)
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

std::optional<QByteArray> Server::loadKey(QString *error)
{
    if (!m_config.jwtSecretFile.isEmpty()) {
        const auto key = SecretFile::read(m_config.jwtSecretFile, error);
        if (key && SecretFile::isReadableByOthers(m_config.jwtSecretFile))
            qCWarning(lcServer).noquote() << "key file" << m_config.jwtSecretFile << "is readable by group or others; chmod 600 it";
        return key;
    }
    const QString path = m_config.defaultSecretPath();
    if (QFileInfo::exists(path))
        return SecretFile::read(path, error);
    qCInfo(lcServer).noquote() << "generated a new HS256 key in" << path;
    return SecretFile::create(path, error);
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
    // closeGracefully aborts unresponsive peers after 5 s; this is the outer bound.
    QTimer::singleShot(6000, this, finish);
    if (m_pool->size() == 0)
        QTimer::singleShot(0, this, finish);
    else
        m_pool->closeAll(Close::ServerShuttingDown);
}

quint16 Server::port() const
{
    return m_frontDoor ? m_frontDoor->port() : 0;
}

QString Server::baseUrl() const
{
    ServerConfig shown = m_config;
    shown.listenPort = port();
    return QStringLiteral("http://") + shown.listenText();
}

qsizetype Server::connectionLimiterSize() const
{
    return m_frontDoor ? m_frontDoor->connectionLimiter().size() : 0;
}

QString Server::auditLogPath() const
{
    return m_audit->path();
}

int Server::sessionCount() const
{
    return m_pool ? m_pool->size() : 0;
}
