#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

// The real signalgate-server executable, started with arguments; the port is
// read from its first line ("listening on http://127.0.0.1:PORT", or https://).
class ServerProcess
{
public:
    // The one built with the tests, or $SIGNALGATE_TEST_SERVER_BINARY when set.
    static QString binary();

    explicit ServerProcess(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    ~ServerProcess();

    bool start(const QStringList &arguments);
    // Another program that prints the same first line (a peer server of tests/peers/).
    bool start(const QString &program, const QStringList &arguments);
    quint16 port() const { return m_port; }
    QProcess &process() { return m_process; }
    // QProcess::waitForFinished() answers false for a process that already
    // ended while the event loop ran, so wait on the state instead.
    bool waitForExit(int timeoutMs = 10000);
    // Everything it printed so far, stdout then stderr.
    QByteArray allOutput();

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    quint16 m_port = 0;
};
