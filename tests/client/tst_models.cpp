// The live signals table (SignalModel, SignalFilterModel) and the connection
// log (EventLog) without widgets: QAbstractItemModelTester checks the model
// contract on every change, QSignalSpy proves that a flush is one insertion
// however many signals arrived, and the clocks are injected.
#include "closecodeinfo.h"
#include "closecodes.h"
#include "eventlog.h"
#include "manualclock.h"
#include "signalfiltermodel.h"
#include "signalmodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace SignalGate::Protocol;
using namespace SignalGate::Client;

namespace {

// Far from midnight in every time zone would be impossible; the tests read the
// expected time text through QDateTime, as the model does, and check the form.
constexpr qint64 BaseTs = 1'700'000'000'123;

QJsonObject signalJson(qint64 seq, const QString &symbol = QStringLiteral("EURUSD"),
                       const QString &side = QStringLiteral("buy"), double price = 1.0843, double confidence = 0.87)
{
    return {{QLatin1String("type"), QLatin1String("signal")},
            {QLatin1String("seq"), seq},
            {QLatin1String("ts"), BaseTs + seq},
            {QLatin1String("symbol"), symbol},
            {QLatin1String("side"), side},
            {QLatin1String("price"), price},
            {QLatin1String("confidence"), confidence}};
}

// Appends seqs first..last (inclusive) in order.
void appendRange(SignalModel &model, qint64 first, qint64 last)
{
    for (qint64 seq = first; seq <= last; ++seq)
        QVERIFY(model.append(signalJson(seq)));
}

qint64 seqAt(const SignalModel &model, int row)
{
    return model.index(row, SignalModel::SeqColumn).data(SignalModel::RawRole).toLongLong();
}

// The model keeps the newest first: rows 0..n-1 are newest..newest-n+1.
void verifyNewestFirst(const SignalModel &model, qint64 newest)
{
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(seqAt(model, row), newest - row);
}

}   // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // SignalModel
    void columnsHeadersAndCells();
    void malformedSignalsAreRejected();
    void modelTesterAcrossAppendsOverflowAndPause();
    void oneFlushIsOneInsertion();
    void overflowKeepsTheNewestN();
    void batchLargerThanTheRing();
    void timerFlushesInBatches();
    void countsComeFromTheConnection();
    void showsWhatTheConnectionDelivers();
    void pauseKeepsRowsAndResumeShowsThem();
    void pauseIsBoundedByTheRing();
    void countersChangedOncePerFlush();
    void signalsPerSecondWithInjectedClock();
    void clearStartsOver();
    void pricesLineUpPerSymbol();
    void rateIsZeroWhenNotLive();
    void copyText();
    void copyTextThroughSortedProxy();
    // SignalFilterModel
    void filterBySymbol();
    void filterFollowsNewSignals();
    void proxySortsNumerically();
    // EventLog
    void eventLogCountsRepeats();
    void eventLogDescribesEveryCloseCode();
    void eventLogUnknownCodeAndOverride();
    void eventLogEventsAndBound();
    void eventLogHeadersAndTime();
};

void TestModels::columnsHeadersAndCells()
{
    SignalModel model;
    QCOMPARE(model.capacity(), 10000);
    QCOMPARE(model.flushInterval(), 50);
    QCOMPARE(model.columnCount(), 6);
    const QStringList titles = {QStringLiteral("Time"), QStringLiteral("Seq"),   QStringLiteral("Symbol"),
                                QStringLiteral("Side"), QStringLiteral("Price"), QStringLiteral("Confidence")};
    for (int column = 0; column < titles.size(); ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), titles.at(column));

    QVERIFY(model.append(signalJson(41, QStringLiteral("BTCUSD"), QStringLiteral("sell"), 64000.5, 0.5)));
    QVERIFY(model.append(signalJson(42)));
    QCOMPARE(model.rowCount(), 0);   // nothing shows before the flush
    model.flush();
    QCOMPARE(model.rowCount(), 2);

    const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(0, SignalModel::TimeColumn),
             QDateTime::fromMSecsSinceEpoch(BaseTs + 42).toString(QStringLiteral("hh:mm:ss.zzz")));
    QVERIFY(cell(0, SignalModel::TimeColumn).endsWith(QLatin1String(".165")));
    QCOMPARE(cell(0, SignalModel::SeqColumn), QStringLiteral("42"));
    QCOMPARE(cell(0, SignalModel::SymbolColumn), QStringLiteral("EURUSD"));
    QCOMPARE(cell(0, SignalModel::SideColumn), QStringLiteral("Buy"));
    QCOMPARE(cell(0, SignalModel::PriceColumn), QStringLiteral("1.0843"));
    QCOMPARE(cell(0, SignalModel::ConfidenceColumn), QStringLiteral("0.87"));
    QCOMPARE(cell(1, SignalModel::SymbolColumn), QStringLiteral("BTCUSD"));
    QCOMPARE(cell(1, SignalModel::SideColumn), QStringLiteral("Sell"));
    QCOMPARE(cell(1, SignalModel::PriceColumn), QStringLiteral("64000.5"));
    QCOMPARE(cell(1, SignalModel::ConfidenceColumn), QStringLiteral("0.50"));

    QCOMPARE(model.index(1, SignalModel::PriceColumn).data(SignalModel::RawRole).toDouble(), 64000.5);
    QCOMPARE(model.index(0, SignalModel::TimeColumn).data(SignalModel::RawRole).toLongLong(), BaseTs + 42);
    QVERIFY(model.index(0, SignalModel::TimeColumn).data(Qt::ToolTipRole).toString().contains(u'T'));
    QCOMPARE(model.index(0, SignalModel::PriceColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.signalAt(1).seq, 41);
}

void TestModels::malformedSignalsAreRejected()
{
    SignalModel model;
    QJsonObject noSeq = signalJson(1);
    noSeq.remove(QLatin1String("seq"));
    QVERIFY(!model.append(noSeq));
    QJsonObject textSeq = signalJson(1);
    textSeq.insert(QLatin1String("seq"), QStringLiteral("1"));
    QVERIFY(!model.append(textSeq));
    QVERIFY(!model.append(signalJson(-5)));
    QJsonObject fraction = signalJson(1);
    fraction.insert(QLatin1String("seq"), 1.5);
    QVERIFY(!model.append(fraction));
    model.flush();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalReceived(), 0);
    QCOMPARE(model.pendingCount(), 0);
}

void TestModels::modelTesterAcrossAppendsOverflowAndPause()
{
    SignalModel model(50, SignalGate::Clock::system());
    SignalFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);

    appendRange(model, 1, 30);
    model.flush();
    QCOMPARE(model.rowCount(), 30);
    appendRange(model, 31, 70);   // 30 + 40 > 50: 20 leave at the bottom
    model.flush();
    QCOMPARE(model.rowCount(), 50);
    verifyNewestFirst(model, 70);

    model.pause();
    appendRange(model, 71, 200);
    model.flush();
    QCOMPARE(model.rowCount(), 50);
    verifyNewestFirst(model, 70);
    model.resume();
    verifyNewestFirst(model, 200);

    filter.setSymbolFilter(QStringLiteral("eur"));
    QCOMPARE(filter.rowCount(), 50);
    filter.setSymbolFilter(QStringLiteral("btc"));
    QCOMPARE(filter.rowCount(), 0);
    QVERIFY(model.append(signalJson(201, QStringLiteral("BTCUSD"))));
    model.flush();
    QCOMPARE(filter.rowCount(), 1);
    filter.sort(SignalModel::PriceColumn, Qt::DescendingOrder);
    filter.setSymbolFilter(QString());
    appendRange(model, 202, 260);
    model.flush();
    QCOMPARE(filter.rowCount(), 50);
    model.clear();
    QCOMPARE(filter.rowCount(), 0);
}

void TestModels::oneFlushIsOneInsertion()
{
    SignalModel model;
    QSignalSpy aboutToInsert(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    appendRange(model, 1, 5000);
    QCOMPARE(aboutToInsert.count(), 0);   // appending never touches the view
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 5000);

    model.flush();
    QCOMPARE(aboutToInsert.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 4999);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 5000);
    QCOMPARE(model.pendingCount(), 0);
    verifyNewestFirst(model, 5000);

    model.flush();   // nothing queued: nothing happens
    QCOMPARE(inserted.count(), 1);
}

void TestModels::overflowKeepsTheNewestN()
{
    SignalModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendRange(model, 1, 5000);
    model.flush();

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    appendRange(model, 5001, 13000);
    model.flush();
    // 5000 + 8000 = 13000: the oldest 3000 leave at the bottom in one step.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 2000);
    QCOMPARE(removed.first().at(2).toInt(), 4999);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 7999);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(seqAt(model, 0), 13000);
    QCOMPARE(seqAt(model, 9999), 3001);
    verifyNewestFirst(model, 13000);

    // Round and round the ring: always exactly N, newest first.
    for (qint64 first = 13001; first < 40000; first += 4321) {
        appendRange(model, first, first + 4320);
        model.flush();
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(seqAt(model, 0), first + 4320);
        QCOMPARE(seqAt(model, 9999), first + 4320 - 9999);
    }
    verifyNewestFirst(model, seqAt(model, 0));
}

void TestModels::batchLargerThanTheRing()
{
    SignalModel model;
    appendRange(model, 1, 3000);
    model.flush();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    appendRange(model, 3001, 28000);
    QCOMPARE(model.pendingCount(), 10000);   // older queued ones could never be shown
    model.flush();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 0);
    QCOMPARE(removed.first().at(2).toInt(), 2999);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(2).toInt(), 9999);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(model.totalReceived(), 28000);
    verifyNewestFirst(model, 28000);
}

void TestModels::timerFlushesInBatches()
{
    SignalModel model;
    model.setFlushInterval(20);
    QCOMPARE(model.flushInterval(), 20);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    appendRange(model, 1, 1000);
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE(model.rowCount(), 1000);
    QCOMPARE(inserted.count(), 1);
    // An idle model has no timer running.
    QTest::qWait(60);
    QCOMPARE(inserted.count(), 1);
    appendRange(model, 1001, 1010);
    QTRY_COMPARE(model.rowCount(), 1010);
    QCOMPARE(inserted.count(), 2);
}

void TestModels::countsComeFromTheConnection()
{
    SignalModel model;
    QSignalSpy changed(&model, &SignalModel::countersChanged);
    appendRange(model, 1, 3);
    model.countResume(4, 0);   // a reconnect that brought everything back
    QCOMPARE(changed.count(), 1);
    model.countResume(2, 3);   // the server no longer had three of them
    model.countSkipped(5);     // the server jumped over five while connected
    QCOMPARE(model.recovered(), 6);
    QCOMPARE(model.lost(), 8);
    QCOMPARE(model.serverRestarts(), 0);
    model.countResume(7, -1);   // a restarted server: what the old one sent is unknown
    QCOMPARE(model.recovered(), 13);
    QCOMPARE(model.lost(), 8);
    QCOMPARE(model.serverRestarts(), 1);
    QCOMPARE(changed.count(), 4);
    QCOMPARE(model.totalReceived(), 3);
}

void TestModels::showsWhatTheConnectionDelivers()
{
    // The connection decides order and duplicates across reconnects and
    // server restarts; the model shows each signal it is given, in arrival order.
    SignalModel model;
    appendRange(model, 1, 500);
    appendRange(model, 1, 10);   // a restarted server numbers from 1 again
    QCOMPARE(model.totalReceived(), 510);
    model.flush();
    QCOMPARE(model.rowCount(), 510);
    QCOMPARE(seqAt(model, 0), 10);
    QCOMPARE(seqAt(model, 10), 500);
}

void TestModels::pauseKeepsRowsAndResumeShowsThem()
{
    SignalModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendRange(model, 1, 10);
    model.flush();
    model.pause();
    QVERIFY(model.isPaused());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    appendRange(model, 11, 15);
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(seqAt(model, 0), 10);
    QCOMPARE(model.pendingCount(), 5);
    QCOMPARE(model.totalReceived(), 15);   // counted while paused
    QCOMPARE(inserted.count(), 0);
    // The timer does not show them either.
    model.setFlushInterval(5);
    appendRange(model, 16, 16);
    QTest::qWait(30);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(inserted.count(), 0);

    model.resume();
    QVERIFY(!model.isPaused());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 16);
    QCOMPARE(model.pendingCount(), 0);
    verifyNewestFirst(model, 16);
    model.resume();   // not paused: nothing
    QCOMPARE(inserted.count(), 1);
}

void TestModels::pauseIsBoundedByTheRing()
{
    SignalModel model(20, SignalGate::Clock::system());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendRange(model, 1, 15);
    model.flush();
    model.pause();
    appendRange(model, 16, 100);
    QCOMPARE(model.pendingCount(), 20);
    QCOMPARE(model.rowCount(), 15);
    verifyNewestFirst(model, 15);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.resume();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 20);
    verifyNewestFirst(model, 100);
    QCOMPARE(model.totalReceived(), 100);
}

void TestModels::countersChangedOncePerFlush()
{
    SignalModel model;
    QSignalSpy counters(&model, &SignalModel::countersChanged);
    appendRange(model, 1, 100);
    QCOMPARE(counters.count(), 0);
    model.flush();
    QCOMPARE(counters.count(), 1);
    model.pause();   // paused: counters still move
    appendRange(model, 101, 200);
    model.flush();
    QCOMPARE(counters.count(), 2);
}

void TestModels::signalsPerSecondWithInjectedClock()
{
    SignalGate::ManualClock time;
    SignalModel model(SignalModel::DefaultCapacity, time);
    QCOMPARE(model.rateWindow(), 1000);
    QCOMPARE(model.signalsPerSecond(), 0.0);
    appendRange(model, 1, 100);
    time.advance(500);
    QCOMPARE(model.signalsPerSecond(), 100.0);
    appendRange(model, 101, 300);
    time.advance(400);   // 900 ms after the first 100
    QCOMPARE(model.signalsPerSecond(), 300.0);
    time.advance(99);   // 999 ms after the first 100: still in
    QCOMPARE(model.signalsPerSecond(), 300.0);
    time.advance(1);   // 1000 ms: the window is (now - 1 s, now]
    QCOMPARE(model.signalsPerSecond(), 200.0);
    time.advance(100);
    QCOMPARE(model.signalsPerSecond(), 200.0);
    time.advance(1000);
    QCOMPARE(model.signalsPerSecond(), 0.0);

    // Malformed frames are not signals.
    QVERIFY(!model.append(signalJson(-5)));
    QCOMPARE(model.signalsPerSecond(), 0.0);

    // Over 5 s: 1000 signals spread over 4 s are 200/s.
    model.setRateWindow(5000);
    QCOMPARE(model.rateWindow(), 5000);
    for (int i = 0; i < 4; ++i) {
        appendRange(model, 301 + i * 250, 300 + (i + 1) * 250);
        time.advance(1000);
    }
    QCOMPARE(model.signalsPerSecond(), 200.0);
    time.advance(2500);   // two of the four seconds left
    QCOMPARE(model.signalsPerSecond(), 100.0);
    QCOMPARE(model.totalReceived(), 1300);
}

void TestModels::clearStartsOver()
{
    SignalGate::ManualClock clock;
    SignalModel model(100, clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    appendRange(model, 1, 10);
    model.flush();
    appendRange(model, 11, 12);
    model.countResume(3, 2);
    model.countResume(1, -1);
    QSignalSpy changed(&model, &SignalModel::countersChanged);
    model.clear();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.totalReceived(), 0);
    QCOMPARE(model.recovered(), 0);
    QCOMPARE(model.lost(), 0);
    QCOMPARE(model.serverRestarts(), 0);
    QCOMPARE(model.signalsPerSecond(), 0.0);
    appendRange(model, 13, 14);
    model.flush();
    verifyNewestFirst(model, 14);
    QCOMPARE(model.rowCount(), 2);
}

void TestModels::pricesLineUpPerSymbol()
{
    SignalModel model;
    QVERIFY(model.append(signalJson(1, QStringLiteral("EURUSD"), QStringLiteral("buy"), 1.085)));
    QVERIFY(model.append(signalJson(2, QStringLiteral("EURUSD"), QStringLiteral("buy"), 1.0848)));
    QVERIFY(model.append(signalJson(3, QStringLiteral("AAPL"), QStringLiteral("buy"), 187.5)));
    QVERIFY(model.append(signalJson(4, QStringLiteral("AAPL"), QStringLiteral("buy"), 190)));
    model.flush();
    const auto price = [&model](int row) { return model.index(row, SignalModel::PriceColumn).data().toString(); };
    QCOMPARE(price(3), QStringLiteral("1.0850"));   // as many decimals as the most precise EURUSD price
    QCOMPARE(price(2), QStringLiteral("1.0848"));
    QCOMPARE(price(1), QStringLiteral("187.5"));
    QCOMPARE(price(0), QStringLiteral("190.0"));
    QCOMPARE(model.priceDecimals(QStringLiteral("AAPL")), 1);
    QCOMPARE(model.priceDecimals(QStringLiteral("never-seen")), int(QLocale::FloatingPointShortest));
    // Still the same number when pasted back.
    QCOMPARE(price(3).toDouble(), 1.085);
    // In the user's locale, like every other number on screen.
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString german = price(3);
    QLocale::setDefault(before);
    QCOMPARE(german, QStringLiteral("1,0850"));
}

void TestModels::rateIsZeroWhenNotLive()
{
    SignalGate::ManualClock clock;
    SignalModel model(100, clock);
    QVERIFY(!model.isLive());
    QSignalSpy changed(&model, &SignalModel::countersChanged);
    model.setLive(true);
    QCOMPARE(changed.count(), 1);
    appendRange(model, 1, 5);
    QCOMPARE(model.signalsPerSecond(), 5.0);
    model.setLive(false);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.signalsPerSecond(), 0.0);
    QCOMPARE(model.totalReceived(), 5);
}

void TestModels::copyText()
{
    SignalModel model;
    QVERIFY(model.append(signalJson(1, QStringLiteral("EURUSD"), QStringLiteral("buy"), 1.0843, 0.87)));
    QVERIFY(model.append(signalJson(2, QStringLiteral("BTC\tUSD\n"), QStringLiteral("sell"), 64000.5, 0.5)));
    model.flush();
    const QString time1 = model.index(1, SignalModel::TimeColumn).data().toString();
    const QString time2 = model.index(0, SignalModel::TimeColumn).data().toString();

    const QString line1 = time1 + QStringLiteral("\t1\tEURUSD\tBuy\t1.0843\t0.87\n");
    const QString line2 = time2 + QStringLiteral("\t2\tBTC USD \tSell\t64000.5\t0.50\n");
    QCOMPARE(model.textForRows({0, 1}), line2 + line1);
    QCOMPARE(model.textForRows({1, 0, 1, 7, -1}), line1 + line2);
    QCOMPARE(model.textForRows({}), QString());
    QCOMPARE(model.textForRows({1}, true), QStringLiteral("Time\tSeq\tSymbol\tSide\tPrice\tConfidence\n") + line1);

    // A selection of several cells in a row is one line.
    const QModelIndexList selection = {model.index(1, 0), model.index(0, 2), model.index(1, 3), model.index(0, 0)};
    QCOMPARE(model.textForIndexes(selection), line2 + line1);
}

void TestModels::copyTextThroughSortedProxy()
{
    SignalModel model;
    QVERIFY(model.append(signalJson(1, QStringLiteral("EURUSD"), QStringLiteral("buy"), 3.0)));
    QVERIFY(model.append(signalJson(2, QStringLiteral("EURGBP"), QStringLiteral("buy"), 1.0)));
    QVERIFY(model.append(signalJson(3, QStringLiteral("BTCUSD"), QStringLiteral("buy"), 2.0)));
    model.flush();
    SignalFilterModel filter;
    filter.setSourceModel(&model);
    filter.setSymbolFilter(QStringLiteral("EUR"));
    filter.sort(SignalModel::PriceColumn, Qt::AscendingOrder);
    QCOMPARE(filter.rowCount(), 2);

    // The view shows EURGBP (1.0) above EURUSD (3.0); the copy follows the view.
    const QModelIndexList selection = {filter.index(1, 1), filter.index(0, 4)};
    const QString text = model.textForIndexes(selection);
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).section(u'\t', 2, 2), QStringLiteral("EURGBP"));
    QCOMPARE(lines.at(1).section(u'\t', 2, 2), QStringLiteral("EURUSD"));
}

void TestModels::filterBySymbol()
{
    SignalModel model;
    const QStringList symbols = {QStringLiteral("EURUSD"), QStringLiteral("EURGBP"), QStringLiteral("BTCUSD"),
                                 QStringLiteral("BTC"), QStringLiteral("eurusd")};
    qint64 seq = 0;
    for (const QString &symbol : symbols)
        QVERIFY(model.append(signalJson(++seq, symbol)));
    model.flush();

    SignalFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(filter.match(), SignalFilterModel::Match::Prefix);
    QCOMPARE(filter.rowCount(), 5);

    filter.setSymbolFilter(QStringLiteral("eur"));
    QCOMPARE(filter.rowCount(), 3);
    filter.setSymbolFilter(QStringLiteral("  EURUSD "));
    QCOMPARE(filter.symbolFilter(), QStringLiteral("EURUSD"));
    QCOMPARE(filter.rowCount(), 2);   // case-insensitive
    filter.setSymbolFilter(QStringLiteral("btc"));
    QCOMPARE(filter.rowCount(), 2);
    filter.setMatch(SignalFilterModel::Match::Exact);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, SignalModel::SymbolColumn).data().toString(), QStringLiteral("BTC"));
    filter.setSymbolFilter(QStringLiteral("EUR"));
    QCOMPARE(filter.rowCount(), 0);
    filter.setSymbolFilter(QString());
    QCOMPARE(filter.rowCount(), 5);
}

void TestModels::filterFollowsNewSignals()
{
    SignalModel model(10, SignalGate::Clock::system());
    SignalFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSymbolFilter(QStringLiteral("BTC"));
    for (qint64 seq = 1; seq <= 30; ++seq)
        QVERIFY(model.append(signalJson(seq, seq % 3 ? QStringLiteral("EURUSD") : QStringLiteral("BTCUSD"))));
    model.flush();
    // The ring holds 21..30; of those 21, 24, 27, 30 are BTCUSD, newest first.
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(filter.rowCount(), 4);
    QCOMPARE(filter.index(0, SignalModel::SeqColumn).data().toString(), QStringLiteral("30"));
    QCOMPARE(filter.index(3, SignalModel::SeqColumn).data().toString(), QStringLiteral("21"));
}

void TestModels::proxySortsNumerically()
{
    SignalModel model;
    QVERIFY(model.append(signalJson(9, QStringLiteral("A"), QStringLiteral("buy"), 10.0)));
    QVERIFY(model.append(signalJson(10, QStringLiteral("A"), QStringLiteral("buy"), 9.5)));
    QVERIFY(model.append(signalJson(11, QStringLiteral("A"), QStringLiteral("buy"), 100.0)));
    model.flush();
    SignalFilterModel filter;
    filter.setSourceModel(&model);
    filter.sort(SignalModel::SeqColumn, Qt::AscendingOrder);
    QCOMPARE(filter.index(0, SignalModel::SeqColumn).data().toString(), QStringLiteral("9"));
    QCOMPARE(filter.index(2, SignalModel::SeqColumn).data().toString(), QStringLiteral("11"));
    filter.sort(SignalModel::PriceColumn, Qt::AscendingOrder);
    QCOMPARE(filter.index(0, SignalModel::PriceColumn).data().toString(), QStringLiteral("9.5"));
    QCOMPARE(filter.index(2, SignalModel::PriceColumn).data().toString(), QStringLiteral("100.0"));
}

void TestModels::eventLogCountsRepeats()
{
    SignalGate::ManualClock clock;
    EventLog log(10, clock);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&log, &QAbstractItemModel::dataChanged);
    log.addEvent(EventLog::Severity::Warning, QStringLiteral("Could not connect: refused"), QStringLiteral("in 1 s"));
    clock.advance(1000);
    log.addEvent(EventLog::Severity::Warning, QStringLiteral("Could not connect: refused"), QStringLiteral("in 2 s"));
    log.addEvent(EventLog::Severity::Warning, QStringLiteral("Could not connect: refused"), QStringLiteral("in 4 s"));
    QCOMPARE(log.rowCount(), 1);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(log.index(0, EventLog::EventColumn).data().toString(),
             QStringLiteral("Could not connect: refused (3 times)"));
    QCOMPARE(log.index(0, EventLog::NextActionColumn).data().toString(), QStringLiteral("in 4 s"));   // the latest
    QCOMPARE(log.entry(0).timeMs, clock.wallMs());
    // Anything else in between starts a new row.
    log.addEvent(EventLog::Severity::Info, QStringLiteral("Connected"));
    log.addEvent(EventLog::Severity::Warning, QStringLiteral("Could not connect: refused"));
    QCOMPARE(log.rowCount(), 3);
    log.addClose(1006, QString());
    log.addClose(1006, QString());
    QCOMPARE(log.rowCount(), 4);
}

void TestModels::eventLogDescribesEveryCloseCode()
{
    EventLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<CloseSpec> specs = Close::all();
    QCOMPARE(specs.size(), 13);
    QSet<QString> meanings;
    for (const CloseSpec &spec : specs) {
        const int row = log.rowCount();
        log.addClose(spec.code, spec.reasonText());
        QCOMPARE(log.rowCount(), row + 1);   // newest last
        const CloseCodeInfo info = CloseCodeInfo::describe(spec.code, spec.reasonText());
        const auto cell = [&](int column, int role = Qt::DisplayRole) { return log.index(row, column).data(role); };
        QCOMPARE(cell(EventLog::CodeColumn).toInt(), int(spec.code));
        QCOMPARE(cell(EventLog::ReasonColumn).toString(), spec.reasonText());
        QCOMPARE(cell(EventLog::EventColumn).toString(), QStringLiteral("Connection closed"));
        const QString meaning = cell(EventLog::MeaningColumn).toString();
        QVERIFY2(!meaning.isEmpty(), spec.reason);
        QCOMPARE(meaning, info.meaning);
        meanings.insert(meaning);
        const QString next = cell(EventLog::NextActionColumn).toString();
        QVERIFY2(!next.isEmpty(), spec.reason);
        QCOMPARE(next, EventLog::nextActionText(info.action));
        for (int column = 0; column < EventLog::ColumnCount; ++column)
            QCOMPARE(cell(column, EventLog::SeverityRole).toInt(), int(info.severity));
        QCOMPARE(cell(EventLog::TimeColumn, Qt::AccessibleDescriptionRole).toString(),
                 EventLog::severityText(info.severity));
    }
    QCOMPARE(meanings.size(), specs.size());   // every row of the contract says its own thing

    // The severities the contract implies, spelled out so a change shows here.
    // Rows follow Close::all(), one per spec.
    const auto rowOf = [&](const CloseSpec &spec) {
        for (int row = 0; row < specs.size(); ++row) {
            if (specs.at(row).code == spec.code && qstrcmp(specs.at(row).reason, spec.reason) == 0)
                return row;
        }
        return -1;
    };
    const auto severityOf = [&](const CloseSpec &spec) {
        const int row = rowOf(spec);
        return CloseCodeInfo::Severity(log.index(row, 0).data(EventLog::SeverityRole).toInt());
    };
    QCOMPARE(severityOf(Close::NormalClosure), CloseCodeInfo::Severity::Info);
    QCOMPARE(severityOf(Close::ServerShuttingDown), CloseCodeInfo::Severity::Warning);
    QCOMPARE(severityOf(Close::SlowConsumer), CloseCodeInfo::Severity::Warning);
    QCOMPARE(severityOf(Close::TokenExpired), CloseCodeInfo::Severity::Warning);
    QCOMPARE(severityOf(Close::TokenRevoked), CloseCodeInfo::Severity::Error);
    QCOMPARE(severityOf(Close::TooManyConnections), CloseCodeInfo::Severity::Error);

    // What the client does next, for the ones the issue names.
    const auto nextOf = [&](const CloseSpec &spec) {
        return log.index(rowOf(spec), EventLog::NextActionColumn).data().toString();
    };
    using Action = CloseCodeInfo::NextAction;
    QCOMPARE(nextOf(Close::ServerShuttingDown), EventLog::nextActionText(Action::Reconnect));
    QCOMPARE(nextOf(Close::InternalError), EventLog::nextActionText(Action::Reconnect));
    QCOMPARE(nextOf(Close::TokenExpired), EventLog::nextActionText(Action::RefreshThenReconnect));
    QCOMPARE(nextOf(Close::InvalidToken), EventLog::nextActionText(Action::RefreshThenReconnect));
    QCOMPARE(nextOf(Close::AuthenticationRequired), EventLog::nextActionText(Action::SignIn));
    QCOMPARE(nextOf(Close::TokenRevoked), EventLog::nextActionText(Action::Stop));
    QCOMPARE(nextOf(Close::RateLimitExceeded), EventLog::nextActionText(Action::Stop));

    // The five actions read differently.
    QSet<QString> actions;
    for (Action action : {Action::None, Action::Reconnect, Action::RefreshThenReconnect, Action::SignIn, Action::Stop})
        actions.insert(EventLog::nextActionText(action));
    QCOMPARE(actions.size(), 5);

    // 1006 is not in the contract's table but the client sees it.
    log.addClose(1006, QString());
    const int last = log.rowCount() - 1;
    QVERIFY(!log.index(last, EventLog::MeaningColumn).data().toString().isEmpty());
    QCOMPARE(log.index(last, EventLog::NextActionColumn).data().toString(),
             EventLog::nextActionText(Action::Reconnect));
    QCOMPARE(log.index(last, 0).data(EventLog::SeverityRole).toInt(), int(CloseCodeInfo::Severity::Warning));
}

void TestModels::eventLogUnknownCodeAndOverride()
{
    EventLog log;
    log.addClose(4321, QStringLiteral("Custom thing"));
    QCOMPARE(log.index(0, EventLog::ReasonColumn).data().toString(), QStringLiteral("Custom thing"));
    QVERIFY(!log.index(0, EventLog::MeaningColumn).data().toString().isEmpty());
    QCOMPARE(log.index(0, EventLog::NextActionColumn).data().toString(),
             EventLog::nextActionText(CloseCodeInfo::NextAction::Stop));
    QCOMPARE(log.index(0, 0).data(EventLog::SeverityRole).toInt(), int(CloseCodeInfo::Severity::Error));

    // The reconnect policy knows the delay: its words replace the default.
    log.addClose(Close::SlowConsumer.code, Close::SlowConsumer.reasonText(), QStringLiteral("Reconnecting in 2.5 s"));
    QCOMPARE(log.index(1, EventLog::NextActionColumn).data().toString(), QStringLiteral("Reconnecting in 2.5 s"));
    QCOMPARE(log.entry(1).code, 1013);
    QCOMPARE(log.entry(1).severity, CloseCodeInfo::Severity::Warning);
}

void TestModels::eventLogEventsAndBound()
{
    SignalGate::ManualClock clock;
    clock.setWallMs(1'700'000'000'000);
    EventLog log(5, clock);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(log.capacity(), 5);
    log.addEvent(CloseCodeInfo::Severity::Info, QStringLiteral("Connected"));
    QCOMPARE(log.rowCount(), 1);
    QVERIFY(!log.index(0, EventLog::CodeColumn).data().isValid());   // no code for an event
    QCOMPARE(log.index(0, EventLog::MeaningColumn).data().toString(), QString());
    QCOMPARE(log.index(0, 0).data(EventLog::TimestampRole).toLongLong(), clock.wallMs());

    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    for (int i = 1; i <= 7; ++i) {
        clock.advance(1000);
        log.addEvent(CloseCodeInfo::Severity::Warning, QStringLiteral("Event %1").arg(i),
                     QStringLiteral("Next %1").arg(i));
    }
    QCOMPARE(log.rowCount(), 5);
    QCOMPARE(inserted.count(), 7);
    QCOMPARE(removed.count(), 3);   // the oldest, at the top
    QCOMPARE(removed.last().at(1).toInt(), 0);
    QCOMPARE(removed.last().at(2).toInt(), 0);
    QCOMPARE(log.index(0, EventLog::EventColumn).data().toString(), QStringLiteral("Event 3"));
    QCOMPARE(log.index(4, EventLog::EventColumn).data().toString(), QStringLiteral("Event 7"));
    QCOMPARE(log.index(4, EventLog::NextActionColumn).data().toString(), QStringLiteral("Next 7"));
    QCOMPARE(log.index(4, 0).data(EventLog::SeverityRole).toInt(), int(CloseCodeInfo::Severity::Warning));
    QCOMPARE(log.index(4, 0).data(EventLog::TimestampRole).toLongLong(), clock.wallMs());

    log.clear();
    QCOMPARE(log.rowCount(), 0);
}

void TestModels::eventLogHeadersAndTime()
{
    const qint64 at = 1'700'000'000'000;
    SignalGate::ManualClock clock;
    clock.setWallMs(at);
    EventLog log(EventLog::DefaultCapacity, clock);
    QCOMPARE(log.capacity(), 1000);
    QCOMPARE(log.columnCount(), 6);
    const QStringList titles = {QStringLiteral("Time"),   QStringLiteral("Event"),   QStringLiteral("Code"),
                                QStringLiteral("Reason"), QStringLiteral("Meaning"), QStringLiteral("Next")};
    for (int column = 0; column < titles.size(); ++column)
        QCOMPARE(log.headerData(column, Qt::Horizontal).toString(), titles.at(column));
    log.addEvent(CloseCodeInfo::Severity::Error, QStringLiteral("TLS error"), QStringLiteral("Check the CA file"));
    QCOMPARE(log.index(0, EventLog::TimeColumn).data().toString(),
             QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("hh:mm:ss")));
    QCOMPARE(log.index(0, EventLog::TimeColumn).data(Qt::ToolTipRole).toString(),
             QDateTime::fromMSecsSinceEpoch(at).toString(Qt::ISODate));
    QCOMPARE(log.index(0, EventLog::NextActionColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Check the CA file"));
    QCOMPARE(log.index(0, 0).data(Qt::AccessibleDescriptionRole).toString(), QStringLiteral("Error"));
    QCOMPARE(EventLog::severityText(CloseCodeInfo::Severity::Info), QStringLiteral("Information"));
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
