// ResumeTracker alone: scripts of welcomes, signals, gaps and resume answers,
// and what the client must do at each step (PROTOCOL.md section 10.1).
#include "resumetracker.h"

#include <QStringList>
#include <QTest>

using namespace SignalGate::Client;

namespace {

// Runs a script and writes what the tracker decided at each step:
//   w:N  welcome with last_seq N -> "new" (first), "since:S" (resume), "restart:S/P"
//   s:N  signal N                -> "D" deliver, "H" hold, "x" drop;
//                                   "D-K": delivered, K seqs skipped before it
//   f    resumed                 -> "f:R/L[due seqs]" or "f:none"
//   a    connection lost         -> "a";   r: another server -> "r"
QString run(const QString &script)
{
    ResumeTracker tracker;
    QStringList trace;
    for (const QString &step : script.split(u' ', Qt::SkipEmptyParts)) {
        const QString op = step.section(u':', 0, 0);
        const qint64 n = step.section(u':', 1).toLongLong();
        if (op == u"w") {
            const ResumeTracker::Start start = tracker.welcomed(n);
            trace << (!start.resume             ? QStringLiteral("new")
                              : start.restarted ? QStringLiteral("restart:%1/%2").arg(start.since).arg(start.previous)
                                                : QStringLiteral("since:%1").arg(start.since));
        } else if (op == u"s") {
            const auto action = tracker.signal(n, QJsonObject{{QStringLiteral("seq"), n}});
            trace << (action == ResumeTracker::Action::Deliver        ? QStringLiteral("D")
                              : action == ResumeTracker::Action::Hold ? QStringLiteral("H")
                                                                      : QStringLiteral("x"));
            if (const qint64 skipped = tracker.takeSkipped())
                trace.last() += QStringLiteral("-%1").arg(skipped);
        } else if (op == u"f") {
            const auto outcome = tracker.finish();
            if (!outcome) {
                trace << QStringLiteral("f:none");
                continue;
            }
            QStringList due;
            for (const QJsonObject &frame : outcome->due)
                due << QString::number(frame.value(QStringLiteral("seq")).toInteger());
            trace << QStringLiteral("f:%1/%2[%3]").arg(outcome->recovered).arg(outcome->lost).arg(due.join(u','));
        } else if (op == u"a") {
            tracker.abandon();
            trace << QStringLiteral("a");
        } else if (op == u"r") {
            tracker.reset();
            trace << QStringLiteral("r");
        }
    }
    trace << QStringLiteral("last=%1").arg(tracker.lastSeq());
    return trace.join(u' ');
}

}   // namespace

class TestResumeTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scripts_data();
    void scripts();
    void holdingIsBounded();
};

void TestResumeTracker::scripts_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("trace");
    QTest::newRow("first welcome: no resume, starts at last_seq") << "w:7 s:8 s:9"
                                                                  << "new D D last=9";
    QTest::newRow("old and repeated signals are dropped") << "w:0 s:1 s:2 s:2 s:1 s:3"
                                                          << "new D D x x D last=3";
    QTest::newRow("reconnect resumes from the last delivered seq") << "w:0 s:1 s:2 w:5 s:3 s:4 s:5 f"
                                                                   << "new D D since:2 D D D f:3/0[] last=5";
    QTest::newRow("live signals during the replay wait, then come in order")
            << "w:0 s:1 w:4 s:5 s:2 s:6 s:3 s:4 f"
            << "new D since:1 H D H D D f:3/0[5,6] last=6";
    QTest::newRow("a replayed seq already delivered is not counted twice") << "w:0 s:1 s:2 w:4 s:2 s:3 s:4 f"
                                                                           << "new D D since:2 x D D f:2/0[] last=4";
    QTest::newRow("resume_gap: the seqs before first_seq are lost") << "w:0 s:1 w:10 s:6 s:7 s:8 s:9 s:10 s:11 f"
                                                                    << "new D since:1 D D D D D H f:5/4[11] last=11";
    QTest::newRow("a replay that stops short is a loss too, and late ones are dropped")
            << "w:0 s:1 w:6 s:2 s:3 s:7 f s:4 s:8"
            << "new D since:1 D D H f:2/3[7] x D last=8";
    QTest::newRow("a live signal that jumps during the replay: the loss is counted once")
            << "w:0 s:1 w:3 s:5 s:2 s:3 f s:6"
            << "new D since:1 H D D f:2/1[5] D last=6";
    QTest::newRow("the server restarted: replay from 0, losses unknown")
            << "w:0 s:1 s:2 s:3 w:1 s:1 s:2 f"
            << "new D D D restart:0/3 D H f:1/-1[2] last=2";
    QTest::newRow("a live jump outside a resume skips the seqs between") << "w:0 s:1 s:4 s:5 s:9"
                                                                         << "new D D-2 D D-3 last=9";
    QTest::newRow("a drop mid-resume forgets the held signals; the next resume brings them")
            << "w:0 s:1 w:3 s:4 s:2 a w:5 s:3 s:4 s:5 f"
            << "new D since:1 H D a since:2 D D D f:3/0[] last=5";
    QTest::newRow("resumed without a resume running") << "w:0 f"
                                                      << "new f:none last=0";
    QTest::newRow("another server starts over") << "w:0 s:1 s:2 r w:0 s:1"
                                                << "new D D r new D last=1";
}

void TestResumeTracker::scripts()
{
    QFETCH(QString, script);
    QFETCH(QString, trace);
    QCOMPARE(run(script), trace);
}

void TestResumeTracker::holdingIsBounded()
{
    ResumeTracker tracker;
    tracker.welcomed(0);
    tracker.welcomed(0);   // a reconnect: resuming, every new seq is live
    for (qint64 seq = 1; seq < ResumeTracker::MaxHeld; ++seq)
        QCOMPARE(tracker.signal(seq, {}), ResumeTracker::Action::Hold);
    QVERIFY(!tracker.holdingTooMany());
    tracker.signal(ResumeTracker::MaxHeld, {});
    QVERIFY(tracker.holdingTooMany());
    const auto outcome = tracker.finish();
    QVERIFY(outcome);
    QCOMPARE(outcome->due.size(), ResumeTracker::MaxHeld);
    QCOMPARE(tracker.lastSeq(), ResumeTracker::MaxHeld);
    QVERIFY(!tracker.holdingTooMany());
}

QTEST_GUILESS_MAIN(TestResumeTracker)
#include "tst_resumetracker.moc"
