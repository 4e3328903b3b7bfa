// The Signals tab on its own, offscreen, over a real SignalModel: what Clear
// removes and when it asks, the keyboard, copy feedback and the "not live"
// look. The table's data itself is tst_models' business.
#include "languagesetup.h"
#include "manualclock.h"
#include "severitystyle.h"
#include "sidedelegate.h"
#include "signalfiltermodel.h"
#include "signalmodel.h"
#include "signalspane.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace SignalGate::Client;
using namespace SignalGate::Ui;

namespace {

QJsonObject signalJson(qint64 seq, const QString &symbol = QStringLiteral("EURUSD"))
{
    return {{QLatin1String("type"), QLatin1String("signal")},
            {QLatin1String("seq"), seq},
            {QLatin1String("ts"), 1'700'000'000'000 + seq},
            {QLatin1String("symbol"), symbol},
            {QLatin1String("side"), QLatin1String("buy")},
            {QLatin1String("price"), 1.0843},
            {QLatin1String("confidence"), 0.5}};
}

// Answers the next modal message box with the button whose text is given,
// and records what it asked.
void answerNextQuestion(const QString &button, QString *asked)
{
    QTimer::singleShot(0, qApp, [button, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        *asked = box->text();
        for (QAbstractButton *candidate : box->buttons()) {
            if (candidate->text() == button)
                return candidate->click();
        }
        QFAIL(qPrintable(QStringLiteral("no button %1").arg(button)));
    });
}

}   // namespace

class TestSignalsPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void clearAsksThenStartsOver();
    void emptyTableClearsWithoutAsking();
    void findAndEscapeDriveTheFilter();
    void spacePausesFromAnywhereButTheFilter();
    void copySaysWhatItDid();
    void rowsCopyAsJsonAndShowIt();
    void emptyTableSaysWhy();
    void coloursKeepTheirContrastInBothThemes();
    void sideIsColouredAndThemesApply();
    void endedStreamIsNotLive();
};

void TestSignalsPane::initTestCase()
{
    // The English plural forms ("3 rows"), as the application loads them.
    QCOMPARE(LanguageSetup::install(qApp, QStringLiteral("en")), QStringLiteral("en"));
}

void TestSignalsPane::clearAsksThenStartsOver()
{
    SignalModel model;
    SignalsPane pane(&model);
    for (qint64 seq = 1; seq <= 5; ++seq)
        model.append(signalJson(seq, seq % 2 ? QStringLiteral("EURUSD") : QStringLiteral("AAPL")));
    model.flush();
    pane.filterModel()->setSymbolFilter(QStringLiteral("AAPL"));   // hides three rows
    pane.setPaused(true);
    model.append(signalJson(6));   // held back by the pause
    model.countResume(4, 1);

    QString asked;
    answerNextQuestion(QStringLiteral("Cancel"), &asked);
    pane.clearTable();
    QVERIFY2(asked.contains(QLatin1String("all 6 signals")), qPrintable(asked));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.pendingCount(), 1);

    answerNextQuestion(QStringLiteral("Clear table"), &asked);
    pane.clearTable();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.totalReceived(), 0);
    QCOMPARE(model.recovered(), 0);
    QCOMPARE(model.lost(), 0);
    QVERIFY2(pane.countersText().contains(QLatin1String("Total: 0")), qPrintable(pane.countersText()));
}

void TestSignalsPane::emptyTableClearsWithoutAsking()
{
    SignalModel model;
    SignalsPane pane(&model);
    model.countResume(2, 3);
    pane.clearTable();   // a dialog here would block the test
    QCOMPARE(model.lost(), 0);
}

void TestSignalsPane::findAndEscapeDriveTheFilter()
{
    SignalModel model;
    SignalsPane pane(&model);
    pane.show();
    QVERIFY(QTest::qWaitForWindowActive(&pane));
    pane.table()->setFocus();
    QTest::keySequence(&pane, QKeySequence::Find);
    QVERIFY(pane.filterEdit()->hasFocus());
    QTest::keyClicks(pane.filterEdit(), QStringLiteral("EUR"));
    QCOMPARE(pane.filterModel()->symbolFilter(), QStringLiteral("EUR"));
    QTest::keyClick(pane.filterEdit(), Qt::Key_Escape);
    QVERIFY(pane.filterEdit()->text().isEmpty());
    QVERIFY(pane.filterModel()->symbolFilter().isEmpty());
}

void TestSignalsPane::spacePausesFromAnywhereButTheFilter()
{
    SignalModel model;
    SignalsPane pane(&model);
    pane.show();
    QVERIFY(QTest::qWaitForWindowActive(&pane));
    const QString before = pane.pauseButton()->text();
    pane.table()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(model.isPaused());
    // The mnemonic stays: Alt+P works in both states.
    QCOMPARE(pane.pauseButton()->text().indexOf(u'&'), before.indexOf(u'&'));
    QCOMPARE(pane.pauseButton()->text().at(pane.pauseButton()->text().indexOf(u'&') + 1), QLatin1Char('P'));
    pane.pauseButton()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(!model.isPaused());

    pane.filterEdit()->setFocus();
    QTest::keyClick(pane.filterEdit(), Qt::Key_Space);
    QVERIFY(!model.isPaused());
    QCOMPARE(pane.filterEdit()->text(), QStringLiteral(" "));
}

void TestSignalsPane::copySaysWhatItDid()
{
    SignalModel model;
    SignalsPane pane(&model);
    pane.copySelection();
    QVERIFY2(pane.feedbackText().contains(QLatin1String("Nothing copied")), qPrintable(pane.feedbackText()));
    for (qint64 seq = 1; seq <= 3; ++seq)
        model.append(signalJson(seq));
    model.flush();
    pane.table()->selectAll();
    pane.copySelection();
    QCOMPARE(pane.feedbackText(), QStringLiteral("Copied 3 rows."));
    QCOMPARE(QApplication::clipboard()->text().count(u'\n'), 4);   // the header and three rows
}

void TestSignalsPane::rowsCopyAsJsonAndShowIt()
{
    SignalModel model;
    SignalsPane pane(&model);
    for (qint64 seq = 1; seq <= 2; ++seq)
        model.append(signalJson(seq));
    model.flush();
    pane.table()->selectAll();
    pane.copySelectionAsJson();
    const QStringList lines = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.first().toUtf8()).object(), signalJson(2));   // newest first
    QCOMPARE(pane.feedbackText(), QStringLiteral("Copied 2 rows as JSON."));

    pane.showJson(pane.table()->model()->index(1, 2));
    auto *text = pane.findChild<QPlainTextEdit *>();
    QVERIFY(text);
    QCOMPARE(QJsonDocument::fromJson(text->toPlainText().toUtf8()).object(), signalJson(1));
}

void TestSignalsPane::emptyTableSaysWhy()
{
    SignalModel model;
    SignalsPane pane(&model);
    pane.setEmptyHint(QStringLiteral("Signed out."));
    QCOMPARE(pane.emptyHint(), QStringLiteral("Signed out."));
    model.append(signalJson(1));
    model.flush();
    QVERIFY(pane.emptyHint().isEmpty());
    model.clear();
    QCOMPARE(pane.emptyHint(), QStringLiteral("Signed out."));
}

void TestSignalsPane::coloursKeepTheirContrastInBothThemes()
{
    for (const QPalette &palette : {Theme::lightPalette(), Theme::darkPalette()}) {
        const QColor base = palette.color(QPalette::Base);
        for (const char *side : {"buy", "sell"}) {
            const double ratio = Theme::contrast(Theme::sideColor(QLatin1String(side), palette), base);
            QVERIFY2(ratio >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2: %3").arg(QLatin1String(side), base.name()).arg(ratio)));
        }
        QVERIFY(Theme::contrast(palette.color(QPalette::Text), base) >= 7.0);
    }
    // The log's severity rows draw black text on their own tints, whatever the theme.
    for (auto severity :
         {CloseCodeInfo::Severity::Info, CloseCodeInfo::Severity::Warning, CloseCodeInfo::Severity::Error})
        QVERIFY(Theme::contrast(Qt::black, SeverityStyle::background(severity)) >= 7.0);
    QVERIFY(!Theme::sideColor(QStringLiteral("hold"), Theme::lightPalette()).isValid());
}

void TestSignalsPane::sideIsColouredAndThemesApply()
{
    SignalModel model;
    SignalsPane pane(&model);
    model.append(signalJson(1));   // buy
    model.flush();
    const QPalette before = QApplication::palette();
    Theme::apply(qApp, QStringLiteral("dark"));
    QVERIFY(Theme::isDark(QApplication::palette()));
    const QModelIndex side = pane.table()->model()->index(0, SignalModel::SideColumn);
    QVERIFY(qobject_cast<SideDelegate *>(pane.table()->itemDelegateForColumn(SignalModel::SideColumn)));
    QCOMPARE(SideDelegate::textColor(side, QApplication::palette()),
             Theme::sideColor(QStringLiteral("buy"), Theme::darkPalette()));
    Theme::apply(qApp, QStringLiteral("system"));
    QCOMPARE(QApplication::palette().color(QPalette::Base), before.color(QPalette::Base));
    QCOMPARE(side.data().toString(), QStringLiteral("Buy"));   // the word stays
}

void TestSignalsPane::endedStreamIsNotLive()
{
    SignalGate::ManualClock clock;
    SignalModel model(100, clock);
    SignalsPane pane(&model);
    QVERIFY2(pane.countersText().startsWith(QLatin1String("Not live")), qPrintable(pane.countersText()));
    model.setLive(true);
    for (qint64 seq = 1; seq <= 4; ++seq)
        model.append(signalJson(seq));
    model.flush();
    QVERIFY2(pane.countersText().startsWith(QLatin1String("Signals/s: 4.0")), qPrintable(pane.countersText()));
    const QColor liveText = pane.table()->palette().color(QPalette::Text);

    model.setLive(false);   // the server went away: nothing arrives any more
    QVERIFY2(pane.countersText().startsWith(QStringLiteral("Not live · Signals/s: 0.0")),
             qPrintable(pane.countersText()));
    QVERIFY(pane.table()->palette().color(QPalette::Text) != liveText);
    QCOMPARE(model.rowCount(), 4);   // the rows stay, as history
    model.setLive(true);
    QCOMPARE(pane.table()->palette().color(QPalette::Text), liveText);
}

QTEST_MAIN(TestSignalsPane)
#include "tst_signalspane.moc"
