#include "messagescenario.h"

#include "closecodes.h"
#include "messages.h"
#include "probeconnection.h"
#include "tokensource.h"

#include <QJsonDocument>

using namespace SignalGate::Protocol;

namespace SignalGate::Scenarios {

namespace {
QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
}   // namespace

bool MessageScenario::handles(const QString &id)
{
    return id == QLatin1String("message-flood") || id == QLatin1String("oversized-message")
            || id == QLatin1String("binary-frame") || id == QLatin1String("invalid-json");
}

void MessageScenario::begin()
{
    openAdmitted(m_context->tokens->accessToken(), [this](ProbeConnection *probe) { act(probe); });
}

void MessageScenario::act(ProbeConnection *probe)
{
    const QString &id = m_scenario.id;
    if (id == QLatin1String("binary-frame")) {
        probe->sendBinary(QByteArray::fromHex("00ff00ff"));
        return expectClose(probe, Close::UnsupportedData.code, {});
    }
    if (id == QLatin1String("oversized-message")) {
        int limit = m_context->limit(QStringLiteral("max_message_bytes"), 0, DefaultMaxMessageBytes);
        if (limit <= 0)
            limit = DefaultMaxMessageBytes;
        const QString head = QStringLiteral("{\"type\":\"ping\",\"pad\":\"");
        const QString tail = QStringLiteral("\"}");
        probe->sendText(head + QString(limit + 1 - head.size() - tail.size(), QLatin1Char('x')) + tail);
        return expectClose(probe, Close::MessageTooBig.code, {});
    }
    if (id == QLatin1String("invalid-json"))
        return invalidJson(probe);
    messageFlood(probe);
}

void MessageScenario::expectClose(ProbeConnection *probe, int code, const QString &reason)
{
    const auto judge = [this, probe, code, reason] {
        take(probe);
        if (probe->closeCode() < 0)
            return fail(tr("still open %1 ms later").arg(m_context->answerWaitMs));
        if (!closedWith(probe, code, reason))
            return fail(
                    tr("closed %1 \"%2\" instead of %3").arg(probe->closeCode()).arg(probe->closeReason()).arg(code));
        pass(tr("closed %1").arg(code));
    };
    whenFinished(probe, judge);
    after(m_context->answerWaitMs, judge);
}

void MessageScenario::invalidJson(ProbeConnection *probe)
{
    const QString pingId = QStringLiteral("after-invalid-json");
    const int signalsBefore = probe->signalsReceived();
    const auto judge = [this, probe, pingId, signalsBefore] {
        take(probe);
        if (probe->isFinished())
            return fail(tr("the connection closed (%1 \"%2\")").arg(probe->closeCode()).arg(probe->closeReason()));
        for (const QJsonObject &message : probe->messages()) {
            if (message.value(QLatin1String("type")).toString() == MessageType::Pong
                && message.value(QLatin1String("id")).toString() == pingId)
                return pass(tr("bad_request, and the connection still answers a ping"));
        }
        if (m_context->compareReasons()) {
            if (probe->countOfError(ErrorCode::BadRequest) == 0)
                return fail(tr("no bad_request error within %1 ms").arg(m_context->answerWaitMs));
            return fail(tr("no pong after the error: the connection is not usable"));
        }
        // A target with its own protocol has no ping to ask: usable means it streams on.
        const int after = probe->signalsReceived() - signalsBefore;
        if (after > 0)
            return pass(tr("still open, %n signal(s) after the garbage (no error answer asked for: profile %1)",
                           nullptr, after)
                                .arg(m_context->profile.name));
        fail(tr("still open, but no signal and no pong within %1 ms after the garbage").arg(m_context->answerWaitMs));
    };
    connect(probe, &ProbeConnection::messageReceived, this, [this, probe, pingId, judge](const QJsonObject &message) {
        const QString type = message.value(QLatin1String("type")).toString();
        if (type == MessageType::Error && message.value(QLatin1String("code")).toString() == ErrorCode::BadRequest)
            probe->sendText(
                    json({{QStringLiteral("type"), QString(MessageType::Ping)}, {QStringLiteral("id"), pingId}}));
        else if (type == MessageType::Pong && message.value(QLatin1String("id")).toString() == pingId)
            judge();
    });
    whenFinished(probe, judge);
    after(m_context->answerWaitMs, judge);
    probe->sendText(QStringLiteral("{\"type\": \"ping\", not json"));
}

void MessageScenario::messageFlood(ProbeConnection *probe)
{
    int rate = m_context->limit(QStringLiteral("msg_rate"), 0, DefaultMsgRate);
    if (rate <= 0)
        rate = DefaultMsgRate;
    const int count = rate + FloodExtra;
    const auto judge = [this, probe, count] {
        take(probe);
        const int limited = probe->countOfError(ErrorCode::RateLimited);
        if (limited == 0 && m_context->compareReasons())
            return fail(tr("no rate_limited error after %1 messages").arg(count)
                        + (probe->isFinished() ? QString() : tr(", and the connection stays open")));
        if (probe->closeCode() < 0)
            return fail(tr("%n rate_limited error(s) but no close", nullptr, limited)
                        + tr(" after %n message(s)", nullptr, count));
        if (!refusedWith(probe, Close::RateLimitExceeded.reasonText()))
            return fail(tr("closed %1 \"%2\" instead of %3")
                                .arg(probe->closeCode())
                                .arg(probe->closeReason(), expectedRefusal(Close::RateLimitExceeded.reasonText())));
        pass(tr("%n rate_limited error(s), then the close,", nullptr, limited)
             + tr(" after %n message(s)", nullptr, count));
    };
    whenFinished(probe, judge);
    after(m_context->answerWaitMs, judge);
    for (int i = 1; i <= count && probe->isOpen(); ++i)
        probe->sendText(json({{QStringLiteral("type"), QString(MessageType::Ping)}, {QStringLiteral("id"), i}}));
}

}   // namespace SignalGate::Scenarios
