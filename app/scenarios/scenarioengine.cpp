#include "scenarioengine.h"

#include "connectionpacer.h"
#include "scenariorun.h"
#include "tokenforge.h"
#include "tokensource.h"

#include <QNetworkAccessManager>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace SignalGate::Scenarios {

ScenarioEngine::ScenarioEngine(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_pacer(new ConnectionPacer(this))
    , m_tokens(new TokenSource(m_network, &m_redactor, this))
{
    qRegisterMetaType<ScenarioResult>();
    qRegisterMetaType<ProbeFrame>();
    m_context.pacer = m_pacer;
    m_context.tokens = m_tokens;
    m_context.redactor = &m_redactor;
    connect(m_pacer, &ConnectionPacer::waiting, this, &ScenarioEngine::pacing);
}

ScenarioEngine::~ScenarioEngine()
{
    qDeleteAll(m_pending);
}

bool ScenarioEngine::serverUrls(const QUrl &given, QUrl *http, QUrl *ws, QString *error)
{
    const QString scheme = given.scheme();
    const bool secure = scheme == QLatin1String("https") || scheme == QLatin1String("wss");
    const bool plain = scheme == QLatin1String("http") || scheme == QLatin1String("ws");
    if (!given.isValid() || given.host().isEmpty() || (!secure && !plain)) {
        *error = tr("the server must be http(s)://HOST:PORT or ws(s)://HOST:PORT");
        return false;
    }
    QUrl base;
    base.setHost(given.host());
    base.setPort(given.port());
    *http = base;
    http->setScheme(secure ? QStringLiteral("https") : QStringLiteral("http"));
    *ws = base;
    ws->setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    return true;
}

bool ScenarioEngine::validateSelection(const QStringList &ids, QString *error)
{
    QStringList unknown;
    for (const QString &id : ids) {
        if (!Scenario::find(id))
            unknown << id;
    }
    if (unknown.isEmpty())
        return true;
    *error = tr("unknown scenario id(s): %1", nullptr, int(unknown.size())).arg(unknown.join(QStringLiteral(", ")));
    return false;
}

void ScenarioEngine::prepare(const Settings &settings)
{
    m_settings = settings;
    m_prepared = false;
    QString error;
    QUrl ignored;
    if (!serverUrls(settings.server, &m_context.httpUrl, &m_context.wsBase, &error)
        || (!settings.webSocketServer.isEmpty()
            && !serverUrls(settings.webSocketServer, &ignored, &m_context.wsBase, &error))) {
        Q_EMIT failed(error);
        return;
    }
    m_context.wsBase.setPath({});
    m_context.profile = settings.profile;
    m_context.sslConfiguration = settings.sslConfiguration;
    m_context.answerWaitMs = settings.answerWaitMs;
    m_context.signalWaitMs = settings.signalWaitMs;
    if (!settings.foreignOrigin.isEmpty())
        m_context.foreignOrigin = settings.foreignOrigin;
    m_context.forgeCheck = ScenarioContext::ForgeCheck::Unchecked;
    m_context.limits = {};
    m_tokens->setServer(m_context.httpUrl);
    m_tokens->setSslConfiguration(settings.sslConfiguration);
    m_tokens->setLogin(settings.profile);
    m_tokens->setForge(std::nullopt, settings.forgeClaims);
    m_tokens->setAccessToken({});
    if (!settings.keyFile.isEmpty()) {
        std::optional<TokenForge> forge = TokenForge::fromFile(settings.keyFile, &error);
        if (!forge) {
            Q_EMIT failed(error);
            return;
        }
        m_tokens->setForge(std::move(forge), settings.forgeClaims);
    }
    if (settings.profile.login == TargetProfile::Login::None) {
        if (!settings.token.isEmpty())
            m_tokens->setAccessToken(settings.token);
        else
            m_tokens->forgeCurrent(settings.user);
        finishPreparing();
        return;
    }
    m_redactor.addSecret(settings.password.toUtf8());
    m_tokens->login(settings.user, settings.password, [this](const QString &loginError) {
        if (!loginError.isEmpty()) {
            Q_EMIT failed(m_redactor.redact(loginError));
            return;
        }
        // /dev/token is ours: a foreign target is not asked.
        if (m_settings.profile.login != TargetProfile::Login::SignalGate)
            return finishPreparing();
        m_tokens->detectDevToken([this](const QString &) { finishPreparing(); });
    });
}

void ScenarioEngine::finishPreparing()
{
    // A WebSocket nobody answers on would make every scenario fail on the
    // same cause: say it once instead, before anything runs.
    auto *socket = new QTcpSocket(this);
    auto *deadline = new QTimer(socket);
    const QString where = m_context.wsBase.toString();
    // The answer is all we wanted: the socket goes, whatever it was.
    const auto done = [this, socket] {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    };
    const auto unreachable = [this, done, where](const QString &why) {
        done();
        Q_EMIT failed(tr("cannot reach the WebSocket at %1: %2").arg(where, why));
    };
    connect(socket, &QTcpSocket::connected, this, [this, done] {
        done();
        m_prepared = true;
        qCInfo(lcScenarios) << "prepared; token" << (m_tokens->accessToken().isEmpty() ? "none" : "ready")
                            << "; /dev/token" << (m_tokens->hasDevToken() ? "available" : "not available")
                            << "; local key"
                            << (m_tokens->hasForge() ? m_tokens->forgeAlgorithm() : QStringLiteral("none"));
        Q_EMIT prepared();
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [socket, unreachable] { unreachable(socket->errorString()); });
    connect(deadline, &QTimer::timeout, this,
            [this, unreachable] { unreachable(tr("no answer within %1 ms").arg(m_context.answerWaitMs)); });
    deadline->setSingleShot(true);
    deadline->start(m_context.answerWaitMs);
    const bool tls = m_context.wsBase.scheme() == QLatin1String("wss");
    socket->connectToHost(m_context.wsBase.host(), quint16(m_context.wsBase.port(tls ? 443 : 80)));
}

void ScenarioEngine::start(const Settings &settings, const QStringList &ids)
{
    auto *once = new QObject(this);
    connect(this, &ScenarioEngine::prepared, once, [this, ids, once] {
        once->deleteLater();
        run(ids);
    });
    connect(this, &ScenarioEngine::failed, once, &QObject::deleteLater);
    prepare(settings);
}

void ScenarioEngine::run(const QStringList &ids)
{
    if (!m_prepared || m_running)
        return;
    m_running = true;
    m_stopping = false;
    m_results.clear();
    m_context.spurious429 = 0;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_finishedAt = {};
    QList<Scenario> selection;
    for (const Scenario &scenario : Scenario::catalogue()) {
        if (ids.isEmpty() || ids.contains(scenario.id))
            selection.append(scenario);
    }
    std::stable_partition(selection.begin(), selection.end(),
                          [](const Scenario &scenario) { return scenario.id != QLatin1String("connection-flood"); });
    for (const Scenario &scenario : selection) {
        if (ScenarioRun *runner = ScenarioRun::create(scenario, &m_context))
            m_pending.append(runner);
    }
    m_total = int(m_pending.size());
    Q_EMIT runStarted(m_total);
    emitProgress();
    next();
}

void ScenarioEngine::next()
{
    if (m_pending.isEmpty() || m_stopping) {
        for (ScenarioRun *runner : std::as_const(m_pending)) {
            ScenarioResult result;
            result.id = runner->scenario().id;
            result.reason = tr("not run: the run was stopped");
            m_results.append(result);
            delete runner;
        }
        m_pending.clear();
        m_running = false;
        m_finishedAt = QDateTime::currentDateTimeUtc();
        Q_EMIT finished();
        return;
    }
    ScenarioRun *runner = m_pending.takeFirst();
    runner->setParent(this);
    m_current = runner;
    connect(runner, &ScenarioRun::frameRecorded, this,
            [this, runner](const ProbeFrame &frame) { Q_EMIT frameRecorded(runner->scenario().id, frame); });
    connect(runner, &ScenarioRun::finished, this, [this, runner] {
        m_results.append(runner->result());
        Q_EMIT scenarioFinished(runner->result());
        runner->deleteLater();
        emitProgress();
        // Let the probes' closing frames go out before the next scenario starts.
        QMetaObject::invokeMethod(this, &ScenarioEngine::next, Qt::QueuedConnection);
    });
    Q_EMIT scenarioStarted(runner->scenario().id, int(m_results.size()), m_total);
    runner->start();
}

void ScenarioEngine::stop()
{
    if (!m_running)
        return;
    m_stopping = true;
    if (m_current && !m_current->isFinished())
        m_current->stop(tr("stopped by the user"));
}

qint64 ScenarioEngine::estimateMs() const
{
    qint64 work = 0;
    int upgrades = 0;
    for (const ScenarioRun *runner : m_pending) {
        work += runner->plannedMs();
        upgrades += runner->plannedUpgrades();
    }
    return work + m_pacer->estimateMs(upgrades);
}

void ScenarioEngine::emitProgress()
{
    Q_EMIT progress(int(m_results.size()), m_total, estimateMs());
}

RunReport ScenarioEngine::report() const
{
    RunReport report;
    QUrl shown = m_context.httpUrl;
    shown.setUserInfo({});
    report.server = shown.toString();
    report.user = m_settings.user;
    report.profile = m_context.profile.name;
    report.tokenSource = m_tokens->origin();
    report.mintSource = m_tokens->hasForge() ? tr("local key (%1)").arg(m_tokens->forgeAlgorithm())
            : m_tokens->hasDevToken()        ? QStringLiteral("/dev/token")
                                             : tr("none");
    report.startedAt = m_startedAt;
    report.finishedAt = m_finishedAt.isValid() ? m_finishedAt : QDateTime::currentDateTimeUtc();
    report.spurious429 = m_context.spurious429;
    report.results = m_results;
    return report.redacted(m_redactor);
}

}   // namespace SignalGate::Scenarios
