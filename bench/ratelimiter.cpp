// Cost of the rate limiter: nanoseconds per take() on a hot key and on new
// keys, and the resident memory of a full table (default cap, 100000 keys).
//
//   bench_ratelimiter   (prints JSON)
#include "ratelimiter.h"
#include "manualclock.h"

#include "rss.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace SignalGate::Server;

int main()
{
    // Time stands still: every take() after the burst is charged, none refilled.
    const SignalGate::ManualClock clock;
    const int keys = int(RateLimiter::DefaultMaxKeys);
    QList<QByteArray> names;
    names.reserve(keys * 2);
    for (int i = 0; i < keys * 2; ++i)
        names.append(QByteArray::number(0x7f000000 + i));

    const qint64 rssBefore = residentKiB();
    RateLimiter limiter(RateLimit{10, 60}, RateLimiter::DefaultMaxKeys, clock);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < keys; ++i)
        limiter.take(names[i]);
    const double newKeyNs = double(timer.nsecsElapsed()) / keys;
    const qint64 rssFull = residentKiB();

    timer.restart();
    const int hot = 1000000;
    for (int i = 0; i < hot; ++i)
        limiter.take(names[i % 64]);
    const double hotKeyNs = double(timer.nsecsElapsed()) / hot;

    timer.restart();
    for (int i = keys; i < keys * 2; ++i)
        limiter.take(names[i]);   // a full table: every new key evicts the oldest
    const double evictingNs = double(timer.nsecsElapsed()) / keys;

    const QJsonObject result{{"benchmark", "ratelimiter"},
                             {"table_keys", limiter.size()},
                             {"evictions", limiter.evictions()},
                             {"ns_per_take_new_key", newKeyNs},
                             {"ns_per_take_hot_key", hotKeyNs},
                             {"ns_per_take_evicting", evictingNs},
                             {"rss_kib_full_table", rssFull - rssBefore},
                             {"bytes_per_key_approx", double(rssFull - rssBefore) * 1024 / keys}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return 0;
}
