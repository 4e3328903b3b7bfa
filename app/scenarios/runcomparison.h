#pragma once

#include "runreport.h"

#include <QList>
#include <QString>

namespace SignalGate::Scenarios {

// Which verdicts changed between two runs: the console's
// regression view. A scenario only one of the runs has counts as changed.
struct RunComparison
{
    struct Change
    {
        QString id;
        QString before;   // PASS, FAIL, SKIP, or empty when the earlier run did not have it
        QString after;
        QString reason;   // the later run's, or the earlier's when the later did not run it
        bool isRegression() const { return before == QLatin1String("PASS") && after == QLatin1String("FAIL"); }
        bool isFix() const { return before == QLatin1String("FAIL") && after == QLatin1String("PASS"); }
    };

    QList<Change> changes;   // in catalogue order
    int unchanged = 0;

    static RunComparison between(const RunReport &before, const RunReport &after);
    int regressions() const;
    // "No verdict changed (25 the same)." or "3 verdicts changed: 1 regression, 1 fixed; 22 the same."
    QString summary() const;
};

}   // namespace SignalGate::Scenarios
