#pragma once

#include "clock.h"
#include "closecodeinfo.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace SignalGate::Client {

// The connection log: what happened, when, the close code and its
// exact reason, what that means in words and what the client does next.
// Newest last, at most capacity() entries (the oldest leave at the top).
// An event that repeats the last one (same text, code, reason and severity,
// as a series of failed retries does) is counted on that entry, which takes
// the new time and next action, instead of filling the log.
//
// Colours are a GUI concern (QColor is QtGui): the severity is given as
// SeverityRole (int of CloseCodeInfo::Severity) on every cell and the widget
// colours the row; Qt::AccessibleDescriptionRole says it in words for screen
// readers and for anyone who cannot tell the colours apart.
class EventLog : public QAbstractTableModel
{
    Q_OBJECT
public:
    using Severity = CloseCodeInfo::Severity;

    enum Column { TimeColumn, EventColumn, CodeColumn, ReasonColumn, MeaningColumn, NextActionColumn, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1,   // int(CloseCodeInfo::Severity)
        TimestampRole,                     // qint64, Unix milliseconds
    };

    struct Entry
    {
        qint64 timeMs = 0;
        QString event;
        quint16 code = 0;   // 0: not a close
        QString reason;
        QString meaning;
        QString nextAction;
        Severity severity = Severity::Info;
        int repeats = 1;   // the same event in a row: one entry, counted
    };

    static constexpr int DefaultCapacity = 1000;

    // Entries are stamped with the clock's wall time (the system clock unless
    // given); it must outlive the log.
    explicit EventLog(QObject *parent = nullptr);
    EventLog(int capacity, const SignalGate::Clock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A close the client saw, described by CloseCodeInfo. nextAction, when
    // given, replaces the default text for the code's action: the reconnect
    // policy knows more (the delay, or that a second expiry needs a sign-in).
    void addClose(quint16 code, const QString &reason, const QString &nextAction = QString());
    void addEvent(Severity severity, const QString &event, const QString &nextAction = QString());
    void clear();

    int capacity() const { return m_capacity; }
    const Entry &entry(int row) const { return m_entries.at(row); }

    // In words, for the log and the legend of close codes.
    static QString nextActionText(CloseCodeInfo::NextAction action);
    static QString severityText(Severity severity);

private:
    void add(Entry entry);

    int m_capacity;
    const SignalGate::Clock &m_clock;
    QList<Entry> m_entries;
};

}   // namespace SignalGate::Client
