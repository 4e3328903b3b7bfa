#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace SignalGate::Client {

// The symbol filter over a SignalModel. Case-insensitive; by default a prefix
// match ("eur" shows EURUSD and EURGBP, as the user types), or an exact match
// ("BTC" shows BTC but not BTCUSD). Surrounding spaces are ignored and an empty
// filter shows every row. Sorting by a column uses SignalModel::RawRole, so
// prices and seqs sort as numbers.
class SignalFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Match { Prefix, Exact };

    explicit SignalFilterModel(QObject *parent = nullptr);

    QString symbolFilter() const { return m_symbol; }
    void setSymbolFilter(const QString &symbol);
    Match match() const { return m_match; }
    void setMatch(Match match);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_symbol;
    Match m_match = Match::Prefix;
};

}   // namespace SignalGate::Client
