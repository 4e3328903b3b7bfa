#pragma once

#include "clock.h"
#include "httpcall.h"

namespace SignalGate::Jose {
class TokenIssuer;
}

namespace SignalGate::Server {

class UserStore;

// POST /dev/token, dev mode only (PROTOCOL.md section 10.3): a token with any
// claims and header members the caller asks for, signed with the dev key, so
// the console can build every bad token there is.
class DevEndpoints
{
public:
    DevEndpoints(const Jose::TokenIssuer &issuer, const UserStore &users, const SignalGate::Clock &clock);

    void token(const HttpCall &call) const;

private:
    const Jose::TokenIssuer &m_issuer;
    const UserStore &m_users;
    const SignalGate::Clock &m_clock;
};

}   // namespace SignalGate::Server
