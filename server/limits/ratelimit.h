#pragma once

namespace SignalGate::Server {

// "N per S seconds" as the contract writes limits (--conn-rate 10/60).
// A count or window of 0 turns the limit off.
struct RateLimit
{
    int count = 0;
    int windowSeconds = 0;
    bool enabled() const { return count > 0 && windowSeconds > 0; }
};

}   // namespace SignalGate::Server
