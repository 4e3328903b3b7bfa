#include "signalspane.h"

#include "sidedelegate.h"
#include "signalfiltermodel.h"
#include "signalmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPalette>
#include <QPlainTextEdit>
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
    , m_clear(new QPushButton(tr("C&lear table…"), this))
    , m_counters(new QLabel(this))
    , m_feedback(new QLabel(this))
    , m_emptyHint(new QLabel(this))
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
    m_clear->setToolTip(tr("Remove every row, also those the filter hides or the pause holds back, and start "
                           "the counters again"));
    m_filterEdit->setToolTip(tr("Filter by symbol (Ctrl+F; Esc clears)"));
    m_counters->setAccessibleName(tr("Signal counters"));
    m_feedback->setAccessibleName(tr("Result of the last copy"));
    m_feedbackTimer.setSingleShot(true);
    m_feedbackTimer.setInterval(4000);
    connect(&m_feedbackTimer, &QTimer::timeout, m_feedback, &QLabel::clear);
    m_counters->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(SignalModel::SideColumn, new SideDelegate(m_table));
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
    // Each column as wide as its usual content: a stretched last column put
    // the confidence far from the rest of its row.
    m_table->horizontalHeader()->setStretchLastSection(false);
    const auto widthOf = [this](const char *sample) {
        return m_table->fontMetrics().horizontalAdvance(QLatin1String(sample)) + 24;
    };
    m_table->setColumnWidth(SignalModel::TimeColumn, widthOf("00:00:00.000"));
    m_table->setColumnWidth(SignalModel::SeqColumn, widthOf("000000000"));
    m_table->setColumnWidth(SignalModel::SymbolColumn, widthOf("WWWWWWWWWW"));
    m_table->setColumnWidth(SignalModel::SideColumn, widthOf("WWWWWW"));
    m_table->setColumnWidth(SignalModel::PriceColumn, widthOf("0000000.00000"));
    m_table->setColumnWidth(SignalModel::ConfidenceColumn, widthOf("Confidence"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filterEdit, 1);
    controls->addWidget(m_exact);
    controls->addWidget(m_pause);
    controls->addWidget(m_feedback);
    controls->addWidget(m_copy);
    controls->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_counters);
    layout->addWidget(m_emptyHint);
    layout->addWidget(m_table, 1);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAccessibleName(tr("Why the table is empty"));
    // Every flush and every clear ends with countersChanged.
    connect(m_model, &SignalModel::countersChanged, this, &SignalsPane::updateEmptyHint);

    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &SignalsPane::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, &SignalsPane::showJson);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &SignalFilterModel::setSymbolFilter);
    connect(m_exact, &QCheckBox::toggled, this, [this](bool exact) {
        m_filter->setMatch(exact ? SignalFilterModel::Match::Exact : SignalFilterModel::Match::Prefix);
    });
    connect(m_pause, &QPushButton::toggled, this, &SignalsPane::setPaused);
    connect(m_copy, &QPushButton::clicked, this, &SignalsPane::copySelection);
    connect(m_clear, &QPushButton::clicked, this, &SignalsPane::clearTable);
    connect(m_model, &SignalModel::countersChanged, this, &SignalsPane::updateCounters);
    // The rate decays while a quiet stream sends nothing to redraw it.
    m_rateTick.setInterval(1000);
    connect(&m_rateTick, &QTimer::timeout, this, &SignalsPane::updateCounters);
    m_rateTick.start();

    auto *copyShortcut = new QShortcut(QKeySequence::Copy, m_table);
    copyShortcut->setContext(Qt::WidgetShortcut);
    connect(copyShortcut, &QShortcut::activated, this, &SignalsPane::copySelection);
    // Anywhere in the tab; the filter field still takes a typed space.
    auto *pauseShortcut = new QShortcut(QKeySequence(Qt::Key_Space), this);
    pauseShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(pauseShortcut, &QShortcut::activated, m_pause, &QPushButton::toggle);
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    auto *clearFilterShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), m_filterEdit);
    clearFilterShortcut->setContext(Qt::WidgetShortcut);
    connect(clearFilterShortcut, &QShortcut::activated, m_filterEdit, &QLineEdit::clear);
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
    // One mnemonic in both states: Alt+P pauses and resumes.
    m_pause->setText(paused ? tr("&Paused") : tr("&Pause"));
    m_pause->setIcon(QIcon(paused ? QStringLiteral(":/icons/play.svg") : QStringLiteral(":/icons/pause.svg")));
    m_pause->setToolTip(paused ? tr("Paused: click or press Space to show the waiting signals")
                               : tr("Freeze the table; signals are still received and counted (Space)"));
    m_pause->setAccessibleName(paused ? tr("Resume the signal table") : tr("Pause the signal table"));
    updateCounters();
    Q_EMIT pausedChanged(paused);
}

void SignalsPane::copySelection()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        showFeedback(tr("Nothing copied: select rows first."));
        return;
    }
    QApplication::clipboard()->setText(m_model->textForIndexes(rows, true));
    showFeedback(tr("Copied %n row(s).", nullptr, int(rows.size())));
}

void SignalsPane::copySelectionAsJson()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        showFeedback(tr("Nothing copied: select rows first."));
        return;
    }
    QApplication::clipboard()->setText(m_model->jsonForIndexes(rows));
    showFeedback(tr("Copied %n row(s) as JSON.", nullptr, int(rows.size())));
}

void SignalsPane::showJson(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString line = m_model->jsonForIndexes({index.siblingAtColumn(0)});
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Signal as JSON"));
    auto *text = new QPlainTextEdit(
            QString::fromUtf8(QJsonDocument::fromJson(line.toUtf8()).toJson(QJsonDocument::Indented)), dialog);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setAccessibleName(tr("The signal's JSON"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(420, 260);
    dialog->open();
}

void SignalsPane::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("Copy rows"), this, &SignalsPane::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    menu.addAction(tr("Copy as JSON"), this, &SignalsPane::copySelectionAsJson);
    const QModelIndex index = m_table->indexAt(position);
    menu.addAction(tr("Show JSON…"), this, [this, index] { showJson(index); })->setEnabled(index.isValid());
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void SignalsPane::setEmptyHint(const QString &hint)
{
    m_emptyHint->setText(hint);
    updateEmptyHint();
}

QString SignalsPane::emptyHint() const
{
    return m_emptyHint->isHidden() ? QString() : m_emptyHint->text();
}

void SignalsPane::updateEmptyHint()
{
    m_emptyHint->setVisible(!m_emptyHint->text().isEmpty() && m_model->rowCount() == 0 && m_model->pendingCount() == 0);
}

void SignalsPane::showFeedback(const QString &text)
{
    m_feedback->setText(text);
    m_feedbackTimer.start();
}

QString SignalsPane::feedbackText() const
{
    return m_feedback->text();
}

void SignalsPane::clearTable()
{
    const int rows = m_model->rowCount() + m_model->pendingCount();
    if (rows > 0) {
        QMessageBox ask(QMessageBox::Question, tr("Clear the table"),
                        tr("Remove all %n signal(s), also those the filter hides or the pause holds back? "
                           "The counters start again at zero.",
                           nullptr, rows),
                        QMessageBox::NoButton, this);
        ask.addButton(tr("Clear table"), QMessageBox::DestructiveRole);
        ask.setDefaultButton(ask.addButton(QMessageBox::Cancel));
        ask.exec();
        if (ask.buttonRole(ask.clickedButton()) != QMessageBox::DestructiveRole)
            return;
    }
    m_model->clear();
}

QString SignalsPane::countersText() const
{
    return m_counters->text();
}

void SignalsPane::updateCounters()
{
    const QLocale locale;
    const bool live = m_model->isLive();
    if (live != m_shownLive) {
        m_shownLive = live;
        // Rows from a stream that has ended are history: drawn greyed out.
        QPalette palette = m_table->palette();
        palette.setColor(QPalette::Active, QPalette::Text,
                         live ? this->palette().color(QPalette::Active, QPalette::Text)
                              : this->palette().color(QPalette::Disabled, QPalette::Text));
        palette.setColor(QPalette::Inactive, QPalette::Text, palette.color(QPalette::Active, QPalette::Text));
        m_table->setPalette(palette);
    }
    QString text = live ? QString() : tr("Not live · ");
    text += tr("Signals/s: %1 · Total: %2 · Recovered: %3 · Lost: %4")
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
