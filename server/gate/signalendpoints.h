#pragma once

#include "clock.h"
#include "httpcall.h"

namespace SignalGate::Server {

class BearerAuth;
class Broker;

// POST /signals: a publisher (scope signals:publish) hands a signal to the
// broker; the answer is 202 with the seq it was given.
class SignalEndpoints
{
public:
    SignalEndpoints(const BearerAuth &bearer, Broker &broker, const SignalGate::Clock &clock);

    void publish(const HttpCall &call) const;

private:
    const BearerAuth &m_bearer;
    Broker &m_broker;
    const SignalGate::Clock &m_clock;
};

}   // namespace SignalGate::Server
