#include "closecodes.h"

QList<CloseSpec> Close::all()
{
    return {NormalClosure,      ServerShuttingDown, UnsupportedData,   AuthenticationRequired,
            InvalidToken,       TokenExpired,       TokenRevoked,      RefreshRejected,
            RateLimitExceeded,  TooManyConnections, MessageTooBig,     InternalError,
            SlowConsumer};
}
