#pragma once

#include <QObject>
#include <QTimer>

namespace SignalGate::Client {

// Finds a connection that died without a FIN: once per interval it asks for
// a WebSocket ping (not a JSON ping: those count toward the server's message
// rate), and when a whole interval passed with nothing heard, not even the
// pong, it says the peer is silent. The connection owns the socket.
class KeepAlive : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultIntervalMs = 30 * 1000;

    explicit KeepAlive(QObject *parent = nullptr);

    // 0 turns keep-alive off (and stops a running one).
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    void start();
    void stop();
    // Anything from the peer: a message or a pong.
    void heard() { m_waiting = false; }

Q_SIGNALS:
    void pingDue();
    void silent();

private:
    void onTick();

    int m_intervalMs = DefaultIntervalMs;
    QTimer m_timer;
    bool m_waiting = false;   // a ping went out and nothing came since
};

}   // namespace SignalGate::Client
