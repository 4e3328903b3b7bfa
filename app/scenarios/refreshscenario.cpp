#include "refreshscenario.h"

#include "closecodes.h"
#include "messages.h"
#include "probeconnection.h"
#include "tokenclaims.h"
#include "tokenmutation.h"
#include "tokensource.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace SignalGate::Protocol;
using namespace SignalGate::Client;

namespace SignalGate::Scenarios {

namespace {
QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QString kOtherUser = QStringLiteral("signalgate-check-other");
}   // namespace

bool RefreshScenario::handles(const QString &id)
{
    return id == QLatin1String("refresh-in-band") || id == QLatin1String("refresh-other-user")
            || id == QLatin1String("refresh-exhausted") || id == QLatin1String("expiry-without-refresh");
}

qint64 RefreshScenario::plannedMs() const
{
    // Expiry waits for exp + the contract's default leeway of 30 s.
    return m_scenario.id == QLatin1String("expiry-without-refresh") ? (ExpiringTokenSeconds + 30) * 1000 : 1500;
}

void RefreshScenario::begin()
{
    const QString &id = m_scenario.id;
    if (id == QLatin1String("expiry-without-refresh")) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        m_context->tokens->mint({{QStringLiteral("exp"), now + ExpiringTokenSeconds}}, {},
                                [this](const QByteArray &token, const QString &error) {
                                    if (token.isEmpty())
                                        return skip(error);
                                    openAdmitted(token, [this](ProbeConnection *probe) { expiry(probe); });
                                });
        return;
    }
    openAdmitted(m_context->tokens->accessToken(), [this, id](ProbeConnection *probe) {
        if (id == QLatin1String("refresh-in-band"))
            return inBand(probe);
        if (id == QLatin1String("refresh-other-user"))
            return otherUser(probe);
        exhausted(probe);
    });
}

void RefreshScenario::sendRefresh(ProbeConnection *probe, const QByteArray &token, const QString &id)
{
    probe->sendText(json({{QStringLiteral("type"), QString(MessageType::AuthRefresh)},
                          {QStringLiteral("token"), QString::fromLatin1(token)},
                          {QStringLiteral("id"), id}}));
}

void RefreshScenario::expectClose(ProbeConnection *probe, const QString &reason, int waitMs,
                                  const std::function<QString()> &extra)
{
    const auto judge = [this, probe, reason, extra] {
        take(probe);
        if (probe->closeCode() < 0)
            return fail(tr("still open after the wait"));
        if (!refusedWith(probe, reason))
            return fail(tr("closed %1 \"%2\" instead of %3")
                                .arg(probe->closeCode())
                                .arg(probe->closeReason(), expectedRefusal(reason)));
        if (const QString problem = extra ? extra() : QString(); !problem.isEmpty())
            return fail(problem);
        pass(tr("closed %1 \"%2\"").arg(probe->closeCode()).arg(probe->closeReason()));
    };
    whenFinished(probe, judge);
    after(waitMs, judge);
}

void RefreshScenario::inBand(ProbeConnection *probe)
{
    // The new token must expire later than the one in use: HTTP refresh in a
    // later second than the current token was issued.
    const std::optional<TokenClaims> current = TokenClaims::decodeUnverified(m_context->tokens->accessToken());
    const qint64 waitMs = current ? (current->issuedAt + 1) * 1000 - QDateTime::currentMSecsSinceEpoch() + 50 : 0;
    after(int(qMax<qint64>(0, waitMs)), [this, probe] {
        m_context->tokens->refreshAccess([this, probe](const QByteArray &token, const QString &error) {
            if (token.isEmpty())
                return fail(error);
            const auto judge = [this, probe] {
                take(probe);
                if (probe->isFinished())
                    return fail(tr("disconnected: close %1 \"%2\"").arg(probe->closeCode()).arg(probe->closeReason()));
                if (probe->countOfType(MessageType::AuthRefreshed) == 0)
                    return fail(probe->countOfError(ErrorCode::RefreshFailed)
                                        ? tr("refresh_failed for a fresh token")
                                        : tr("no auth.refreshed within %1 ms").arg(m_context->answerWaitMs));
                pass(tr("auth.refreshed, still connected"));
            };
            connect(probe, &ProbeConnection::messageReceived, this, [judge](const QJsonObject &message) {
                const QString type = message.value(QLatin1String("type")).toString();
                if (type == MessageType::AuthRefreshed
                    || (type == MessageType::Error
                        && message.value(QLatin1String("code")).toString() == ErrorCode::RefreshFailed))
                    judge();
            });
            whenFinished(probe, judge);
            after(m_context->answerWaitMs, judge);
            sendRefresh(probe, token, QStringLiteral("refresh-in-band"));
        });
    });
}

void RefreshScenario::otherUser(ProbeConnection *probe)
{
    const QString sub = m_context->tokens->claims().value(QLatin1String("sub")).toString();
    const QString other = sub == kOtherUser ? kOtherUser + QStringLiteral("-2") : kOtherUser;
    m_context->tokens->mint({{QStringLiteral("sub"), other}}, {},
                            [this, probe](const QByteArray &token, const QString &error) {
                                if (token.isEmpty())
                                    return skip(error);
                                expectClose(probe, Close::RefreshRejected.reasonText(), m_context->answerWaitMs);
                                sendRefresh(probe, token, QStringLiteral("refresh-other-user"));
                            });
}

void RefreshScenario::exhausted(ProbeConnection *probe)
{
    int attempts = m_context->limit(QStringLiteral("refresh_attempts"), 0, 3);
    if (attempts <= 0)
        attempts = 3;
    expectClose(probe, Close::RefreshRejected.reasonText(), m_context->answerWaitMs, [this, probe, attempts] {
        const int failed = probe->countOfError(ErrorCode::RefreshFailed);
        return failed == attempts || !m_context->compareReasons()
                ? QString()
                : tr("%n refresh_failed answer(s) before the close", nullptr, failed)
                        + tr(", expected %n", nullptr, attempts);
    });
    // Refused tokens (a changed signature): each attempt counts, the one after the last closes.
    const QByteArray bad = TokenMutation::badSignature(m_context->tokens->accessToken());
    for (int i = 1; i <= attempts + 1; ++i)
        sendRefresh(probe, bad, QStringLiteral("attempt-%1").arg(i));
}

void RefreshScenario::expiry(ProbeConnection *probe)
{
    expectClose(probe, Close::TokenExpired.reasonText(), ExpiryCloseWaitMs, [this, probe] {
        return probe->countOfType(MessageType::AuthExpiring) > 0 || !m_context->compareReasons()
                ? QString()
                : tr("no auth.expiring before the close");
    });
}

}   // namespace SignalGate::Scenarios
