#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QObject>

#include <functional>
#include <optional>

namespace SignalGate::Server {

class IncomingConnection;
class Metrics;

// /metrics, /healthz and /readyz (PROTOCOL.md section 10.2). On the main
// port HttpApi asks for a token before it hands /metrics here; on the
// --metrics-listen port this answers all three without one, and nothing else.
class OperationsApi : public QObject
{
    Q_OBJECT
public:
    // Empty when the node can admit new connections, else one line saying why not.
    using Readiness = std::function<QString()>;

    OperationsApi(const Metrics *metrics, Readiness readiness, QObject *parent = nullptr);

    // The operations listener: every path answered here, 404 for the rest.
    void handle(IncomingConnection *connection, const HttpRequest &request);
    // The answer for one of the three paths, or nullopt when path is none of them.
    std::optional<HttpResponse> answer(const HttpRequest &request) const;

private:
    const Metrics *m_metrics;
    Readiness m_readiness;
};

}   // namespace SignalGate::Server
