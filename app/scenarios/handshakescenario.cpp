#include "handshakescenario.h"

#include "closecodes.h"
#include "connectionpacer.h"
#include "handshakeprobe.h"
#include "probeconnection.h"
#include "redactor.h"
#include "tokenmutation.h"
#include "tokensource.h"

using namespace SignalGate::Protocol;

namespace SignalGate::Scenarios {

bool HandshakeScenario::handles(const QString &id)
{
    return id == QLatin1String("bad-origin") || id == QLatin1String("oversized-token")
            || id == QLatin1String("connection-flood");
}

int HandshakeScenario::plannedUpgrades() const
{
    // The flood's own upgrades are not paced; only reading the limits first is.
    return m_scenario.id == QLatin1String("connection-flood") ? (m_context->limits.isEmpty() ? 1 : 0) : 1;
}

void HandshakeScenario::begin()
{
    if (m_scenario.id == QLatin1String("bad-origin"))
        return badOrigin();
    if (m_scenario.id == QLatin1String("oversized-token"))
        return oversizedToken();
    flood();
}

void HandshakeScenario::take(const HandshakeProbe *probe)
{
    ScenarioResult::Actual &actual = m_result.actual;
    actual.httpStatus = probe->httpStatus();
    actual.welcomed = actual.welcomed || probe->welcomed();
    actual.closeCode = probe->closeCode();
    actual.closeReason = probe->closeReason();
    if (!probe->error().isEmpty())
        actual.errors << probe->error();
}

void HandshakeScenario::badOrigin()
{
    ProbeRequest request = m_context->request(ProbeRequest::TokenMode::Value, m_context->tokens->accessToken());
    request.origin = m_context->foreignOrigin;
    openHandshake(
            request,
            [this](HandshakeProbe *probe) {
                take(probe);
                const int refusal = m_context->profile.originRefusalStatus;
                if (probe->httpStatus() == refusal)
                    return pass(tr("refused with HTTP %1 before the upgrade").arg(refusal));
                if (probe->httpStatus() == 101)
                    return fail(tr("upgraded a request from the foreign Origin %1%2")
                                        .arg(m_context->foreignOrigin,
                                             probe->welcomed() ? tr(" and sent welcome") : QString()));
                fail(probe->httpStatus() ? tr("HTTP %1 instead of %2").arg(probe->httpStatus()).arg(refusal)
                                         : tr("no answer: %1").arg(probe->error()));
            },
            m_context->answerWaitMs);
}

void HandshakeScenario::oversizedToken()
{
    const QByteArray token = TokenMutation::oversized(m_context->tokens->accessToken());
    m_context->redactor->addSecret(token);
    openHandshake(
            m_context->request(ProbeRequest::TokenMode::Value, token),
            [this](HandshakeProbe *probe) {
                take(probe);
                const int status = probe->httpStatus();
                if (status == 400 || status == 431)
                    return pass(tr("refused with HTTP %1 before the upgrade").arg(status));
                if (status != 101)
                    return fail(status ? tr("HTTP %1 instead of 400/431 or 1008").arg(status)
                                       : tr("no answer: %1").arg(probe->error()));
                if (probe->welcomed())
                    return fail(
                            tr("admitted a %1-byte token: the server sent welcome").arg(TokenMutation::OversizedBytes));
                const QString reason = Close::InvalidToken.reasonText();
                if (m_context->isRefusalClose(probe->closeCode())
                    && (!m_context->compareReasons() || probe->closeReason() == reason))
                    return pass(tr("upgraded, then closed %1").arg(probe->closeCode()));
                fail(probe->closeCode() < 0 ? tr("no close after the upgrade")
                                            : tr("closed %1 \"%2\"").arg(probe->closeCode()).arg(probe->closeReason()));
            },
            m_context->answerWaitMs);
}

void HandshakeScenario::flood()
{
    if (m_context->limits.isEmpty()) {
        // Read the published rate first: flooding by a guessed one could
        // stop short of the limit and blame the server for it.
        openProbe(m_context->request(ProbeRequest::TokenMode::Value, m_context->tokens->accessToken()),
                  [this](ProbeConnection *probe) {
                      const auto go = [this, probe] {
                          // A target that publishes nothing is flooded at the default rate.
                          if (m_context->limits.isEmpty())
                              m_context->limits.insert(QStringLiteral("conn_rate"), QJsonValue());
                          probe->close();
                          flood();
                      };
                      if (probe->isAdmitted() || probe->isFinished())
                          return go();
                      connect(probe, &ProbeConnection::admitted, this, go);
                      connect(probe, &ProbeConnection::finished, this, [this] {
                          if (m_context->limits.isEmpty())
                              fail(tr("could not read the published limits: not admitted"));
                      });
                  });
        return;
    }
    ConnectionPacer *pacer = m_context->pacer;
    if (pacer->limited() && pacer->intervalMs() < MinRefillIntervalMs) {
        return skip(tr("the published rate (%1 per %2 s) refills every %3 ms: faster than a flood of the limit plus %4 "
                       "can spend it, so no polite flood can prove it")
                            .arg(pacer->limitCount())
                            .arg(pacer->limitWindowSeconds())
                            .arg(pacer->intervalMs())
                            .arg(FloodExtra));
    }
    // Nothing published: the pacer only guesses the contract's default, so
    // flood past that default rather than past what the guess has left.
    const bool published = m_context->limit(QStringLiteral("conn_rate"), 0, 0) > 0;
    m_floodBase = (published && pacer->limited() ? pacer->available() : DefaultConnRate) + FloodExtra;
    m_floodClock.start();
    floodNext(0);
}

int HandshakeScenario::floodBound() const
{
    // What the server's bucket could have granted by now, plus a few: the
    // tokens it had, and those it refilled while the flood ran.
    const qint64 interval = m_context->pacer->intervalMs();
    return m_floodBase + (interval > 0 ? int(m_floodClock.elapsed() / interval) : 0);
}

void HandshakeScenario::floodNext(int sent)
{
    if (const int max = floodBound(); sent >= max) {
        const int count = m_context->limit(QStringLiteral("conn_rate"), 0, 0);
        const QString published = count > 0
                ? tr("the server publishes conn_rate %1/%2 s")
                          .arg(count)
                          .arg(m_context->limit(QStringLiteral("conn_rate"), 1, 0))
                : tr("nothing published; the contract's default is %1 per 60 s").arg(DefaultConnRate);
        return fail(tr("no %1 after %2 upgrades in a row (%3)")
                            .arg(m_context->profile.rateRefusalStatus)
                            .arg(max)
                            .arg(published));
    }
    // No token: an admitted upgrade never joins the pool (the server closes it
    // 1008), and the probe drops it as soon as the 101 is read, so the flood
    // leaves nothing behind.
    openHandshake(
            m_context->request(ProbeRequest::TokenMode::None),
            [this, sent](HandshakeProbe *probe) {
                take(probe);
                const int status = probe->httpStatus();
                if (status == m_context->profile.rateRefusalStatus) {
                    const QByteArray retryAfter = probe->header("Retry-After");
                    if (retryAfter.isEmpty() || probe->retryAfterMs() < 0)
                        return fail(tr("%1 after %n upgrade(s), but without a valid Retry-After", nullptr, sent)
                                            .arg(status));
                    return pass(tr("%1 after %n admitted upgrade(s), Retry-After: %2 s", nullptr, sent)
                                        .arg(status)
                                        .arg(QString::fromLatin1(retryAfter)));
                }
                if (status != 101)
                    return fail(status ? tr("HTTP %1 during the flood").arg(status)
                                       : tr("no answer: %1").arg(probe->error()));
                floodNext(sent + 1);
            },
            m_context->answerWaitMs, false, true);
}

}   // namespace SignalGate::Scenarios
