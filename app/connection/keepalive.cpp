#include "keepalive.h"

#include <QtGlobal>

namespace SignalGate::Client {

KeepAlive::KeepAlive(QObject *parent) : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &KeepAlive::onTick);
}

void KeepAlive::setIntervalMs(int ms)
{
    m_intervalMs = qMax(0, ms);
    if (m_intervalMs == 0)
        stop();
}

void KeepAlive::start()
{
    m_waiting = false;
    if (m_intervalMs > 0)
        m_timer.start(m_intervalMs);
}

void KeepAlive::stop()
{
    m_timer.stop();
    m_waiting = false;
}

void KeepAlive::onTick()
{
    if (m_waiting) {
        stop();
        Q_EMIT silent();
        return;
    }
    m_waiting = true;
    Q_EMIT pingDue();
}

}   // namespace SignalGate::Client
