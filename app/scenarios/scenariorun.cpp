#include "scenariorun.h"

#include "connectionpacer.h"
#include "connectscenario.h"
#include "handshakeprobe.h"
#include "handshakescenario.h"
#include "messagescenario.h"
#include "probeconnection.h"
#include "redactor.h"
#include "refreshscenario.h"
#include "tokensource.h"

#include <QElapsedTimer>
#include <QPointer>

namespace SignalGate::Scenarios {

namespace {
constexpr int kMaxSpuriousRetries = 2;
}

ScenarioRun::ScenarioRun(const Scenario &scenario, ScenarioContext *context, QObject *parent)
    : QObject(parent)
    , m_scenario(scenario)
    , m_context(context)
{
    m_result.id = scenario.id;
    m_hardLimit.setSingleShot(true);
    connect(&m_hardLimit, &QTimer::timeout, this,
            [this] { fail(tr("no outcome within %1 s").arg(HardLimitMs / 1000)); });
}

ScenarioRun *ScenarioRun::create(const Scenario &scenario, ScenarioContext *context, QObject *parent)
{
    if (ConnectScenario::handles(scenario.id))
        return new ConnectScenario(scenario, context, parent);
    if (HandshakeScenario::handles(scenario.id))
        return new HandshakeScenario(scenario, context, parent);
    if (MessageScenario::handles(scenario.id))
        return new MessageScenario(scenario, context, parent);
    if (RefreshScenario::handles(scenario.id))
        return new RefreshScenario(scenario, context, parent);
    return nullptr;
}

void ScenarioRun::start()
{
    m_result.expected = m_context->expectedOutcome(m_scenario);
    m_clock.start();
    m_hardLimit.start(HardLimitMs);
    qCInfo(lcScenarios).noquote() << "scenario" << m_scenario.id;
    if (const QString why = m_context->missing(m_scenario.needs); !why.isEmpty())
        return skip(why);
    if (m_scenario.needsMintedToken())
        return ensureMintWorks([this] { begin(); });
    begin();
}

void ScenarioRun::stop(const QString &why)
{
    skip(why);
}

void ScenarioRun::record(const ProbeFrame &frame)
{
    if (m_finished)
        return;
    if (m_result.frames.size() < ScenarioResult::MaxFrames)
        m_result.frames.append(frame);
    Q_EMIT frameRecorded(frame);
}

void ScenarioRun::openProbe(const ProbeRequest &request, const ProbeReady &ready, int attempt)
{
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    m_context->pacer->acquire(this, [this, request, ready, attempt, waited] {
        if (m_finished)
            return;
        m_result.actual.pacedMs += waited->elapsed();
        ++m_result.actual.upgrades;
        auto *probe = new ProbeConnection(m_context->redactor, this);
        probe->setRecognition(m_context->recognition());
        connect(probe, &ProbeConnection::frameRecorded, this, &ScenarioRun::record);
        connect(probe, &ProbeConnection::admitted, this,
                [this](const QJsonObject &welcome) { m_context->noteWelcome(welcome); });
        connect(probe, &ProbeConnection::handshakeDone, this, [this, probe, request, ready, attempt](bool upgraded) {
            if (m_finished)
                return;
            if (!upgraded && probe->httpStatus() == m_context->profile.rateRefusalStatus
                && attempt < kMaxSpuriousRetries) {
                ++m_context->spurious429;
                qCWarning(lcScenarios) << "unexpected rate refusal" << probe->httpStatus()
                                       << "(another client on this address?); pacing and retrying";
                m_context->pacer->refused(-1);
                probe->deleteLater();
                openProbe(request, ready, attempt + 1);
                return;
            }
            ready(probe);
        });
        probe->open(request);
    });
}

void ScenarioRun::openHandshake(const ProbeRequest &request, const HandshakeReady &ready, int timeoutMs, bool paced,
                                bool headOnly)
{
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    const auto go = [this, request, ready, timeoutMs, waited, headOnly] {
        if (m_finished)
            return;
        m_result.actual.pacedMs += waited->elapsed();
        ++m_result.actual.upgrades;
        auto *probe = new HandshakeProbe(m_context->redactor, this);
        probe->setHeadOnly(headOnly);
        connect(probe, &HandshakeProbe::frameRecorded, this, &ScenarioRun::record);
        connect(probe, &HandshakeProbe::finished, this, [this, probe, ready] {
            if (probe->httpStatus() == m_context->profile.rateRefusalStatus)
                m_context->pacer->refused(probe->retryAfterMs());
            if (!m_finished)
                ready(probe);
        });
        probe->open(request, timeoutMs);
    };
    if (paced) {
        m_context->pacer->acquire(this, go);
    } else {
        m_context->pacer->spend();
        go();
    }
}

void ScenarioRun::openAdmitted(const QByteArray &token, const ProbeReady &act)
{
    openProbe(m_context->request(ProbeRequest::TokenMode::Value, token), [this, act](ProbeConnection *probe) {
        if (probe->isAdmitted())
            return act(probe);
        const auto notOpen = [this, probe] {
            if (probe->isAdmitted())
                return;   // act() judges from here on
            take(probe);
            fail(tr("could not open an admitted connection (%1)")
                         .arg(probe->closeCode() >= 0 ? QStringLiteral("close %1 \"%2\"")
                                                                .arg(probe->closeCode())
                                                                .arg(probe->closeReason())
                                                      : probe->errors().join(QStringLiteral("; "))));
        };
        connect(probe, &ProbeConnection::admitted, this, [probe, act] { act(probe); });
        whenFinished(probe, notOpen);
        after(m_context->answerWaitMs + m_context->profile.admitAfterMs, notOpen);
    });
}

void ScenarioRun::whenFinished(ProbeConnection *probe, const std::function<void()> &fn)
{
    if (probe->isFinished()) {
        fn();
        return;
    }
    connect(probe, &ProbeConnection::finished, this, [this, fn] {
        if (!m_finished)
            fn();
    });
}

void ScenarioRun::after(int ms, const std::function<void()> &fn)
{
    QTimer::singleShot(ms, this, [this, fn] {
        if (!m_finished)
            fn();
    });
}

void ScenarioRun::ensureMintWorks(const std::function<void()> &next)
{
    if (!m_context->tokens->hasForge() || m_context->forgeCheck == ScenarioContext::ForgeCheck::Admitted) {
        next();
        return;
    }
    if (m_context->forgeCheck == ScenarioContext::ForgeCheck::Refused) {
        skip(m_context->forgeRefusal);
        return;
    }
    m_context->tokens->mint({}, {}, [this, next](const QByteArray &token, const QString &error) {
        if (token.isEmpty())
            return skip(error);
        openProbe(m_context->request(ProbeRequest::TokenMode::Value, token), [this, next](ProbeConnection *probe) {
            auto decided = std::make_shared<bool>(false);
            const auto decide = [this, probe, next, decided] {
                if (*decided)
                    return;
                *decided = true;
                if (probe->isAdmitted()) {
                    m_context->forgeCheck = ScenarioContext::ForgeCheck::Admitted;
                    probe->close();
                    whenFinished(probe, next);
                    return;
                }
                m_context->forgeCheck = ScenarioContext::ForgeCheck::Refused;
                m_context->forgeRefusal = tr("a token forged with the given key (%1) was refused (%2): the key is "
                                             "not the server's, so minted scenarios cannot prove anything")
                                                  .arg(m_context->tokens->forgeAlgorithm(), probe->closeReason());
                probe->abort();
                skip(m_context->forgeRefusal);
            };
            if (probe->isAdmitted() || probe->isFinished())
                return decide();
            connect(probe, &ProbeConnection::admitted, this, decide);
            connect(probe, &ProbeConnection::finished, this, decide);
        });
    });
}

void ScenarioRun::take(const ProbeConnection *probe)
{
    ScenarioResult::Actual &actual = m_result.actual;
    actual.httpStatus = probe->httpStatus();
    actual.closeCode = probe->closeCode();
    actual.closeReason = probe->closeReason();
    actual.welcomed = probe->isAdmitted();
    actual.signalsReceived = probe->signalsReceived();
    actual.errors = probe->errors();
    actual.messageTypes.clear();
    QString last;
    int repeats = 0;
    const auto flush = [&] {
        if (!last.isEmpty())
            actual.messageTypes << (repeats > 1 ? QStringLiteral("%1 x%2").arg(last).arg(repeats) : last);
    };
    // The welcome and the signals are counted above; the rest is listed.
    const ProbeConnection::Recognition recognition = m_context->recognition();
    for (const QJsonObject &message : probe->messages()) {
        QString type = message.value(QLatin1String("type")).toString();
        if (recognition.isWelcome(type) || recognition.isSignal(type))
            continue;
        if (type == QLatin1String("error"))
            type += QLatin1Char(' ') + message.value(QLatin1String("code")).toString();
        if (type == last) {
            ++repeats;
            continue;
        }
        flush();
        last = type;
        repeats = 1;
    }
    flush();
}

bool ScenarioRun::closedWith(const ProbeConnection *probe, int code, const QString &reason) const
{
    return probe->closeCode() == code && reasonMatches(probe, reason);
}

bool ScenarioRun::refusedWith(const ProbeConnection *probe, const QString &reason) const
{
    return m_context->isRefusalClose(probe->closeCode()) && reasonMatches(probe, reason);
}

bool ScenarioRun::reasonMatches(const ProbeConnection *probe, const QString &reason) const
{
    return reason.isEmpty() || !m_context->compareReasons() || probe->closeReason() == reason;
}

QString ScenarioRun::expectedRefusal(const QString &reason) const
{
    QStringList codes;
    for (int code : std::as_const(m_context->profile.refusalCloses))
        codes << QString::number(code);
    return codes.join(QLatin1Char('/'))
            + (reason.isEmpty() || !m_context->compareReasons() ? QString() : QStringLiteral(" \"%1\"").arg(reason));
}

void ScenarioRun::judgeRefusal(const ProbeConnection *probe, const QString &reason, const QList<int> &httpStatuses)
{
    take(probe);
    if (probe->isAdmitted())
        return fail(probe->welcome().isEmpty()
                            ? tr("admitted: still open %1 ms after the upgrade").arg(m_context->profile.admitAfterMs)
                            : tr("admitted: the server sent %1").arg(m_context->profile.welcomeType));
    if (probe->signalsReceived() > 0)
        return fail(tr("%n signal(s) reached a refused connection", nullptr, probe->signalsReceived()));
    if (probe->httpStatus() != 101) {
        if (httpStatuses.contains(probe->httpStatus()))
            return pass(tr("refused with HTTP %1 before the upgrade").arg(probe->httpStatus()));
        return fail(probe->httpStatus() ? tr("HTTP %1 instead of the upgrade").arg(probe->httpStatus())
                                        : tr("no upgrade: %1").arg(probe->errors().join(QStringLiteral("; "))));
    }
    if (probe->closeCode() < 0)
        return fail(tr("still open %1 ms after the upgrade").arg(m_context->answerWaitMs));
    if (!refusedWith(probe, reason))
        return fail(tr("closed %1 \"%2\" instead of %3")
                            .arg(probe->closeCode())
                            .arg(probe->closeReason(), expectedRefusal(reason)));
    pass(m_context->compareReasons() || reason.isEmpty() ? tr("closed as the contract says")
                                                         : tr("closed %1 \"%2\" (reason not compared: profile %3)")
                                                                   .arg(probe->closeCode())
                                                                   .arg(probe->closeReason(), m_context->profile.name));
}

void ScenarioRun::pass(const QString &why)
{
    finishWith(ScenarioResult::Verdict::Pass, why);
}

void ScenarioRun::fail(const QString &why)
{
    finishWith(ScenarioResult::Verdict::Fail, why);
}

void ScenarioRun::skip(const QString &why)
{
    finishWith(ScenarioResult::Verdict::Skip, why);
}

void ScenarioRun::finishWith(ScenarioResult::Verdict verdict, const QString &why)
{
    if (m_finished)
        return;
    m_finished = true;
    m_hardLimit.stop();
    m_result.verdict = verdict;
    m_result.reason = m_context->redactor ? m_context->redactor->redact(why) : why;
    m_result.actual.errors = [&] {
        QStringList errors;
        for (const QString &error : m_result.actual.errors)
            errors << (m_context->redactor ? m_context->redactor->redact(error) : error);
        return errors;
    }();
    m_result.actual.durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    // Every probe goes with the run; none is left open (the per-user cap).
    const QList<ProbeConnection *> probes = findChildren<ProbeConnection *>(QString(), Qt::FindDirectChildrenOnly);
    for (ProbeConnection *probe : probes) {
        if (!probe->isFinished())
            probe->close();
    }
    qCInfo(lcScenarios).noquote() << m_scenario.id << ScenarioResult::verdictName(verdict) << "-" << m_result.reason;
    Q_EMIT finished();
}

}   // namespace SignalGate::Scenarios
