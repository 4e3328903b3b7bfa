#include "threadinbox.h"

#include <QThread>

#include <future>

namespace SignalGate::Server {

void ThreadInbox::post(std::function<void()> work)
{
    if (thread() == QThread::currentThread()) {
        work();
        return;
    }
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        wake = m_work.empty();
        m_work.push_back(std::move(work));
    }
    // One wake-up per empty-to-busy change: drain() takes everything there is.
    if (wake)
        QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void ThreadInbox::run(const std::function<void()> &work)
{
    if (thread() == QThread::currentThread()) {
        work();
        return;
    }
    std::promise<void> done;
    post([&work, &done] {
        work();
        done.set_value();
    });
    done.get_future().wait();
}

void ThreadInbox::drain()
{
    for (;;) {
        std::function<void()> work;
        {
            const std::lock_guard lock(m_mutex);
            if (m_work.empty())
                return;
            work = std::move(m_work.front());
            m_work.pop_front();
        }
        work();
    }
}

}   // namespace SignalGate::Server
