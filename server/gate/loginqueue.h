#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

// The password checks of /auth/login (PBKDF2, about 0.1 s of CPU each) on a
// pool of their own, behind a bounded queue (PROTOCOL.md section 10.1):
//  - at most maxPending checks queued or running, and maxPendingPerAddress
//    from one source address; submit() refuses the rest at once, so a flood
//    costs the server neither CPU nor memory and the caller can answer 503;
//  - a check whose client has gone (its connection object destroyed) is
//    dropped before it starts, so requests fired and forgotten cost nothing.
// The dummy hash for unknown users is made on the pool at construction and
// only ever read on a worker: the event loop never hashes.
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
    // Drops every check not yet started and waits for the running ones.
    ~LoginQueue() override;

    // Checks password against encodedHash, or against the dummy hash when
    // encodedHash is empty (an unknown user: the answer takes as long).
    Admission submit(const QByteArray &addressKey, const QObject *client, const QByteArray &password,
                     const QByteArray &encodedHash, Done done);
    int pending() const { return m_pending; }
    const Limits &limits() const { return m_limits; }

private:
    void release(const QByteArray &addressKey);

    Limits m_limits;
    int m_pending = 0;
    QHash<QByteArray, int> m_pendingPerAddress;
    // Joined in the destructor, so per-thread OpenSSL state goes with the
    // threads, and hashing cannot starve other users of Qt's global pool.
    QThreadPool m_pool;
};
