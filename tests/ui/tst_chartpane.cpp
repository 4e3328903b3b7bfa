// The Charts tab on its own, offscreen: where each chart stands, and the
// numbers it shows.
#include "chartpane.h"

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

QTEST_MAIN(TestChartPane)
#include "tst_chartpane.moc"
