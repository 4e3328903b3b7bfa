#include "closecodeinfo.h"

#include "closecodes.h"

#include <QCoreApplication>

using namespace SignalGate::Protocol;

namespace SignalGate::Client {

namespace {

using Severity = CloseCodeInfo::Severity;
using Action = CloseCodeInfo::NextAction;

constexpr quint16 AbnormalClosure = 1006;   // RFC 6455 7.4.1: never on the wire

// The meanings are marked here for lupdate and translated when an entry is
// built, so a language switch at run time shows in the next description.
struct Row
{
    CloseSpec spec;
    const char *meaning;
    Severity severity;
    Action action;
};

// One row per line of PROTOCOL.md section 4. The actions follow ReconnectPolicy
// (reconnectpolicy.h); tst_policies checks that both agree.
const Row rows[] = {
        {Close::NormalClosure,
         QT_TRANSLATE_NOOP("CloseCodeInfo", "The connection was closed on purpose."), Severity::Info, Action::None},
         {Close::ServerShuttingDown,
          QT_TRANSLATE_NOOP("CloseCodeInfo", "The server is shutting down or restarting."), Severity::Warning,
                            Action::Reconnect},
          {Close::UnsupportedData,
           QT_TRANSLATE_NOOP("CloseCodeInfo",
                       "The client sent data the server does not accept: the protocol is JSON text only."),
                             Severity::Error, Action::Stop},
           {Close::AuthenticationRequired,
            QT_TRANSLATE_NOOP("CloseCodeInfo", "The server received no access token."), Severity::Error,
                              Action::SignIn},
            {Close::InvalidToken,
             QT_TRANSLATE_NOOP("CloseCodeInfo", "The server rejected the access token: it is invalid or has expired."),
                               Severity::Error, Action::RefreshThenReconnect},
             {Close::TokenExpired,
              QT_TRANSLATE_NOOP("CloseCodeInfo",
                       "The access token expired while connected because it was not refreshed in time."),
                                Severity::Warning, Action::RefreshThenReconnect},
              {Close::TokenRevoked,
               QT_TRANSLATE_NOOP("CloseCodeInfo",
                       "The session was revoked: signed out elsewhere, revoked by an administrator, "
                       "or a refresh token was used twice."),
                                 Severity::Error, Action::Stop},
               {Close::RefreshRejected,
                QT_TRANSLATE_NOOP("CloseCodeInfo",
                       "The server refused an in-band token refresh: a token of another user, "
                       "or too many attempts."),
                                  Severity::Error, Action::Stop},
                {Close::RateLimitExceeded,
                 QT_TRANSLATE_NOOP("CloseCodeInfo", "The client sent too many messages and the server's rate limit ran out."),
                                   Severity::Error, Action::Stop},
                 {Close::TooManyConnections,
                  QT_TRANSLATE_NOOP("CloseCodeInfo", "This user already has as many open connections as the server allows."),
                                    Severity::Error, Action::Stop},
                  {Close::MessageTooBig,
                   QT_TRANSLATE_NOOP("CloseCodeInfo", "A message was larger than the server allows."), Severity::Error,
                                     Action::Stop},
                   {Close::InternalError,
                    QT_TRANSLATE_NOOP("CloseCodeInfo", "The server hit an internal error."), Severity::Error,
                                      Action::Reconnect},
                    {Close::SlowConsumer,
                     QT_TRANSLATE_NOOP("CloseCodeInfo",
                       "The client did not read fast enough and the server's outgoing queue overflowed."),
                             Severity::Warning, Action::Reconnect},
};

// Not a row of the contract: a client reports it when the connection ended
// without a close frame, so the user sees it and needs it in the legend.
const Row abnormalClosure = {
        {AbnormalClosure, ""},
        QT_TRANSLATE_NOOP("CloseCodeInfo",
                      "The connection ended without a close frame: a network error, or the server went away."),
                          Severity::Warning, Action::Reconnect};

// The texts are marked with QT_TRANSLATE_NOOP where they are written, so
// lupdate finds them under "CloseCodeInfo"; this looks them up at run time.
QString translated(const char *text)
{
    return QCoreApplication::translate("CloseCodeInfo", text);
}

CloseCodeInfo fromRow(const Row &row)
{
    CloseCodeInfo info;
    info.code = row.spec.code;
    info.reason = row.spec.reasonText();
    info.meaning = translated(row.meaning);
    info.severity = row.severity;
    info.action = row.action;
    return info;
}

// A code that has exactly one row in the contract means the same whatever
// reason text a (possibly other) server put next to it; 1008 has many rows
// and an unknown reason there tells nothing.
const Row *rowFor(quint16 code, const QString &reason)
{
    const Row *onlyRowOfCode = nullptr;
    int rowsOfCode = 0;
    for (const Row &row : rows) {
        if (row.spec.code != code)
            continue;
        if (row.spec.matches(code, reason))
            return &row;
        onlyRowOfCode = &row;
        ++rowsOfCode;
    }
    if (code == AbnormalClosure)
        return &abnormalClosure;
    return rowsOfCode == 1 ? onlyRowOfCode : nullptr;
}

CloseCodeInfo generic(quint16 code, const QString &reason)
{
    CloseCodeInfo info;
    info.code = code;
    info.reason = reason;

    // Codes whose RFC 6455 / IANA meaning is "try again later": reconnecting
    // with backoff is what a careful client does. Anything else we cannot
    // interpret, so we stop rather than loop against the server.
    switch (code) {
    case 1001:
    case 1006:
    case 1011:
    case 1012:
    case 1013:
    case 1014:
        info.action = Action::Reconnect;
        info.severity = Severity::Warning;
        break;
    default:
        info.action = Action::Stop;
        info.severity = Severity::Error;
        break;
    }

    const char *text = nullptr;
    switch (code) {
    case 1002:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The other side broke the WebSocket protocol.");
        break;
    case 1005:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The connection was closed without a status code.");
        break;
    case 1007:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "A message was not valid UTF-8 or did not match its type.");
        break;
    case 1008:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The server closed the connection because a policy was violated.");
        break;
    case 1010:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The server did not agree to a WebSocket extension the client needs.");
        break;
    case 1012:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The server is restarting.");
        break;
    case 1014:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "A gateway or proxy got no valid answer from the server.");
        break;
    case 1015:
        text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The TLS handshake failed.");
        break;
    default:
        if (code >= 1000 && code <= 2999)
            text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The connection closed with a code reserved by the WebSocket standard.");
        else if (code >= 3000 && code <= 3999)
            text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The connection closed with a code registered for a library or framework.");
        else if (code >= 4000 && code <= 4999)
            text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The connection closed with an application-specific code this client does not know.");
        else
            text = QT_TRANSLATE_NOOP("CloseCodeInfo", "The connection closed with an invalid close code.");
        break;
    }
    info.meaning = translated(text);
    return info;
}

}   // namespace

CloseCodeInfo CloseCodeInfo::describe(quint16 code, const QString &reason)
{
    if (const Row *row = rowFor(code, reason))
        return fromRow(*row);
    return generic(code, reason);
}

QList<CloseCodeInfo> CloseCodeInfo::legend()
{
    // Close::all() is the contract's order; going through it (instead of the
    // rows above) keeps a row added to the contract from silently missing.
    QList<CloseCodeInfo> entries;
    const QList<CloseSpec> specs = Close::all();
    entries.reserve(specs.size() + 1);
    for (const CloseSpec &spec : specs)
        entries.append(describe(spec.code, spec.reasonText()));
    entries.append(fromRow(abnormalClosure));
    return entries;
}

}   // namespace SignalGate::Client
