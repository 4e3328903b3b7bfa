#include "runreport.h"

#include "redactor.h"
#include "scenario.h"

#include <QJsonArray>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <algorithm>

namespace SignalGate::Scenarios {

namespace {
QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

// What the run expected of its target, or the catalogue's words.
QString expectedOf(const ScenarioResult &result, const std::optional<Scenario> &scenario)
{
    return !result.expected.isEmpty() ? result.expected : scenario ? scenario->expected : QString();
}

QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
}
}   // namespace

int RunReport::count(ScenarioResult::Verdict verdict) const
{
    return int(std::count_if(results.cbegin(), results.cend(),
                             [verdict](const ScenarioResult &r) { return r.verdict == verdict; }));
}

QString RunReport::score() const
{
    QString text = QStringLiteral("%1/%2 passed").arg(count(ScenarioResult::Verdict::Pass)).arg(ran());
    if (const int skipped = count(ScenarioResult::Verdict::Skip))
        text += QStringLiteral(", %1 skipped").arg(skipped);
    return text;
}

QJsonObject RunReport::toJson() const
{
    QJsonArray rows;
    for (const ScenarioResult &result : results) {
        QJsonObject row = result.toJson();
        if (const std::optional<Scenario> scenario = Scenario::find(result.id)) {
            row.insert(QStringLiteral("title"), scenario->title);
            row.insert(QStringLiteral("group"), Scenario::groupName(scenario->group));
            row.insert(QStringLiteral("proves"), scenario->proves);
            row.insert(QStringLiteral("prerequisites"), scenario->prerequisites);
            row.insert(QStringLiteral("expected"), expectedOf(result, scenario));
            row.insert(QStringLiteral("minted_token"), scenario->needsMintedToken());
            row.insert(QStringLiteral("needs"), Scenario::needNames(scenario->needs));
        }
        rows.append(row);
    }
    return {{QStringLiteral("server"), server},
            {QStringLiteral("user"), user},
            {QStringLiteral("profile"), profile},
            {QStringLiteral("token_source"), tokenSource},
            {QStringLiteral("minted_tokens"), mintSource},
            {QStringLiteral("started_at"), startedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished_at"), finishedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("duration_ms"), startedAt.msecsTo(finishedAt)},
            {QStringLiteral("score"), score()},
            {QStringLiteral("passed"), count(ScenarioResult::Verdict::Pass)},
            {QStringLiteral("failed"), count(ScenarioResult::Verdict::Fail)},
            {QStringLiteral("skipped"), count(ScenarioResult::Verdict::Skip)},
            {QStringLiteral("spurious_429"), spurious429},
            {QStringLiteral("scenarios"), rows}};
}

QString RunReport::toMarkdown() const
{
    QString text;
    text += QStringLiteral("# SignalGate scenario run: %1\n\n").arg(score());
    text += QStringLiteral("- Server: `%1`\n- User: `%2`\n- Profile: `%3`\n- Valid token: %4\n- Minted tokens: %5\n")
                    .arg(server, user, profile, tokenSource, mintSource);
    text += QStringLiteral("- Started: %1 (UTC), took %2\n- Unexpected 429 answers: %3\n\n")
                    .arg(startedAt.toString(Qt::ISODate), seconds(startedAt.msecsTo(finishedAt)))
                    .arg(spurious429);
    text += QStringLiteral("| verdict | id | group | expected | actual | reason | time |\n");
    text += QStringLiteral("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (const ScenarioResult &result : results) {
        const std::optional<Scenario> scenario = Scenario::find(result.id);
        text += QStringLiteral("| %1 | `%2` | %3 | %4 | %5 | %6 | %7 |\n")
                        .arg(ScenarioResult::verdictName(result.verdict), result.id,
                             scenario ? Scenario::groupName(scenario->group) : QString(),
                             cell(expectedOf(result, scenario)), cell(result.actual.summary()), cell(result.reason),
                             seconds(result.actual.durationMs));
    }
    return text;
}

QByteArray RunReport::toJUnit() const
{
    const auto secondsText = [](qint64 ms) { return QString::number(double(ms) / 1000.0, 'f', 3); };
    QByteArray xml;
    QXmlStreamWriter out(&xml);
    out.setAutoFormatting(true);
    out.writeStartDocument();
    out.writeStartElement(QStringLiteral("testsuite"));
    out.writeAttribute(QStringLiteral("name"), QStringLiteral("signalgate-check %1").arg(profile));
    out.writeAttribute(QStringLiteral("tests"), QString::number(results.size()));
    out.writeAttribute(QStringLiteral("failures"), QString::number(count(ScenarioResult::Verdict::Fail)));
    out.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    out.writeAttribute(QStringLiteral("skipped"), QString::number(count(ScenarioResult::Verdict::Skip)));
    out.writeAttribute(QStringLiteral("time"), secondsText(startedAt.msecsTo(finishedAt)));
    out.writeAttribute(QStringLiteral("timestamp"), startedAt.toString(Qt::ISODate));
    out.writeStartElement(QStringLiteral("properties"));
    for (const auto &[name, value] :
         {std::pair{QStringLiteral("server"), server}, std::pair{QStringLiteral("profile"), profile},
          std::pair{QStringLiteral("token_source"), tokenSource},
          std::pair{QStringLiteral("minted_tokens"), mintSource}}) {
        out.writeEmptyElement(QStringLiteral("property"));
        out.writeAttribute(QStringLiteral("name"), name);
        out.writeAttribute(QStringLiteral("value"), value);
    }
    out.writeEndElement();
    for (const ScenarioResult &result : results) {
        const std::optional<Scenario> scenario = Scenario::find(result.id);
        out.writeStartElement(QStringLiteral("testcase"));
        out.writeAttribute(QStringLiteral("classname"), scenario ? Scenario::groupName(scenario->group) : QString());
        out.writeAttribute(QStringLiteral("name"), result.id);
        out.writeAttribute(QStringLiteral("time"), secondsText(result.actual.durationMs));
        if (result.verdict == ScenarioResult::Verdict::Fail) {
            out.writeStartElement(QStringLiteral("failure"));
            out.writeAttribute(QStringLiteral("message"), result.reason);
            out.writeAttribute(QStringLiteral("type"), QStringLiteral("FAIL"));
            out.writeCharacters(QStringLiteral("expected: %1\nactual: %2\n")
                                        .arg(expectedOf(result, scenario), result.actual.summary()));
            out.writeEndElement();
        } else if (result.verdict == ScenarioResult::Verdict::Skip) {
            out.writeEmptyElement(QStringLiteral("skipped"));
            out.writeAttribute(QStringLiteral("message"), result.reason);
        }
        out.writeEndElement();
    }
    out.writeEndElement();
    out.writeEndDocument();
    return xml;
}

QString RunReport::toTable() const
{
    QString text = QStringLiteral("%1  %2  %3  %4\n")
                           .arg(QStringLiteral("VERDICT"), QStringLiteral("SCENARIO").leftJustified(23),
                                QStringLiteral("TIME").rightJustified(7), QStringLiteral("ACTUAL / REASON"));
    for (const ScenarioResult &result : results) {
        const QString actual = result.actual.summary();
        text += QStringLiteral("%1  %2  %3  %4\n")
                        .arg(ScenarioResult::verdictName(result.verdict).leftJustified(7), result.id.leftJustified(23),
                             seconds(result.actual.durationMs).rightJustified(7),
                             actual.isEmpty() ? result.reason : actual + QStringLiteral(" - ") + result.reason);
    }
    text += QStringLiteral("\n%1 (%2, profile %3)\n").arg(score(), server, profile);
    return text;
}

bool RunReport::write(const QString &path, const QByteArray &content, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

RunReport RunReport::redacted(const Redactor &redactor) const
{
    RunReport copy = *this;
    for (ScenarioResult &result : copy.results) {
        result.reason = redactor.redact(result.reason);
        for (QString &error : result.actual.errors)
            error = redactor.redact(error);
        for (ProbeFrame &frame : result.frames)
            frame.text = redactor.redact(frame.text);
    }
    return copy;
}

}   // namespace SignalGate::Scenarios
