#include "connectscenario.h"

#include "closecodes.h"
#include "probeconnection.h"
#include "tokenmutation.h"
#include "tokensource.h"

#include <QDateTime>
#include <QStringList>

using namespace SignalGate::Protocol;

namespace SignalGate::Scenarios {

namespace {
const QStringList kIds{
        QStringLiteral("valid-token"),  QStringLiteral("no-token"),        QStringLiteral("empty-token"),
        QStringLiteral("null-token"),   QStringLiteral("malformed-token"), QStringLiteral("bad-signature"),
        QStringLiteral("alg-none"),     QStringLiteral("expired"),         QStringLiteral("not-yet-valid"),
        QStringLiteral("wrong-issuer"), QStringLiteral("wrong-audience"),  QStringLiteral("alg-confusion"),
        QStringLiteral("wrong-type"),   QStringLiteral("revoked-token")};
}   // namespace

bool ConnectScenario::handles(const QString &id)
{
    return kIds.contains(id);
}

qint64 ConnectScenario::plannedMs() const
{
    return m_scenario.id == QLatin1String("valid-token") ? 1000 : 300;
}

void ConnectScenario::begin()
{
    using Mode = ProbeRequest::TokenMode;
    const QString &id = m_scenario.id;
    TokenSource *tokens = m_context->tokens;
    const QByteArray current = tokens->accessToken();
    const auto withToken = [this](const QByteArray &token, const QString &error) {
        if (token.isEmpty())
            return skip(error);
        connectWith(ProbeRequest::TokenMode::Value, token);
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    if (id == QLatin1String("valid-token"))
        return connectWith(Mode::Value, current);
    if (id == QLatin1String("no-token"))
        return connectWith(Mode::None, {});
    if (id == QLatin1String("empty-token"))
        return connectWith(Mode::Empty, {});
    if (id == QLatin1String("null-token"))
        return connectWith(Mode::Value, TokenMutation::nullSignature(current));
    if (id == QLatin1String("malformed-token"))
        return connectWith(Mode::Value, TokenMutation::malformed());
    if (id == QLatin1String("bad-signature"))
        return connectWith(Mode::Value, TokenMutation::badSignature(current));
    if (id == QLatin1String("alg-none"))
        return connectWith(Mode::Value, TokenMutation::algNone(current));
    if (id == QLatin1String("expired"))
        return tokens->mint({{QStringLiteral("iat"), now - 7200}, {QStringLiteral("exp"), now - 3600}}, {}, withToken);
    if (id == QLatin1String("not-yet-valid"))
        return tokens->mint({{QStringLiteral("nbf"), now + 3600}}, {}, withToken);
    if (id == QLatin1String("wrong-issuer"))
        return tokens->mint({{QStringLiteral("iss"), QStringLiteral("https://issuer.invalid")}}, {}, withToken);
    if (id == QLatin1String("wrong-audience"))
        return tokens->mint({{QStringLiteral("aud"), QStringLiteral("another-audience")}}, {}, withToken);
    if (id == QLatin1String("wrong-type"))
        return tokens->mint({}, {{QStringLiteral("typ"), tokens->otherType()}}, withToken);
    if (id == QLatin1String("alg-confusion"))
        return tokens->mintConfused(withToken);
    if (id == QLatin1String("revoked-token"))
        return tokens->revokedToken(withToken);
    fail(tr("unknown scenario"));
}

void ConnectScenario::connectWith(ProbeRequest::TokenMode mode, const QByteArray &token)
{
    openProbe(m_context->request(mode, token), [this, mode](ProbeConnection *probe) {
        if (m_scenario.id == QLatin1String("valid-token"))
            return expectWelcomeAndSignal(probe);
        const CloseSpec expected =
                mode == ProbeRequest::TokenMode::Value ? Close::InvalidToken : Close::AuthenticationRequired;
        const auto judge = [this, probe, expected] { judgeRefusal(probe, expected.reasonText()); };
        // A server that admits the token gets no time to stream: admission is enough to fail.
        connect(probe, &ProbeConnection::admitted, this, judge);
        whenFinished(probe, judge);
        after(m_context->answerWaitMs, judge);
    });
}

void ConnectScenario::expectWelcomeAndSignal(ProbeConnection *probe)
{
    const auto judge = [this, probe] {
        take(probe);
        if (!probe->isAdmitted()) {
            if (probe->isFinished())
                return fail(tr("not admitted"));
            return fail(tr("not admitted within %1 ms").arg(waitMs()));
        }
        if (probe->signalsReceived() == 0) {
            return fail(probe->isFinished() ? tr("closed before any signal")
                                            : tr("welcome, but no signal within %1 ms").arg(m_context->signalWaitMs));
        }
        pass(probe->welcome().isEmpty()
                     ? tr("admitted (open after %1 ms), then a live signal").arg(m_context->profile.admitAfterMs)
                     : tr("%1, then a live signal").arg(m_context->profile.welcomeType));
    };
    // Signals may come before admission (a target without a welcome): both are needed.
    const auto judgeWhenBoth = [probe, judge] {
        if (probe->isAdmitted() && probe->signalsReceived() > 0)
            judge();
    };
    connect(probe, &ProbeConnection::messageReceived, this, judgeWhenBoth);
    connect(probe, &ProbeConnection::admitted, this, judgeWhenBoth);
    whenFinished(probe, judge);
    after(waitMs(), judge);
}

int ConnectScenario::waitMs() const
{
    return m_context->answerWaitMs + m_context->profile.admitAfterMs + m_context->signalWaitMs;
}

}   // namespace SignalGate::Scenarios
