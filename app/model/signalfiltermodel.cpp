#include "signalfiltermodel.h"

#include "signalmodel.h"

namespace SignalGate::Client {

SignalFilterModel::SignalFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SignalModel::RawRole);
    // New rows are filtered (and sorted, if a column is sorted) as they come.
    setDynamicSortFilter(true);
}

void SignalFilterModel::setSymbolFilter(const QString &symbol)
{
    const QString trimmed = symbol.trimmed();
    if (trimmed == m_symbol)
        return;
    m_symbol = trimmed;
    invalidateRowsFilter();
}

void SignalFilterModel::setMatch(Match match)
{
    if (match == m_match)
        return;
    m_match = match;
    invalidateRowsFilter();
}

bool SignalFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_symbol.isEmpty())
        return true;
    // The raw symbol, not a display text that could some day be decorated.
    const QString symbol = sourceModel()
                                   ->index(sourceRow, SignalModel::SymbolColumn, sourceParent)
                                   .data(SignalModel::RawRole)
                                   .toString();
    if (m_match == Match::Exact)
        return symbol.compare(m_symbol, Qt::CaseInsensitive) == 0;
    return symbol.startsWith(m_symbol, Qt::CaseInsensitive);
}

}   // namespace SignalGate::Client
