#include "closecodes.h"

namespace SignalGate::Protocol {

QList<CloseSpec> Close::all()
{
    return {NormalClosure, ServerShuttingDown, UnsupportedData, AuthenticationRequired, InvalidToken,
            TokenExpired,  TokenRevoked,       RefreshRejected, RateLimitExceeded,      TooManyConnections,
            MessageTooBig, InternalError,      SlowConsumer};
}

}   // namespace SignalGate::Protocol
