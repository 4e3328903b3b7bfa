#pragma once

#include "scenario.h"
#include "scenarioresult.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace SignalGate::Scenarios {

// The catalogue as a tree for a view: one row per group (PROTOCOL.md
// section 9), one per scenario under it, with a check box to pick what runs
// and the last result beside it (verdict, what happened, how long). GUI-free:
// the console shows it in a QTreeView, a test reads it directly. The
// verdict's colour is the view's business (VerdictRole says which).
class ScenarioResultsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, VerdictColumn, ActualColumn, TimeColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,   // the scenario's id; empty on a group row
        VerdictRole,                 // int(ScenarioResult::Verdict); invalid before a result
    };

    explicit ScenarioResultsModel(QObject *parent = nullptr);

    // "12.3 s", "2 min 5 s": how the console writes durations.
    static QString durationText(qint64 ms);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The title cell of this scenario's row; invalid for an unknown id.
    QModelIndex indexOf(const QString &id) const;
    // Ticked scenarios, in catalogue order.
    QStringList checkedIds() const;
    void setChecked(const QStringList &ids);
    // Forgets the results of these scenarios (all of them when ids is empty).
    void clearResults(const QStringList &ids);
    // The scenario has started: its verdict shows "…".
    void setRunning(const QString &id);
    void setResult(const ScenarioResult &result);
    // The last result of id, nullptr before one.
    const ScenarioResult *result(const QString &id) const;
    // The verdict cell's text ("" while not run).
    QString verdictText(const QString &id) const;

private:
    struct Group
    {
        Scenario::Group group;
        QList<Scenario> scenarios;
    };

    const Scenario *scenarioAt(const QModelIndex &index) const;
    Qt::CheckState groupState(int group) const;
    void rowChanged(const QString &id);

    QList<Group> m_groups;
    QSet<QString> m_unchecked;
    QSet<QString> m_running;
    QHash<QString, ScenarioResult> m_results;
};

}   // namespace SignalGate::Scenarios
