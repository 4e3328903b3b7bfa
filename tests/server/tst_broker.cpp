// The in-process broker alone: seq order, one encoding per signal, the
// history a resume replays, and seqs reserved in blocks so a restart never
// reuses one.
#include "history.h"
#include "inprocessbroker.h"
#include "servermessages.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace SignalGate::Protocol;
using namespace SignalGate::Server;

namespace {

SignalFrame signalFor(const QString &symbol)
{
    SignalFrame signal;
    signal.symbol = symbol;
    signal.side = QStringLiteral("buy");
    signal.price = 1.5;
    signal.confidence = 0.5;
    signal.timestampMs = 1000;
    return signal;
}

}   // namespace

class TestBroker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishingOrdersDeliversAndAnswers();
    void continuesWhereThePreviousRunStopped();
    void reservesSeqsInBlocks();
    void historyKeepsTheLastSignals();
};

void TestBroker::publishingOrdersDeliversAndAnswers()
{
    InProcessBroker broker(10);
    QSignalSpy delivered(&broker, &Broker::delivered);
    QList<quint64> answered;
    broker.publish(signalFor(QStringLiteral("A")), [&answered](quint64 seq) { answered << seq; });
    broker.publish(signalFor(QStringLiteral("B")), [&answered](quint64 seq) { answered << seq; });
    broker.publish(signalFor(QStringLiteral("C")));   // the feed wants no answer

    QCOMPARE(answered, (QList<quint64>{1, 2}));
    QCOMPARE(broker.lastSeq(), 3u);
    QCOMPARE(delivered.count(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(delivered.at(i).at(0).toULongLong(), quint64(i + 1));
        // The frame is the contract's signal message, with the seq the broker gave.
        const QJsonObject frame = QJsonDocument::fromJson(delivered.at(i).at(1).toString().toUtf8()).object();
        const std::optional<SignalFrame> parsed = SignalFrame::fromJson(frame);
        QVERIFY(parsed);
        QCOMPARE(parsed->seq, qint64(i + 1));
        QCOMPARE(parsed->symbol, QString(QChar(u'A' + i)));
    }
}

void TestBroker::continuesWhereThePreviousRunStopped()
{
    InProcessBroker broker(10, 41);
    quint64 given = 0;
    broker.publish(signalFor(QStringLiteral("A")), [&given](quint64 seq) { given = seq; });
    QCOMPARE(given, 42u);
}

void TestBroker::reservesSeqsInBlocks()
{
    QList<quint64> asked;
    InProcessBroker broker(10, 0, [&asked](quint64 lastSeq) {
        asked << lastSeq;
        return lastSeq + 2;   // a block of three seqs: lastSeq, +1, +2
    });
    for (int i = 0; i < 7; ++i)
        broker.publish(signalFor(QStringLiteral("A")));
    // Asked before seq 1, 4 and 7: never a seq outside a reserved block.
    QCOMPARE(asked, (QList<quint64>{1, 4, 7}));
}

void TestBroker::historyKeepsTheLastSignals()
{
    InProcessBroker broker(3);
    QVERIFY(broker.history().isEmpty());
    for (int i = 0; i < 5; ++i)
        broker.publish(signalFor(QStringLiteral("A")));
    QCOMPARE(broker.history().firstSeq(), 3u);
    QCOMPARE(broker.history().lastSeq(), 5u);
    const QList<QString> replay = broker.history().between(3, 5).frames;
    QCOMPARE(replay.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(replay.first().toUtf8()).object().value(QStringLiteral("seq")).toInteger(), 4);
}

QTEST_GUILESS_MAIN(TestBroker)
#include "tst_broker.moc"
