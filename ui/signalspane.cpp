#include "signalspane.h"

#include "signalfiltermodel.h"
#include "signalmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

SignalsPane::SignalsPane(SignalModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new SignalFilterModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_exact(new QCheckBox(tr("E&xact symbol"), this))
    , m_pause(new QPushButton(QIcon(QStringLiteral(":/icons/pause.svg")), tr("&Pause"), this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_clear(new QPushButton(tr("C&lear"), this))
    , m_counters(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_filter->setSourceModel(model);

    m_filterEdit->setPlaceholderText(tr("Filter by symbol, e.g. EUR"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Symbol filter"));
    m_exact->setAccessibleName(tr("Match the whole symbol"));
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause the signal table"));
    m_pause->setToolTip(tr("Freeze the table; signals are still received and counted (Space)"));
    m_copy->setToolTip(tr("Copy the selected rows as tab-separated text (Ctrl+C)"));
    m_clear->setToolTip(tr("Remove every row; the counters stay"));
    m_counters->setAccessibleName(tr("Signal counters"));
    m_counters->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("Live signals, newest first"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    // Fixed sizes: measuring contents on every batch would cost more than
    // the whole model update.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(SignalModel::TimeColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 24);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filterEdit, 1);
    controls->addWidget(m_exact);
    controls->addWidget(m_pause);
    controls->addWidget(m_copy);
    controls->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_counters);
    layout->addWidget(m_table, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &SignalFilterModel::setSymbolFilter);
    connect(m_exact, &QCheckBox::toggled, this, [this](bool exact) {
        m_filter->setMatch(exact ? SignalFilterModel::Match::Exact : SignalFilterModel::Match::Prefix);
    });
    connect(m_pause, &QPushButton::toggled, this, &SignalsPane::setPaused);
    connect(m_copy, &QPushButton::clicked, this, &SignalsPane::copySelection);
    connect(m_clear, &QPushButton::clicked, m_model, &SignalModel::clear);
    connect(m_model, &SignalModel::countersChanged, this, &SignalsPane::updateCounters);
    auto *copyShortcut = new QShortcut(QKeySequence::Copy, m_table);
    copyShortcut->setContext(Qt::WidgetShortcut);
    connect(copyShortcut, &QShortcut::activated, this, &SignalsPane::copySelection);
    auto *pauseShortcut = new QShortcut(QKeySequence(Qt::Key_Space), m_table);
    pauseShortcut->setContext(Qt::WidgetShortcut);
    connect(pauseShortcut, &QShortcut::activated, m_pause, &QPushButton::toggle);
    updateCounters();
}

void SignalsPane::setPaused(bool paused)
{
    if (paused == m_model->isPaused())
        return;
    if (paused)
        m_model->pause();
    else
        m_model->resume();
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pause->setAccessibleName(paused ? tr("Resume the signal table") : tr("Pause the signal table"));
    updateCounters();
    Q_EMIT pausedChanged(paused);
}

void SignalsPane::copySelection()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QApplication::clipboard()->setText(m_model->textForIndexes(rows, true));
}

void SignalsPane::updateCounters()
{
    const QLocale locale;
    QString text = tr("Signals/s: %1 · Total: %2 · Recovered: %3 · Lost: %4")
                           .arg(locale.toString(m_model->signalsPerSecond(), 'f', 1),
                                locale.toString(m_model->totalReceived()), locale.toString(m_model->recovered()),
                                locale.toString(m_model->lost()));
    // What the old server sent after the last signal seen here is not known.
    if (m_model->serverRestarts() > 0)
        text += tr(" · Server restarts: %n", nullptr, int(m_model->serverRestarts()));
    if (m_model->isPaused())
        text += tr(" · Paused: %n waiting", nullptr, m_model->pendingCount());
    m_counters->setText(text);
}

}   // namespace SignalGate::Ui
