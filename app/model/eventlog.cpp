#include "eventlog.h"

#include <QDateTime>

#include <algorithm>

namespace SignalGate::Client {

EventLog::EventLog(QObject *parent) : EventLog(DefaultCapacity, SignalGate::Clock::system(), parent) {}

EventLog::EventLog(int capacity, const SignalGate::Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
    , m_clock(clock)
{}

int EventLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EventLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLog::nextActionText(CloseCodeInfo::NextAction action)
{
    using Action = CloseCodeInfo::NextAction;
    switch (action) {
    case Action::None:
        return tr("Nothing: the connection was closed on purpose.");
    case Action::Reconnect:
        return tr("Reconnect after a short, growing delay.");
    case Action::RefreshThenReconnect:
        return tr("Refresh the access token once, then reconnect; if that fails, ask you to sign in.");
    case Action::SignIn:
        return tr("Ask you to sign in again.");
    case Action::Stop:
        return tr("Stay disconnected: reconnecting would fail the same way.");
    }
    return QString();
}

QString EventLog::severityText(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return tr("Information");
    case Severity::Warning:
        return tr("Warning");
    case Severity::Error:
        return tr("Error");
    }
    return QString();
}

QVariant EventLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("hh:mm:ss"));
        case EventColumn:
            return e.repeats > 1 ? tr("%1 (%n times)", nullptr, e.repeats).arg(e.event) : e.event;
        case CodeColumn:
            return e.code ? QVariant(int(e.code)) : QVariant();
        case ReasonColumn:
            return e.reason;
        case MeaningColumn:
            return e.meaning;
        case NextActionColumn:
            return e.nextAction;
        }
        break;
    case Qt::ToolTipRole:
        // Long texts do not fit a column; the time cell leaves out the date.
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(Qt::ISODate);
        case MeaningColumn:
            return e.meaning;
        case NextActionColumn:
            return e.nextAction;
        }
        break;
    case Qt::AccessibleDescriptionRole:
        return severityText(e.severity);
    case SeverityRole:
        return int(e.severity);
    case TimestampRole:
        return e.timeMs;
    }
    return QVariant();
}

QVariant EventLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case EventColumn:
        return tr("Event");
    case CodeColumn:
        return tr("Code");
    case ReasonColumn:
        return tr("Reason");
    case MeaningColumn:
        return tr("Meaning");
    case NextActionColumn:
        return tr("Next");
    }
    return QVariant();
}

void EventLog::addClose(quint16 code, const QString &reason, const QString &nextAction)
{
    const CloseCodeInfo info = CloseCodeInfo::describe(code, reason);
    Entry entry;
    entry.event = tr("Connection closed");
    entry.code = code;
    entry.reason = reason;   // as the server sent it, even when not in the contract
    entry.meaning = info.meaning;
    entry.nextAction = nextAction.isEmpty() ? nextActionText(info.action) : nextAction;
    entry.severity = info.severity;
    add(std::move(entry));
}

void EventLog::addEvent(Severity severity, const QString &event, const QString &nextAction)
{
    Entry entry;
    entry.event = event;
    entry.nextAction = nextAction;
    entry.severity = severity;
    add(std::move(entry));
}

void EventLog::add(Entry entry)
{
    entry.timeMs = m_clock.wallMs();
    if (!m_entries.isEmpty()) {
        Entry &last = m_entries.last();
        if (last.event == entry.event && last.code == entry.code && last.reason == entry.reason
            && last.severity == entry.severity) {
            last.timeMs = entry.timeMs;
            last.nextAction = entry.nextAction;
            ++last.repeats;
            const int row = int(m_entries.size()) - 1;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    if (m_entries.size() >= m_capacity) {
        // Newest last, so the oldest leave at the top.
        const int excess = int(m_entries.size()) - m_capacity + 1;
        beginRemoveRows(QModelIndex(), 0, excess - 1);
        m_entries.remove(0, excess);
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows(QModelIndex(), row, row);
    m_entries.append(std::move(entry));
    endInsertRows();
}

void EventLog::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

}   // namespace SignalGate::Client
