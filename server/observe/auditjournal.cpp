#include "auditjournal.h"

#include "auditevents.h"
#include "auditlog.h"

#include <QFileInfo>
#include <QList>

#include <sys/uio.h>
#include <syslog.h>
#include <systemd/sd-journal.h>

namespace SignalGate::Server {

namespace {

// Where sd-journal sends to (systemd-journald.socket).
constexpr char JournalSocket[] = "/run/systemd/journal/socket";

int priorityOf(const QString &event)
{
    using namespace AuditEvents;
    for (const QLatin1String refusal : {AuthFailure, LoginFailure, RefreshFailure, OriginRejected, RateLimitConnection,
                                        RateLimitMessage, RateLimitLogin}) {
        if (event == refusal)
            return LOG_WARNING;
    }
    return event == TokenRevoked ? LOG_NOTICE : LOG_INFO;
}

}   // namespace

bool AuditJournal::available(QString *error)
{
    if (QFileInfo(QString::fromLatin1(JournalSocket)).exists())
        return true;
    *error = QStringLiteral("--audit-syslog: no systemd journal here (%1 is missing); run the server under "
                            "systemd, or drop --audit-syslog and collect --audit-log instead")
                     .arg(QLatin1String(JournalSocket));
    return false;
}

bool AuditJournal::send(const AuditEvent &event, const QByteArray &jsonLine)
{
    QList<QByteArray> fields{
            "MESSAGE=" + jsonLine.trimmed(),
            "PRIORITY=" + QByteArray::number(priorityOf(event.event)),
            "SYSLOG_FACILITY=" + QByteArray::number(LOG_AUTHPRIV >> 3),
            "SYSLOG_IDENTIFIER=signalgate-audit",
            "SIGNALGATE_EVENT=" + event.event.toUtf8(),
    };
    const auto add = [&fields](const char *name, const QString &value) {
        if (!value.isEmpty())
            fields.append(QByteArray("SIGNALGATE_") + name + '=' + value.toUtf8());
    };
    add("IP", event.ip.isNull() ? QString() : event.ip.toString());
    add("SUB", event.subject);
    add("SESSION_ID", event.sessionId);
    add("REASON", event.reason);
    add("CODE", event.code ? QString::number(event.code) : QString());

    QList<iovec> vectors;
    vectors.reserve(fields.size());
    for (QByteArray &field : fields)
        vectors.append({field.data(), size_t(field.size())});
    return sd_journal_sendv(vectors.data(), int(vectors.size())) >= 0;
}

}   // namespace SignalGate::Server
