#include "runcomparison.h"

#include "scenario.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace SignalGate::Scenarios {

namespace {
QHash<QString, const ScenarioResult *> byId(const RunReport &report)
{
    QHash<QString, const ScenarioResult *> results;
    for (const ScenarioResult &result : report.results)
        results.insert(result.id, &result);
    return results;
}
}   // namespace

RunComparison RunComparison::between(const RunReport &before, const RunReport &after)
{
    const QHash<QString, const ScenarioResult *> earlier = byId(before);
    const QHash<QString, const ScenarioResult *> later = byId(after);
    RunComparison comparison;
    for (const Scenario &scenario : Scenario::catalogue()) {
        const ScenarioResult *was = earlier.value(scenario.id);
        const ScenarioResult *is = later.value(scenario.id);
        if (!was && !is)
            continue;
        Change change;
        change.id = scenario.id;
        change.before = was ? ScenarioResult::verdictName(was->verdict) : QString();
        change.after = is ? ScenarioResult::verdictName(is->verdict) : QString();
        if (change.before == change.after) {
            ++comparison.unchanged;
            continue;
        }
        change.reason = is ? is->reason : was->reason;
        comparison.changes.append(change);
    }
    return comparison;
}

int RunComparison::regressions() const
{
    return int(std::count_if(changes.cbegin(), changes.cend(),
                             [](const Change &change) { return change.isRegression(); }));
}

QString RunComparison::summary() const
{
    if (changes.isEmpty())
        return QCoreApplication::translate("RunComparison", "No verdict changed (%n the same).", nullptr, unchanged);
    const int fixed =
            int(std::count_if(changes.cbegin(), changes.cend(), [](const Change &change) { return change.isFix(); }));
    return QCoreApplication::translate("RunComparison", "%n verdict(s) changed: ", nullptr, int(changes.size()))
            + QCoreApplication::translate("RunComparison", "%n regression(s), ", nullptr, regressions())
            + QCoreApplication::translate("RunComparison", "%n fixed; ", nullptr, fixed)
            + QCoreApplication::translate("RunComparison", "%n the same.", nullptr, unchanged);
}

}   // namespace SignalGate::Scenarios
