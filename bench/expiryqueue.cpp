// Cost of following every connection's token expiry with one ExpiryQueue:
// nanoseconds per schedule / reschedule / cancel and the memory per entry, for
// 1000 and 100000 sessions, plus how late the deadlines fire on the event loop.
//
//   bench_expiryqueue   (prints JSON)
#include "expiryqueue.h"
#include "rss.h"
#include "session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace SignalGate::Server;

namespace {

// The queue only stores and hands back the pointers; these are never dereferenced.
Session *fakeSession(int i)
{
    return reinterpret_cast<Session *>(   // NOLINT(performance-no-int-to-ptr): a key, never dereferenced
            quintptr(i + 1) * alignof(std::max_align_t));
}

QJsonObject measure(int sessions)
{
    const qint64 rssBefore = residentKiB();
    ExpiryQueue queue(SignalGate::Clock::system());
    const qint64 base = SignalGate::Clock::system().wallMs() + 3600 * 1000;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < sessions; ++i)
        queue.schedule(fakeSession(i), base + (i * 7919) % 900000);
    const double scheduleNs = double(timer.nsecsElapsed()) / sessions;
    const qint64 rssFull = residentKiB();
    timer.restart();
    for (int i = 0; i < sessions; ++i)
        queue.schedule(fakeSession(i), base + 900000 + (i * 104729) % 900000);   // an in-band refresh
    const double rescheduleNs = double(timer.nsecsElapsed()) / sessions;
    timer.restart();
    for (int i = 0; i < sessions; ++i)
        queue.cancel(fakeSession(i));
    const double cancelNs = double(timer.nsecsElapsed()) / sessions;
    return {{"sessions", sessions},          {"timers", 1},
            {"ns_per_schedule", scheduleNs}, {"ns_per_reschedule", rescheduleNs},
            {"ns_per_cancel", cancelNs},     {"rss_kib_for_entries", rssFull - rssBefore}};
}

// Deadlines 50..250 ms ahead for n sessions; how late does each fire?
QJsonObject lateness(int sessions)
{
    ExpiryQueue queue(SignalGate::Clock::system());
    QHash<Session *, qint64> deadlines;
    qint64 worst = 0;
    qint64 total = 0;
    int fired = 0;
    QObject::connect(&queue, &ExpiryQueue::due, [&](Session *session) {
        const qint64 late = SignalGate::Clock::system().wallMs() - deadlines.value(session);
        worst = qMax(worst, late);
        total += late;
        if (++fired == sessions)
            QCoreApplication::quit();
    });
    const qint64 now = SignalGate::Clock::system().wallMs();
    for (int i = 0; i < sessions; ++i) {
        const qint64 at = now + 50 + (i * 7919) % 200;
        deadlines.insert(fakeSession(i), at);
        queue.schedule(fakeSession(i), at);
    }
    QCoreApplication::exec();
    return {{"sessions", sessions}, {"max_late_ms", worst}, {"mean_late_ms", double(total) / sessions}};
}

}   // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QJsonObject result{{"benchmark", "expiry_queue"},
                             {"cost", QJsonArray{measure(1000), measure(100000)}},
                             {"lateness", QJsonArray{lateness(1000)}}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return 0;
}
