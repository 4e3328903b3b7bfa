// The Charts tab on its own, offscreen: where each chart stands, and the
// numbers it shows.
#include "chartpane.h"

#include <QChartView>
#include <QDateTimeAxis>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace SignalGate::Ui;

namespace {

QJsonObject signalJson(qint64 seq, const QString &symbol, double price)
{
    return {{QLatin1String("type"), QLatin1String("signal")},
            {QLatin1String("seq"), seq},
            {QLatin1String("ts"), 1'700'000'000'000 + seq * 1000},
            {QLatin1String("symbol"), symbol},
            {QLatin1String("side"), QLatin1String("sell")},
            {QLatin1String("price"), price},
            {QLatin1String("confidence"), 0.5}};
}

}   // namespace

class TestChartPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartsStandInAlphabeticalOrder();
    void pricesUseTheUsersLocaleAndDecimals();
    void timeLabelsNeverRepeatASecond_data();
    void timeLabelsNeverRepeatASecond();
};

void TestChartPane::chartsStandInAlphabeticalOrder()
{
    ChartPane pane;
    pane.addSignals({signalJson(1, QStringLiteral("USDJPY"), 150.25)});
    pane.addSignals({signalJson(2, QStringLiteral("AAPL"), 187.5), signalJson(3, QStringLiteral("EURUSD"), 1.085)});
    QCOMPARE(pane.symbols(), QStringList({QStringLiteral("AAPL"), QStringLiteral("EURUSD"), QStringLiteral("USDJPY")}));
}

void TestChartPane::pricesUseTheUsersLocaleAndDecimals()
{
    ChartPane pane;
    QVERIFY(pane.lastPriceText(QStringLiteral("EURUSD")).isEmpty());
    pane.addSignals({signalJson(1, QStringLiteral("EURUSD"), 1.0848), signalJson(2, QStringLiteral("EURUSD"), 1.085)});
    QCOMPARE(pane.lastPriceText(QStringLiteral("EURUSD")), QStringLiteral("1.0850"));
    QVERIFY2(
            pane.hoverText(QStringLiteral("EURUSD"), {1'700'000'001'000.0, 1.0848}).endsWith(QLatin1String(": 1.0848")),
            qPrintable(pane.hoverText(QStringLiteral("EURUSD"), {1'700'000'001'000.0, 1.0848})));

    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString german = pane.lastPriceText(QStringLiteral("EURUSD"));
    QLocale::setDefault(before);
    QCOMPARE(german, QStringLiteral("1,0850"));
}

void TestChartPane::timeLabelsNeverRepeatASecond_data()
{
    QTest::addColumn<int>("spanMs");
    QTest::newRow("one signal") << 0;
    QTest::newRow("under a second") << 400;
    QTest::newRow("1.5 s") << 1500;
    QTest::newRow("2.9 s") << 2900;
    QTest::newRow("a minute") << 60'000;
}

// Over a short span the axis once printed 10:00:00 on three ticks.
void TestChartPane::timeLabelsNeverRepeatASecond()
{
    QFETCH(int, spanMs);
    ChartPane pane;
    QJsonObject first = signalJson(1, QStringLiteral("EURUSD"), 1.0848);
    QJsonObject last = signalJson(2, QStringLiteral("EURUSD"), 1.085);
    first[QLatin1String("ts")] = qint64(1'700'000'000'250);
    last[QLatin1String("ts")] = qint64(1'700'000'000'250) + spanMs;
    pane.addSignals({first, last});

    const auto views = pane.findChildren<QChartView *>();
    QCOMPARE(views.size(), 1);
    const auto axes = views.constFirst()->chart()->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    const auto *axis = qobject_cast<const QDateTimeAxis *>(axes.constFirst());
    QVERIFY(axis);
    QTRY_COMPARE(axis->max().toMSecsSinceEpoch(), 1'700'000'000'250 + std::max(spanMs, 1000));

    QStringList labels;
    const qint64 min = axis->min().toMSecsSinceEpoch();
    const qint64 step = (axis->max().toMSecsSinceEpoch() - min) / (axis->tickCount() - 1);
    for (int i = 0; i < axis->tickCount(); ++i)
        labels << QDateTime::fromMSecsSinceEpoch(min + i * step).toString(axis->format());
    QCOMPARE(QSet<QString>(labels.cbegin(), labels.cend()).size(), labels.size());
    QVERIFY2(axis->tickCount() >= 2, qPrintable(labels.join(QLatin1Char(' '))));
}

QTEST_MAIN(TestChartPane)
#include "tst_chartpane.moc"
