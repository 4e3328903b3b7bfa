#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// A real redis-server (Debian's redis-server package) on a free port of
// 127.0.0.1, without persistence, in a temp dir: started by the test,
// stopped with it. kill() and start() again on the same port stand in for
// a crash and a restart.
class RedisServer
{
public:
    RedisServer();
    ~RedisServer();

    // Starts (again, on the same port) and waits until it answers PING. On
    // failure error() says what went wrong and what to install.
    bool start();
    // SIGKILL, as in a crash: the data goes with it.
    void kill();
    void stop();

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1").arg(m_port); }
    QString error() const { return m_error; }
    // One command in the inline protocol, answered with the first reply line.
    QByteArray command(const QByteArray &line) const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};
