#include "auditlog.h"

#include "auditjournal.h"
#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace SignalGate::Server {

bool AuditLog::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    // A new log is created owner-only by the open itself: it names users and
    // addresses. An existing one keeps the mode its operator gave it.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot open audit log %1: %2; pass a writable --audit-log FILE")
                         .arg(path, m_file.errorString());
        return false;
    }
    return true;
}

QByteArray AuditLog::encode(const AuditEvent &event)
{
    auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    const QJsonObject line{
            {QLatin1String("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QLatin1String("event"), event.event},
            {QLatin1String("ip"), event.ip.isNull() ? QJsonValue() : QJsonValue(event.ip.toString())},
            {QLatin1String("sub"), orNull(event.subject)},
            {QLatin1String("session_id"), orNull(event.sessionId)},
            {QLatin1String("reason"), orNull(event.reason)},
            {QLatin1String("code"), event.code ? QJsonValue(event.code) : QJsonValue()},
    };
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

quint64 AuditLog::writeErrors() const
{
    const std::lock_guard lock(m_mutex);
    return m_writeErrors;
}

void AuditLog::record(const AuditEvent &event)
{
    const std::lock_guard lock(m_mutex);
    if (!m_file.isOpen())
        return;
    // Encoded under the lock, so the timestamps of the lines only go up.
    const QByteArray line = encode(event);
    // The journal gets the event even when the disk is full.
    if (m_journal)
        noteOutcome(AuditJournal::send(event, line), QStringLiteral("the journal"), &m_journalFailing);
    noteOutcome(m_file.write(line) == line.size(), m_file.fileName(), &m_failing);
}

void AuditLog::noteOutcome(bool written, const QString &where, bool *failing)
{
    if (written) {
        if (*failing)
            qCWarning(lcServer).noquote() << "audit events reach" << where << "again";
        *failing = false;
        return;
    }
    ++m_writeErrors;
    if (!*failing)
        qCWarning(lcServer).noquote() << "cannot write audit events to" << where << ":"
                                      << (where == m_file.fileName() ? m_file.errorString() : QStringLiteral("refused"))
                                      << "- events are being lost; free disk space or check systemd-journald";
    *failing = true;
}

}   // namespace SignalGate::Server
