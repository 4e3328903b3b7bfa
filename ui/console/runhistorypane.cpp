#include "runhistorypane.h"

#include "runcomparison.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

namespace {
constexpr int IndexRole = Qt::UserRole + 1;

QString verdictCell(const QString &verdict)
{
    return verdict.isEmpty() ? RunHistoryPane::tr("not run") : verdict;
}
}   // namespace

RunHistoryPane::RunHistoryPane(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_base(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_changes(new QTextBrowser(this))
{
    m_list->setAccessibleName(tr("Finished runs"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Run"), tr("Started"), tr("Profile"), tr("Server"), tr("Score")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_base->setAccessibleName(tr("Compare with"));
    m_summary->setAccessibleName(tr("Comparison summary"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Each finished run is kept here; pick one to see which verdicts changed."));
    m_changes->setAccessibleName(tr("Changed verdicts"));

    auto *compareRow = new QHBoxLayout;
    auto *label = new QLabel(tr("Compare the selected run &with:"), this);
    label->setBuddy(m_base);
    compareRow->addWidget(label);
    compareRow->addWidget(m_base, 1);
    // Small minimums: the console must fit a 900x600 window with a banner.
    m_list->setMinimumHeight(48);
    m_changes->setMinimumHeight(48);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 2);
    layout->addLayout(compareRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_changes, 3);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] { selectionChanged(); });
    connect(m_base, &QComboBox::activated, this, [this] {
        if (const QTreeWidgetItem *item = m_list->currentItem())
            compare(m_base->currentData().toInt(), item->data(0, IndexRole).toInt());
    });
}

QString RunHistoryPane::describe(int index) const
{
    const RunReport &report = m_runs.at(index);
    return tr("#%1 %2, %3: %4")
            .arg(index + 1)
            .arg(report.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")), report.profile, report.score());
}

void RunHistoryPane::addRun(const RunReport &report)
{
    m_runs.append(report);
    const int index = int(m_runs.size()) - 1;
    auto *item = new QTreeWidgetItem({QStringLiteral("#%1").arg(index + 1),
                                      report.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                      report.profile, report.server, report.score()});
    item->setData(0, IndexRole, index);
    m_list->insertTopLevelItem(0, item);   // newest first
    m_list->setCurrentItem(item);
}

void RunHistoryPane::selectionChanged()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    m_base->clear();
    if (!item)
        return;
    const int selected = item->data(0, IndexRole).toInt();
    for (int i = int(m_runs.size()) - 1; i >= 0; --i) {
        if (i != selected)
            m_base->addItem(describe(i), i);
    }
    if (m_base->count() == 0) {
        m_summary->setText(tr("The first run: nothing to compare it with yet."));
        m_changes->clear();
        return;
    }
    // By default the run before it: what changed since then.
    const int previous = selected > 0 ? selected - 1 : m_base->itemData(0).toInt();
    m_base->setCurrentIndex(m_base->findData(previous));
    compare(previous, selected);
}

void RunHistoryPane::compare(int before, int after)
{
    if (before < 0 || after < 0 || before >= m_runs.size() || after >= m_runs.size())
        return;
    const RunComparison comparison = RunComparison::between(m_runs.at(before), m_runs.at(after));
    m_summary->setText(tr("From run #%1 to run #%2: %3").arg(before + 1).arg(after + 1).arg(comparison.summary()));
    QList<RunComparison::Change> changes = comparison.changes;
    std::stable_partition(changes.begin(), changes.end(),
                          [](const RunComparison::Change &change) { return change.isRegression(); });
    QString html =
            QStringLiteral("<table border=\"1\" cellspacing=\"0\" "
                           "cellpadding=\"3\"><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                    .arg(tr("Scenario"), tr("Run #%1").arg(before + 1), tr("Run #%1").arg(after + 1), tr("Reason now"));
    for (const RunComparison::Change &change : std::as_const(changes)) {
        const QString colour = change.isRegression() ? QStringLiteral("#f8d7da")
                : change.isFix()                     ? QStringLiteral("#c8e6c9")
                                                     : QString();
        html += QStringLiteral("<tr%1><td>%2%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                        .arg(colour.isEmpty() ? QString() : QStringLiteral(" bgcolor=\"%1\"").arg(colour), change.id,
                             change.isRegression() ? tr(" (regression)") : QString(), verdictCell(change.before),
                             verdictCell(change.after), change.reason.toHtmlEscaped());
    }
    m_changes->setHtml(changes.isEmpty() ? QString() : html + QStringLiteral("</table>"));
}

QString RunHistoryPane::comparisonText() const
{
    return m_summary->text() + QLatin1Char('\n') + m_changes->toPlainText();
}

}   // namespace SignalGate::Ui
