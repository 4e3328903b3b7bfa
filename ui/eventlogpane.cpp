#include "eventlogpane.h"

#include "eventlog.h"
#include "severityproxymodel.h"
#include "severitystyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

namespace {

// Columns named in fixed get the width of their sample text (plus the icon
// and padding); every other column stretches, so the table fits its width.
void fitColumns(QHeaderView *header, std::initializer_list<std::pair<int, const char *>> fixed)
{
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Stretch);
    for (const auto &[column, sample] : fixed) {
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        header->resizeSection(column, header->fontMetrics().horizontalAdvance(QLatin1String(sample)) + 32);
    }
}

}   // namespace

EventLogPane::EventLogPane(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_view(new QTableView(this))
    , m_legend(new QTableWidget(this))
{
    auto *proxy = new SeverityProxyModel(EventLog::SeverityRole, this);
    proxy->setSourceModel(log);
    m_view->setModel(proxy);
    m_view->setAccessibleName(tr("Connection log"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->setVisible(false);
    // Short columns as wide as their content, the sentences share the rest
    // and wrap: every column stays in view down to a 900 px window.
    fitColumns(m_view->horizontalHeader(),
               {{EventLog::TimeColumn, "00:00:00 "},
                {EventLog::CodeColumn, "1008 "},
                {EventLog::ReasonColumn, "Invalid or expired token"}});
    // Whole sentences: rows grow with their text (the log keeps at most 1000).
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Follow the newest entry unless the user scrolled up to read.
    connect(log, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_view->verticalScrollBar()->value() >= m_view->verticalScrollBar()->maximum() - 2)
            QMetaObject::invokeMethod(m_view, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });

    auto *clear = new QPushButton(tr("Clear log"), this);
    clear->setAccessibleName(tr("Clear the connection log"));
    connect(clear, &QPushButton::clicked, log, &EventLog::clear);

    m_legend->setAccessibleName(tr("Close code legend"));
    m_legend->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_legend->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_legend->verticalHeader()->setVisible(false);
    m_legend->setWordWrap(true);
    fillLegend();
    fitColumns(m_legend->horizontalHeader(), {{0, "1008 "}, {1, "Invalid or expired token"}, {3, "Information "}});

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Every connection event, newest at the bottom. Colours: blue information, "
                                    "yellow warning, red error."),
                                 top),
                      1);
    header->addWidget(clear);
    topLayout->addLayout(header);
    topLayout->addWidget(m_view, 1);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(new QLabel(tr("Close codes of the SignalGate protocol and what the client does:"), bottom));
    bottomLayout->addWidget(m_legend, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("logAndLegend"));   // its position is remembered by this name
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

void EventLogPane::fillLegend()
{
    const QList<CloseCodeInfo> rows = CloseCodeInfo::legend();
    m_legend->setColumnCount(5);
    m_legend->setHorizontalHeaderLabels({tr("Code"), tr("Reason"), tr("Meaning"), tr("Severity"), tr("Client does")});
    m_legend->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const CloseCodeInfo &info = rows.at(row);
        const QStringList cells{QString::number(info.code), info.reason.isEmpty() ? tr("(any)") : info.reason,
                                info.meaning, EventLog::severityText(info.severity),
                                EventLog::nextActionText(info.action)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setBackground(SeverityStyle::background(info.severity));
            item->setForeground(QColor(Qt::black));
            if (column == 0)
                item->setIcon(SeverityStyle::icon(info.severity));
            m_legend->setItem(row, column, item);
        }
    }
    // Follows the real column widths, once the pane is laid out.
    m_legend->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

}   // namespace SignalGate::Ui
