#pragma once

#include <QObject>

#include <deque>
#include <functional>
#include <mutex>

namespace SignalGate::Server {

// Work for the thread this object lives on, run in the order it was posted.
//
// A queued QMetaObject::invokeMethod would do the same, but Qt here is not
// built with ThreadSanitizer: TSan cannot see the lock inside Qt's event
// queue, so everything a queued lambda captured looks like a race to it, and
// a TSan run full of false alarms hides the real ones. The work travels
// through this std::mutex instead, which TSan sees; Qt only carries a
// wake-up that holds no data.
class ThreadInbox : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // From this object's thread, work runs at once. From any other thread it
    // is queued behind what that thread posted before. (An inbox is posted
    // to from its own thread or from others, not both, so "at once" never
    // overtakes queued work.)
    void post(std::function<void()> work);
    // Like post(), and returns once work has run. Never call it from a thread
    // this inbox's thread itself waits for.
    void run(const std::function<void()> &work);

private Q_SLOTS:
    void drain();

private:
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_work;
};

}   // namespace SignalGate::Server
