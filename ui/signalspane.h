#pragma once

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
namespace SignalGate::Client {
class SignalFilterModel;
class SignalModel;
}   // namespace SignalGate::Client

namespace SignalGate::Ui {

// The live signals tab: a table over the bounded SignalModel (newest first),
// a symbol filter, pause/resume, copy, clear and the counters, greyed out
// with "Not live" while no stream is open. The model
// batches its updates; this view adds nothing per signal (fixed row heights,
// no resizing to contents) so 5000 signals/s stay smooth.
class SignalsPane : public QWidget
{
    Q_OBJECT
public:
    explicit SignalsPane(Client::SignalModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    Client::SignalFilterModel *filterModel() const { return m_filter; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QPushButton *pauseButton() const { return m_pause; }
    QString countersText() const;
    // What the last copy did, shown next to the buttons for a few seconds.
    QString feedbackText() const;

    // Shown over an empty table: why it is empty and what to do.
    void setEmptyHint(const QString &hint);
    QString emptyHint() const;

public Q_SLOTS:
    void setPaused(bool paused);
    void copySelection();
    void copySelectionAsJson();
    // The signal of a row as JSON, in a window of its own (double-click).
    void showJson(const QModelIndex &index);
    // Asks first when there is anything to lose.
    void clearTable();

Q_SIGNALS:
    void pausedChanged(bool paused);

private:
    void updateCounters();
    void updateEmptyHint();
    void showContextMenu(const QPoint &position);
    void showFeedback(const QString &text);

    Client::SignalModel *m_model;
    Client::SignalFilterModel *m_filter;
    QLineEdit *m_filterEdit;
    QCheckBox *m_exact;
    QPushButton *m_pause;
    QPushButton *m_copy;
    QPushButton *m_clear;
    QLabel *m_counters;
    QLabel *m_feedback;
    QLabel *m_emptyHint;
    QTimer m_feedbackTimer;
    QTableView *m_table;
    QTimer m_rateTick;
    bool m_shownLive = true;
};

}   // namespace SignalGate::Ui
