#include "signalendpoints.h"

#include "bearerauth.h"
#include "broker.h"
#include "clientmessage.h"
#include "jsonkeys.h"
#include "servermessages.h"

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

namespace SignalGate::Server {

SignalEndpoints::SignalEndpoints(const BearerAuth &bearer, Broker &broker, const SignalGate::Clock &clock)
    : m_bearer(bearer)
    , m_broker(broker)
    , m_clock(clock)
{}

void SignalEndpoints::publish(const HttpCall &call) const
{
    const std::optional<AccessTokenClaims> claims = m_bearer.authenticate(call);
    if (!claims)
        return;
    if (!claims->hasScope(QStringLiteral("signals:publish")))
        return call.respond(
                HttpResponse::error(403, "forbidden", QStringLiteral("Publishing needs the scope signals:publish")));
    const auto body = call.jsonBody();
    if (!body)
        return call.respond(HttpCall::badJson());
    const QString problem = ClientMessage::signalProblem(*body);
    if (!problem.isEmpty())
        return call.respond(HttpResponse::error(400, "bad_request", problem));
    m_broker.publish(SignalFrame::fromPublished(*body, m_clock.wallMs()), [respond = call.respond](quint64 seq) {
        respond(seq ? HttpResponse::json(202, {{Key::Seq, qint64(seq)}})
                    : HttpResponse::unavailable(QStringLiteral("the broker cannot take signals now")));
    });
}

}   // namespace SignalGate::Server
