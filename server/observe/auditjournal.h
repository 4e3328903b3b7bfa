#pragma once

#include <QByteArray>
#include <QString>

namespace SignalGate::Server {

struct AuditEvent;

// --audit-syslog: each audit event also goes to the local systemd journal as
// one entry of structured fields, for a SIEM to collect (journalctl -t
// signalgate-audit, or a syslog daemon the journal forwards to):
//   MESSAGE            the audit line's JSON, as in the file
//   PRIORITY           4 for refusals (auth, login, refresh, origin, rate
//                      limits), 5 for revocations, 6 for the rest
//   SYSLOG_FACILITY    10 (authpriv)     SYSLOG_IDENTIFIER  signalgate-audit
//   SIGNALGATE_EVENT, _IP, _SUB, _SESSION_ID, _REASON, _CODE: the line's
//   members that are set.
// It holds nothing the file does not: no token, password or header value.
class AuditJournal
{
public:
    // The journal's socket exists; otherwise *error says what to do.
    static bool available(QString *error);

    // Returns false when the journal did not take it.
    static bool send(const AuditEvent &event, const QByteArray &jsonLine);
};

}   // namespace SignalGate::Server
