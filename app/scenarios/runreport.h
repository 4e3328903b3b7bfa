#pragma once

#include "scenarioresult.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace SignalGate::Scenarios {

class Redactor;

// A finished run as JSON, Markdown and JUnit XML (issues 6 and 11): server,
// time, profile, score, a row per scenario. No token is ever in it: results come redacted,
// and redacted() passes every text through the run's Redactor once more.
struct RunReport
{
    QString server;
    QString user;
    QString profile;
    QString tokenSource;   // where the valid token came from: "login json /auth/login", "token file", ...
    QString mintSource;    // "/dev/token", "local key (ES256)", "none"
    QDateTime startedAt;
    QDateTime finishedAt;
    int spurious429 = 0;
    QList<ScenarioResult> results;

    int count(ScenarioResult::Verdict verdict) const;
    int ran() const { return int(results.size()) - count(ScenarioResult::Verdict::Skip); }
    // True when every scenario that ran passed (skips do not count against it).
    bool allPassed() const { return count(ScenarioResult::Verdict::Fail) == 0; }
    QString score() const;   // "25/25 passed", "20/21 passed, 4 skipped"

    QJsonObject toJson() const;
    QString toMarkdown() const;
    // One <testsuite>, one <testcase> per scenario (classname: its group),
    // <failure> with expected and actual, <skipped> with the reason: what
    // Jenkins, GitLab and GitHub test reporters read.
    QByteArray toJUnit() const;
    // Fixed-width table for a terminal.
    QString toTable() const;
    bool write(const QString &path, const QByteArray &content, QString *error) const;
    RunReport redacted(const Redactor &redactor) const;
};

}   // namespace SignalGate::Scenarios
