#pragma once

#include <QObject>

class QSocketNotifier;

namespace SignalGate::Server {

// Turns SIGINT/SIGTERM, and SIGHUP, into Qt signals on the event loop (the self-pipe
// trick: the handler only writes a byte, everything else runs in Qt).
// One instance per process: a POSIX signal handler can only reach a static.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    // SIGHUP: systemctl reload (the unit's ExecReload).
    void reloadRequested();

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

}   // namespace SignalGate::Server
