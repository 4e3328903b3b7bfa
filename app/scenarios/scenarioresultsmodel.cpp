#include "scenarioresultsmodel.h"

namespace SignalGate::Scenarios {

namespace {

// internalId of a scenario row: its group's row + 1; group rows carry 0.
constexpr quintptr GroupRowId = 0;

}   // namespace

ScenarioResultsModel::ScenarioResultsModel(QObject *parent) : QAbstractItemModel(parent)
{
    for (Scenario::Group group : Scenario::groups()) {
        Group entry{group, {}};
        for (const Scenario &scenario : Scenario::catalogue()) {
            if (scenario.group == group)
                entry.scenarios.append(scenario);
        }
        m_groups.append(entry);
    }
}

QString ScenarioResultsModel::durationText(qint64 ms)
{
    return ms >= 60000 ? tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000)
                       : tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QModelIndex ScenarioResultsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupRowId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ScenarioResultsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupRowId);
}

int ScenarioResultsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == GroupRowId && parent.column() == 0)
        return int(m_groups.at(parent.row()).scenarios.size());
    return 0;
}

int ScenarioResultsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const Scenario *ScenarioResultsModel::scenarioAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == GroupRowId)
        return nullptr;
    return &m_groups.at(int(index.internalId() - 1)).scenarios.at(index.row());
}

Qt::CheckState ScenarioResultsModel::groupState(int group) const
{
    int checked = 0;
    const QList<Scenario> &scenarios = m_groups.at(group).scenarios;
    for (const Scenario &scenario : scenarios)
        checked += m_unchecked.contains(scenario.id) ? 0 : 1;
    return checked == 0 ? Qt::Unchecked : checked == scenarios.size() ? Qt::Checked : Qt::PartiallyChecked;
}

QVariant ScenarioResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Scenario *scenario = scenarioAt(index);
    if (!scenario) {
        if (index.column() != TitleColumn)
            return {};
        if (role == Qt::DisplayRole)
            return Scenario::groupName(m_groups.at(index.row()).group);
        if (role == Qt::CheckStateRole)
            return groupState(index.row());
        return {};
    }
    const auto found = m_results.constFind(scenario->id);
    const ScenarioResult *result = found == m_results.cend() ? nullptr : &*found;
    switch (role) {
    case IdRole:
        return scenario->id;
    case VerdictRole:
        return result ? QVariant(int(result->verdict)) : QVariant();
    case Qt::CheckStateRole:
        return index.column() == TitleColumn
                ? QVariant(m_unchecked.contains(scenario->id) ? Qt::Unchecked : Qt::Checked)
                : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn)
            return scenario->proves;
        return index.column() == VerdictColumn && result ? QVariant(result->reason) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return QStringLiteral("%1  (%2)").arg(scenario->title, scenario->id);
        case VerdictColumn:
            return verdictText(scenario->id);
        case ActualColumn:
            return result ? result->actual.summary() : QString();
        case TimeColumn:
            return result ? durationText(result->actual.durationMs) : QString();
        }
    }
    return {};
}

bool ScenarioResultsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != TitleColumn || !index.isValid())
        return false;
    const bool checked = Qt::CheckState(value.toInt()) != Qt::Unchecked;
    QStringList ids;
    if (const Scenario *scenario = scenarioAt(index)) {
        ids.append(scenario->id);
    } else {
        for (const Scenario &member : std::as_const(m_groups.at(index.row()).scenarios))
            ids.append(member.id);
    }
    for (const QString &id : std::as_const(ids)) {
        if (checked)
            m_unchecked.remove(id);
        else
            m_unchecked.insert(id);
        rowChanged(id);
    }
    return true;
}

Qt::ItemFlags ScenarioResultsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == TitleColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant ScenarioResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Scenario");
    case VerdictColumn:
        return tr("Verdict");
    case ActualColumn:
        return tr("Actual");
    case TimeColumn:
        return tr("Time");
    }
    return {};
}

QModelIndex ScenarioResultsModel::indexOf(const QString &id) const
{
    for (int group = 0; group < m_groups.size(); ++group) {
        const QList<Scenario> &scenarios = m_groups.at(group).scenarios;
        for (int row = 0; row < scenarios.size(); ++row) {
            if (scenarios.at(row).id == id)
                return createIndex(row, TitleColumn, quintptr(group) + 1);
        }
    }
    return {};
}

QStringList ScenarioResultsModel::checkedIds() const
{
    QStringList ids;
    for (const Scenario &scenario : Scenario::catalogue()) {
        if (!m_unchecked.contains(scenario.id))
            ids.append(scenario.id);
    }
    return ids;
}

void ScenarioResultsModel::setChecked(const QStringList &ids)
{
    for (const Scenario &scenario : Scenario::catalogue()) {
        const bool was = !m_unchecked.contains(scenario.id);
        if (was == ids.contains(scenario.id))
            continue;
        if (was)
            m_unchecked.insert(scenario.id);
        else
            m_unchecked.remove(scenario.id);
        rowChanged(scenario.id);
    }
}

void ScenarioResultsModel::clearResults(const QStringList &ids)
{
    const QStringList forgotten = ids.isEmpty() ? QStringList(m_results.keys()) + QStringList(m_running.values()) : ids;
    for (const QString &id : forgotten) {
        m_results.remove(id);
        m_running.remove(id);
        rowChanged(id);
    }
}

void ScenarioResultsModel::setRunning(const QString &id)
{
    m_running.insert(id);
    rowChanged(id);
}

void ScenarioResultsModel::setResult(const ScenarioResult &result)
{
    m_running.remove(result.id);
    m_results.insert(result.id, result);
    rowChanged(result.id);
}

const ScenarioResult *ScenarioResultsModel::result(const QString &id) const
{
    const auto found = m_results.constFind(id);
    return found == m_results.cend() ? nullptr : &*found;
}

QString ScenarioResultsModel::verdictText(const QString &id) const
{
    if (const ScenarioResult *found = result(id))
        return ScenarioResult::verdictName(found->verdict);
    return m_running.contains(id) ? tr("…") : QString();
}

void ScenarioResultsModel::rowChanged(const QString &id)
{
    const QModelIndex title = indexOf(id);
    if (!title.isValid())
        return;
    Q_EMIT dataChanged(title, title.siblingAtColumn(TimeColumn));
    // The group's tri-state box follows its scenarios.
    const QModelIndex group = title.parent();
    Q_EMIT dataChanged(group, group, {Qt::CheckStateRole});
}

}   // namespace SignalGate::Scenarios
