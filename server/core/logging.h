#pragma once

#include <QLoggingCategory>

namespace SignalGate::Server {

// One category per area; enable with QT_LOGGING_RULES="signalgate.gate.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcGate)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcPool)
Q_DECLARE_LOGGING_CATEGORY(lcFeed)

}   // namespace SignalGate::Server
