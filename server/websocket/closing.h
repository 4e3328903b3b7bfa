#pragma once

#include "closecodes.h"

class QWebSocket;

namespace SignalGate {

// Sends the close frame with the contract's code and reason, deletes the
// socket once the peer has answered, and aborts it if the peer never answers
// (Qt waits for the peer's close frame without a time limit).
void closeGracefully(QWebSocket *socket, const Protocol::CloseSpec &spec, int abortAfterMs = 5000);

} // namespace SignalGate
