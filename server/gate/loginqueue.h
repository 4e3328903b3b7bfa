#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace SignalGate::Server {

// The password checks of /auth/login (PBKDF2, about 0.1 s of CPU each) on
// worker threads of its own, behind a bounded queue (PROTOCOL.md 10.1):
//  - at most maxPending checks queued or running, and maxPendingPerAddress
//    from one source address; submit() refuses the rest at once, so a flood
//    costs the server neither CPU nor memory and the caller can answer 503;
//  - a check whose client has gone (its connection object destroyed) is
//    dropped before it starts, so requests fired and forgotten cost nothing.
// The dummy hash for unknown users is made by a worker at construction and
// only ever read on a worker: the event loop never hashes.
//
// Plain std::thread workers with a mutex-guarded queue rather than
// QThreadPool and QtConcurrent: Qt 6.4's own hand-offs run under a futex that
// ThreadSanitizer cannot see through (Debian's Qt is not built with it), so
// with them the tsan preset reported only Qt's hand-off. Every hand-off here
// is a std::mutex, which it sees.
class LoginQueue : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxPending = 0;             // 0: no global bound
        int maxPendingPerAddress = 0;   // 0: no per-address bound
    };
    enum class Admission { Queued, Full, AddressFull };
    // Called once on this object's thread with whether the password matches,
    // or nullopt when the check was dropped because its client had gone
    // before it started. A client may also go while its check runs.
    using Done = std::function<void(std::optional<bool> passwordMatches)>;

    explicit LoginQueue(Limits limits, QObject *parent = nullptr);
    // Drops every check not yet started and waits for the running ones; the
    // threads are joined, so per-thread OpenSSL state goes with them.
    ~LoginQueue() override;

    // Checks password against encodedHash, or against the dummy hash when
    // encodedHash is empty (an unknown user: the answer takes as long).
    Admission submit(const QByteArray &addressKey, const QObject *client, const QByteArray &password,
                     const QByteArray &encodedHash, Done done);
    int pending() const { return m_pending; }
    const Limits &limits() const { return m_limits; }

private Q_SLOTS:
    // Queued by a worker (by name: no functor crosses threads) when results wait.
    void deliverResults();

private:
    struct Job
    {
        quint64 id = 0;
        QByteArray password;
        QByteArray encodedHash;
        std::shared_ptr<std::atomic_bool> clientGone;
    };
    struct Result
    {
        quint64 id = 0;
        std::optional<bool> verdict;
    };
    struct Waiting
    {
        QByteArray addressKey;
        Done done;
    };

    void work();

    // This object's thread only.
    Limits m_limits;
    int m_pending = 0;
    QHash<QByteArray, int> m_pendingPerAddress;
    QHash<quint64, Waiting> m_waiting;
    quint64 m_nextId = 0;

    // Shared with the workers, under m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    std::vector<Result> m_results;
    bool m_stopping = false;

    std::vector<std::thread> m_workers;
};

}   // namespace SignalGate::Server
