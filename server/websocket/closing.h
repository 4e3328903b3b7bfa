#pragma once

#include "closecodes.h"

class QWebSocket;

namespace SignalGate {

// How long a peer has to answer our close frame before the socket is aborted.
inline constexpr int CloseAnswerMs = 5000;

// Sends the close frame with the contract's code and reason, deletes the
// socket once the peer has answered, and aborts it if the peer never answers
// (Qt waits for the peer's close frame without a time limit).
void closeGracefully(QWebSocket *socket, const Protocol::CloseSpec &spec, int abortAfterMs = CloseAnswerMs);

}   // namespace SignalGate
