#pragma once

// The few WebSocket wire pieces the load generator and the raw-socket peer
// share (RFC 6455), without a WebSocket library: the point of the raw peer is
// to show what the bytes alone cost.
#include <cstdint>
#include <string>
#include <string_view>

namespace SignalGate::Bench {

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
std::string acceptKey(std::string_view clientKey);

// An unmasked (server to client) frame header for a final frame.
std::string serverFrameHeader(std::uint8_t opcode, std::size_t payloadSize);

// A masked (client to server) frame; the mask is fixed, as a benchmark needs
// no secrecy from itself.
std::string clientFrame(std::uint8_t opcode, std::string_view payload);

struct Frame
{
    std::uint8_t opcode = 0;
    bool fin = false;
    std::string_view payload;
    std::size_t size = 0;   // header plus payload
};

// The first complete frame at the start of data; size 0 while incomplete.
// Server frames are unmasked; a masked one is reported with its payload
// still masked (the load generator never receives one).
Frame parseFrame(std::string_view data);

// The integer value of "key": in a flat JSON text, -1 if absent. Enough for
// the seq and ts of a signal without a JSON parser in the hot loop.
long long jsonInteger(std::string_view json, std::string_view key);

// Resident set size and CPU time (user + system, ms) of a process, from /proc.
long long residentKiB(int pid);
long long cpuMs(int pid);

}   // namespace SignalGate::Bench
