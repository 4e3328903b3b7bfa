// How many signals per second the live signals model takes on the GUI thread's
// event loop while staying smooth at 5000 signals/s.
// bench_signalmodel: model level only, SignalModel with its batching timer
// under a SignalFilterModel, no widgets.
// bench_signalsview (this file built with SIGNALGATE_BENCH_VIEW): the real
// widgets of the window, the signals table (SignalsPane) and the price charts
// (ChartPane) side by side and both visible, painting on whatever platform
// runs it (offscreen, or a real X server under xvfb-run).
//
// For each rate, signals are fed for a few seconds by a 1 ms timer, each one
// as a JSON text frame parsed with QJsonDocument and appended (what the
// connection does per frame). A 1 ms probe timer records how late it fires:
// the worst lateness is the longest the event loop was blocked. RSS is sampled
// every 100 ms; the ring is full before the first rate, so memory must stay flat.
// Rates rise until one fails those limits; the JSON names the last that passed.
//
//   bench_signalmodel [--rates 1000,5000,...] [--seconds S] [--sorted]   (prints JSON)
//   bench_signalsview [--rates ...] [--seconds S] [--sorted]              (prints JSON)
#include "signalmodel.h"
#include "rss.h"
#include "signalfiltermodel.h"

#ifdef SIGNALGATE_BENCH_VIEW
#include "chartpane.h"
#include "signalspane.h"

#include <QApplication>
#include <QSplitter>

using namespace SignalGate::Ui;
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <vector>

using namespace SignalGate::Client;

namespace {

constexpr double StallLimitMs = 50.0;
constexpr qint64 FlatMemoryKiB = 1024;    // allocator noise, not growth
constexpr double SustainedShare = 0.98;   // fed at least this share of the target rate

const char *const Symbols[] = {"EURUSD", "GBPUSD", "USDJPY", "BTCUSD", "ETHUSD", "XAUUSD", "AAPL", "MSFT"};

// The frame as the server writes it (SignalFrame::toJson, compact JSON).
QByteArray frame(qint64 seq, qint64 nowMs)
{
    const int i = int(seq % std::size(Symbols));
    QByteArray text = "{\"type\":\"signal\",\"seq\":";
    text += QByteArray::number(seq);
    text += ",\"ts\":";
    text += QByteArray::number(nowMs);
    text += ",\"symbol\":\"";
    text += Symbols[i];
    text += seq % 2 ? "\",\"side\":\"buy\",\"price\":" : "\",\"side\":\"sell\",\"price\":";
    text += QByteArray::number(100.0 + double(seq % 1000) / 8.0);
    text += ",\"confidence\":";
    text += QByteArray::number(0.5 + double(seq % 50) / 100.0);
    text += '}';
    return text;
}

struct Feeder
{
    SignalModel *model = nullptr;
    // The charts take the same batches the connection hands to the window.
    std::function<void(const QList<QJsonObject> &)> batchListener;
    qint64 nextSeq = 1;
    qint64 fed = 0;

    void feed(qint64 count)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<QJsonObject> batch;
        for (qint64 i = 0; i < count; ++i) {
            const QJsonObject object = QJsonDocument::fromJson(frame(nextSeq++, now)).object();
            model->append(object);
            if (batchListener)
                batch.append(object);
        }
        if (batchListener && !batch.isEmpty())
            batchListener(batch);
        fed += count;
    }
};

QJsonObject runRate(Feeder &feeder, SignalModel &model, int rate, int seconds)
{
    const qint64 fedBefore = feeder.fed;
    const qint64 totalBefore = model.totalReceived();

    QElapsedTimer elapsed;
    QTimer feedTimer;
    feedTimer.setTimerType(Qt::PreciseTimer);
    feedTimer.setInterval(1);
    // Feeds what is due by the clock, so a late tick brings a bigger burst, as
    // a socket that was not read for a while would.
    QObject::connect(&feedTimer, &QTimer::timeout, [&] {
        const qint64 due = rate * elapsed.nsecsElapsed() / 1000000000;
        feeder.feed(due - (feeder.fed - fedBefore));
    });

    std::vector<double> lateness;
    lateness.reserve(size_t(seconds) * 1200);
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        lateness.push_back(std::max(0.0, double(probeClock.nsecsElapsed()) / 1e6 - 1.0));
        probeClock.restart();
    });

    std::vector<qint64> rss;
    QTimer sampler;
    sampler.setInterval(100);
    QObject::connect(&sampler, &QTimer::timeout, [&] { rss.push_back(residentKiB()); });

    // The longest single flush (removal + insertion + the proxy's work).
    QElapsedTimer flushClock;
    bool inFlush = false;
    double maxFlushMs = 0;
    int flushes = 0;
    const auto flushStarts = [&] {
        if (!inFlush) {
            inFlush = true;
            flushClock.start();
        }
    };
    const QMetaObject::Connection c1 = QObject::connect(&model, &QAbstractItemModel::rowsAboutToBeRemoved, flushStarts);
    const QMetaObject::Connection c2 =
            QObject::connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, flushStarts);
    const QMetaObject::Connection c3 = QObject::connect(&model, &SignalModel::countersChanged, [&] {
        if (inFlush) {
            maxFlushMs = std::max(maxFlushMs, double(flushClock.nsecsElapsed()) / 1e6);
            ++flushes;
            inFlush = false;
        }
    });

    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    elapsed.start();
    probeClock.start();
    feedTimer.start();
    probe.start();
    sampler.start();
    loop.exec();
    const double ranFor = double(elapsed.nsecsElapsed()) / 1e9;
    feedTimer.stop();
    probe.stop();
    sampler.stop();
    model.flush();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);

    const qint64 fed = feeder.fed - fedBefore;
    const double achieved = double(fed) / ranFor;
    std::sort(lateness.begin(), lateness.end());
    const double maxStall = lateness.empty() ? 0 : lateness.back();
    const double p99Stall = lateness.empty() ? 0 : lateness[size_t(double(lateness.size() - 1) * 0.99)];
    // Flat memory: from half a second in (warm-up) to the end.
    const size_t warm = std::min<size_t>(5, rss.empty() ? 0 : rss.size() - 1);
    const qint64 rssStart = rss.empty() ? -1 : rss[warm];
    const qint64 rssMax = rss.empty() ? -1 : *std::max_element(rss.begin() + qsizetype(warm), rss.end());
    const qint64 growth = rssMax - rssStart;

    const bool sustained = achieved >= SustainedShare * rate;
    const bool smooth = maxStall < StallLimitMs;
    const bool flat = growth <= FlatMemoryKiB;
    const bool complete = model.totalReceived() - totalBefore == fed && model.pendingCount() == 0;
    return {{"target_signals_per_s", rate},
            {"achieved_signals_per_s", qRound64(achieved)},
            {"signals", fed},
            {"seconds", ranFor},
            {"flushes", flushes},
            {"max_flush_ms", maxFlushMs},
            {"max_stall_ms", maxStall},
            {"p99_stall_ms", p99Stall},
            {"rss_start_kib", rssStart},
            {"rss_max_kib", rssMax},
            {"rss_growth_kib", growth},
            {"rows", model.rowCount()},
            {"all_signals_in_model", complete},
            {"ok", sustained && smooth && flat && complete}};
}

}   // namespace

int main(int argc, char *argv[])
{
#ifdef SIGNALGATE_BENCH_VIEW
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"rates", "Signals per second to try, comma-separated.", "list",
                        "1000,5000,10000,20000,50000,100000,200000,400000"},
                       {"seconds", "Seconds per rate.", "S", "3"},
                       {"sorted", "Sort the proxy by price (the user clicked a column header)."}});
    parser.process(app);
    const int seconds = std::max(1, parser.value("seconds").toInt());
    QList<int> rates;
    for (const QString &rate : parser.value("rates").split(u',', Qt::SkipEmptyParts))
        rates.append(rate.toInt());

    SignalModel model;
    Feeder feeder;
    feeder.model = &model;
#ifdef SIGNALGATE_BENCH_VIEW
    QSplitter window;
    auto *table = new SignalsPane(&model, &window);
    auto *charts = new ChartPane(&window);
    window.resize(1600, 800);
    window.show();
    feeder.batchListener = [charts](const QList<QJsonObject> &batch) { charts->addSignals(batch); };
    SignalFilterModel &filter = *table->filterModel();
#else
    SignalFilterModel filter;
    filter.setSourceModel(&model);
#endif
    if (parser.isSet("sorted"))
        filter.sort(SignalModel::PriceColumn, Qt::DescendingOrder);

    // A full ring first, so any later growth of memory is a leak, not the ring filling.
    feeder.feed(model.capacity());
    model.flush();

    // Rising rates until one fails: the answer is the last that passed, and
    // higher rates would only fail more slowly.
    std::sort(rates.begin(), rates.end());
    QJsonArray results;
    int highest = 0;
    bool failed = false;
    for (int rate : std::as_const(rates)) {
        const QJsonObject result = runRate(feeder, model, rate, seconds);
        results.append(result);
        if (!result.value("ok").toBool()) {
            failed = true;
            break;
        }
        highest = rate;
    }

    const QJsonObject report{
#ifdef SIGNALGATE_BENCH_VIEW
            {"benchmark", "signalsview"},
            {"level",
             "widgets: SignalsPane (QTableView over SignalFilterModel over SignalModel) and ChartPane "
             "(one QtCharts line chart per symbol), both visible"},
            {"platform", QGuiApplication::platformName()},
#else
            {"benchmark", "signalmodel"},
            {"level", "model: SignalModel (batching timer) under SignalFilterModel, no widgets"},
#endif
#ifdef QT_NO_DEBUG
            {"build", "release"},
#else
            {"build", "debug"},
#endif
            {"per_signal_work", "QJsonDocument::fromJson of a signal frame + SignalModel::append"},
            {"capacity", model.capacity()},
            {"flush_interval_ms", model.flushInterval()},
            {"proxy_sorted_by_price", parser.isSet("sorted")},
            {"seconds_per_rate", seconds},
            {"stall_limit_ms", StallLimitMs},
            {"flat_memory_limit_kib", FlatMemoryKiB},
            {"rates", results},
            {"highest_sustained_signals_per_s", highest},
            // false: even the highest rate tried passed, so the limit lies above it.
            {"limit_found", failed},
    };
    QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Indented);
    return 0;
}
