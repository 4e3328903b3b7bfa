#pragma once

#include <QFile>
#include <QHostAddress>
#include <QString>

#include <mutex>

namespace SignalGate::Server {

// Security events as JSON lines (PROTOCOL.md section 7). Every line has the
// same keys: ts, event, ip, sub, session_id, reason, code (null when not
// known). An event carries no free text: nothing in it can hold a token, a
// refresh token, a password or an Authorization value.
struct AuditEvent
{
    QString event;   // "auth.failure", "conn.open", ...
    QHostAddress ip;
    QString subject;
    QString sessionId;
    QString reason;
    int code = 0;   // close code or HTTP status; 0 = none
};

class AuditLog
{
public:
    AuditLog() = default;
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    // Appends to path (created mode 0600). One sentence in *error on failure.
    bool open(const QString &path, QString *error);
    QString path() const { return m_file.fileName(); }

    // Never fails the caller: a full disk must not take the server down. A
    // failed write (to the file, or to the journal) is counted and warned
    // about once per run of failures.
    // Safe from any thread: each line is written whole, in the order of the calls.
    void record(const AuditEvent &event);
    quint64 writeErrors() const;
    // --audit-syslog: every event also goes to the journal (AuditJournal).
    void sendToJournal(bool on) { m_journal = on; }

    static QByteArray encode(const AuditEvent &event);

private:
    // Counts a failed write and warns at the first of a run of failures.
    void noteOutcome(bool written, const QString &where, bool *failing);

    mutable std::mutex m_mutex;
    QFile m_file;
    quint64 m_writeErrors = 0;
    bool m_failing = false;
    bool m_journal = false;
    bool m_journalFailing = false;
};

}   // namespace SignalGate::Server
