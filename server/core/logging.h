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

namespace Logging {
// True when systemd connected stderr to the journal: JOURNAL_STREAM names
// stderr's device and inode (systemd.exec(5)).
bool stderrIsJournal();
// The message pattern main() installs: with a timestamp on a terminal; for
// the journal, which stamps lines itself, an sd-daemon(3) priority prefix
// instead, so `journalctl -p warning` finds the warnings.
QString messagePattern(bool journal);
}   // namespace Logging

}   // namespace SignalGate::Server
