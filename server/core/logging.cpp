#include "logging.h"

namespace SignalGate::Server {

Q_LOGGING_CATEGORY(lcServer, "signalgate.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGate, "signalgate.gate", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "signalgate.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "signalgate.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPool, "signalgate.pool", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFeed, "signalgate.feed", QtInfoMsg)

}   // namespace SignalGate::Server
