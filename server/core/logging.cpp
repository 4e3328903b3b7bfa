#include "logging.h"

#include <sys/stat.h>
#include <unistd.h>

namespace SignalGate::Server {

Q_LOGGING_CATEGORY(lcServer, "signalgate.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGate, "signalgate.gate", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "signalgate.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "signalgate.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPool, "signalgate.pool", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFeed, "signalgate.feed", QtInfoMsg)

namespace Logging {

bool stderrIsJournal()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    struct stat status = {};
    if (stream.isEmpty() || ::fstat(STDERR_FILENO, &status) != 0)
        return false;
    return stream == QByteArray::number(quint64(status.st_dev)) + ':' + QByteArray::number(quint64(status.st_ino));
}

QString messagePattern(bool journal)
{
    if (!journal)
        return QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category} %{type}: %{message}");
    // <7> debug, <6> info, <4> warning, <3> error (critical), <2> critical (fatal).
    return QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{category}: %{message}");
}

}   // namespace Logging

}   // namespace SignalGate::Server
