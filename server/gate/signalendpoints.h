#pragma once

#include "httpcall.h"
#include "clock.h"

#include <functional>

namespace SignalGate::Protocol {
struct SignalFrame;
}

namespace SignalGate::Server {

class BearerAuth;

// POST /signals: a publisher (scope signals:publish) adds a signal to the
// pool; the answer is 202 with the seq it was given.
class SignalEndpoints
{
public:
    using Publish = std::function<quint64(SignalGate::Protocol::SignalFrame)>;   // returns the seq given

    SignalEndpoints(const BearerAuth &bearer, Publish publish, const SignalGate::Clock &clock);

    void publish(const HttpCall &call) const;

private:
    const BearerAuth &m_bearer;
    Publish m_publish;
    const SignalGate::Clock &m_clock;
};

} // namespace SignalGate::Server
