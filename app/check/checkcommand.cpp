#include "checkcommand.h"

#include "runreport.h"
#include "scenario.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>

#include <algorithm>
#include <cstdio>

namespace SignalGate::Scenarios {

namespace {
QString duration(qint64 ms)
{
    const qint64 s = (ms + 999) / 1000;
    return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1s").arg(s);
}
}   // namespace

CheckCommand::CheckCommand(QObject *parent) : QObject(parent), m_out(stdout), m_err(stderr)
{
    connect(&m_engine, &ScenarioEngine::failed, this, [this](const QString &cause) {
        m_err << "signalgate-check: " << cause << Qt::endl;
        Q_EMIT done(UsageOrConnection);
    });
    connect(&m_engine, &ScenarioEngine::runStarted, this, [this](int total) {
        m_err << "running " << total << (total == 1 ? " scenario" : " scenarios") << " against "
              << m_engine.context().httpUrl.toString() << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::pacing, this, [this](qint64 ms) {
        m_err << "  pacing: the server's connection rate allows the next upgrade in " << duration(ms) << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::scenarioStarted, this, [this](const QString &id, int index, int total) {
        m_err << QStringLiteral("[%1/%2] %3 ...").arg(index + 1, 2).arg(total).arg(id) << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::scenarioFinished, this, [this](const ScenarioResult &result) {
        m_err << "  " << ScenarioResult::verdictName(result.verdict) << " " << result.id << ": " << result.reason
              << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::progress, this, [this](int doneCount, int total, qint64 etaMs) {
        if (doneCount < total)
            m_err << QStringLiteral("  %1/%2 done, about %3 left").arg(doneCount).arg(total).arg(duration(etaMs))
                  << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::finished, this, &CheckCommand::onFinished);
}

void CheckCommand::usageError(const QString &cause)
{
    m_err << "signalgate-check: " << cause << "\nTry 'signalgate-check --help'." << Qt::endl;
}

bool CheckCommand::parse(const QStringList &arguments, const QByteArray &standardInput)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Runs the SignalGate test scenarios (PROTOCOL.md section 9) against a WebSocket server over real "
            "connections:\n"
            "ours, or any other described by a profile (--profile) and the flags that override it.\n"
            "Exit 0 when every scenario that ran passed, 1 when one failed, 2 on usage or connection errors."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Server address, http(s):// or ws(s)://HOST:PORT (the login; "
                                                   "also the WebSocket unless --ws-url names another host)."),
                                    QStringLiteral("URL"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("User name to sign in with."),
                                  QStringLiteral("U"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
                                           QStringLiteral("Read the password from the first line of standard input."));
    const QCommandLineOption tokenFile(
            QStringLiteral("token-file"),
            QStringLiteral("The valid token, used as it is (with --login none, the profile default then)."),
            QStringLiteral("FILE"));
    const QCommandLineOption key(
            QStringList{QStringLiteral("forge-key"), QStringLiteral("key")},
            QStringLiteral("Forge minted tokens with this key: an HS256 secret file (raw bytes) or a PEM "
                           "private key (RSA, EC P-256, Ed25519); the algorithm follows from the key."),
            QStringLiteral("FILE"));
    const QCommandLineOption forgeIss(QStringLiteral("forge-iss"),
                                      QStringLiteral("The iss of forged tokens (default: the valid token's)."),
                                      QStringLiteral("ISS"));
    const QCommandLineOption forgeAud(QStringLiteral("forge-aud"),
                                      QStringLiteral("The aud of forged tokens (default: the valid token's)."),
                                      QStringLiteral("AUD"));
    const QCommandLineOption forgeTyp(QStringLiteral("forge-typ"),
                                      QStringLiteral("The header typ of forged tokens (default at+jwt)."),
                                      QStringLiteral("TYP"));
    const QCommandLineOption forgeTtl(QStringLiteral("forge-ttl"),
                                      QStringLiteral("The lifetime of forged tokens in seconds (default 600)."),
                                      QStringLiteral("S"));
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("Run only these scenario ids (comma separated)."),
                                  QStringLiteral("ID,..."));
    const QCommandLineOption skipIds(QStringLiteral("skip"),
                                     QStringLiteral("Do not run these scenario ids (they are reported as SKIP)."),
                                     QStringLiteral("ID,..."));
    const QCommandLineOption report(QStringLiteral("report"), QStringLiteral("Write the run as JSON."),
                                    QStringLiteral("FILE.json"));
    const QCommandLineOption markdown(QStringLiteral("markdown"), QStringLiteral("Write the run as Markdown."),
                                      QStringLiteral("FILE.md"));
    const QCommandLineOption junit(QStringLiteral("junit"),
                                   QStringLiteral("Write the run as JUnit XML, for CI test reporters."),
                                   QStringLiteral("FILE.xml"));
    const QCommandLineOption caCert(QStringLiteral("ca-cert"),
                                    QStringLiteral("Trust this CA certificate (PEM) for https/wss."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption list(QStringLiteral("list"),
                                  QStringLiteral("List the scenarios and what each needs, and exit."));
    const QCommandLineOption printProfile(QStringLiteral("print-profile"),
                                          QStringLiteral("Print the effective profile as JSON and exit."));
    parser.addOptions({server, user, passwordStdin, tokenFile, key, forgeIss, forgeAud, forgeTyp, forgeTtl, only,
                       skipIds, report, markdown, junit, caCert, list, printProfile});
    m_profileOptions.addTo(parser);
    if (!parser.parse(arguments)) {
        usageError(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText() << Qt::flush;
        Q_EMIT done(AllPassed);
        return false;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        m_out << "signalgate-check " << SIGNALGATE_VERSION << Qt::endl;
        Q_EMIT done(AllPassed);
        return false;
    }
    if (parser.isSet(list)) {
        m_out << QStringLiteral("%1%2%3%4\n")
                         .arg(QStringLiteral("ID").leftJustified(24), QStringLiteral("GROUP").leftJustified(24),
                              QStringLiteral("NEEDS").leftJustified(34), QStringLiteral("EXPECTED"));
        for (const Scenario &scenario : Scenario::catalogue()) {
            m_out << scenario.id.leftJustified(24) << Scenario::groupName(scenario.group).leftJustified(24)
                  << Scenario::needNames(scenario.needs).leftJustified(34) << scenario.expected << '\n';
        }
        m_out << Qt::flush;
        Q_EMIT done(AllPassed);
        return false;
    }
    QString error;
    const std::optional<TargetProfile> profile = m_profileOptions.apply(parser, &error);
    if (!profile)
        return usageError(error), false;
    if (parser.isSet(printProfile)) {
        m_out << QJsonDocument(profile->toJson()).toJson(QJsonDocument::Indented) << Qt::flush;
        Q_EMIT done(AllPassed);
        return false;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().constFirst())),
               false;
    m_settings.profile = *profile;
    m_settings.webSocketServer = m_profileOptions.webSocketServer(parser);
    if (!parser.isSet(server) && m_settings.webSocketServer.isEmpty())
        return usageError(QStringLiteral("--server is required (or a whole ws:// URL in --ws-url)")), false;
    m_settings.server = parser.isSet(server) ? QUrl(parser.value(server)) : m_settings.webSocketServer;
    QUrl http;
    QUrl ws;
    if (!ScenarioEngine::serverUrls(m_settings.server, &http, &ws, &error))
        return usageError(error), false;
    if (!m_settings.webSocketServer.isEmpty()
        && !ScenarioEngine::serverUrls(m_settings.webSocketServer, &http, &ws, &error))
        return usageError(QStringLiteral("--ws-url: %1").arg(error)), false;
    m_settings.user = parser.value(user);
    if (profile->login != TargetProfile::Login::None) {
        if (!parser.isSet(user))
            return usageError(QStringLiteral("--user is required for the %1 login (or --login none)")
                                      .arg(TargetProfile::loginName(profile->login))),
                   false;
        if (!parser.isSet(passwordStdin))
            return usageError(QStringLiteral(
                           "--password-stdin is required (a password is never taken from the command line)")),
                   false;
        QByteArray password = standardInput;
        if (const qsizetype newline = password.indexOf('\n'); newline >= 0)
            password.truncate(newline);
        if (password.endsWith('\r'))
            password.chop(1);
        if (password.isEmpty())
            return usageError(QStringLiteral("no password on standard input")), false;
        m_settings.password = QString::fromUtf8(password);
        m_passwordStdin = true;
    } else if (parser.isSet(passwordStdin)) {
        return usageError(QStringLiteral("--password-stdin needs a login; the profile's login is none")), false;
    }
    if (parser.isSet(tokenFile)) {
        if (profile->login != TargetProfile::Login::None)
            return usageError(QStringLiteral("--token-file is the valid token without a login: add --login none")),
                   false;
        if (!readTokenFile(parser.value(tokenFile), &error))
            return usageError(error), false;
    }
    m_settings.keyFile = parser.value(key);
    m_settings.forgeClaims.issuer = parser.value(forgeIss);
    m_settings.forgeClaims.audience = parser.value(forgeAud);
    m_settings.forgeClaims.type = parser.value(forgeTyp);
    if (parser.isSet(forgeTtl)) {
        bool ok = false;
        m_settings.forgeClaims.lifetimeS = parser.value(forgeTtl).toInt(&ok);
        if (!ok || m_settings.forgeClaims.lifetimeS < 10 || m_settings.forgeClaims.lifetimeS > 86400)
            return usageError(QStringLiteral("--forge-ttl takes seconds from 10 to 86400")), false;
    }
    if (!selection(parser, only, &m_only, &error) || !selection(parser, skipIds, &m_skip, &error))
        return usageError(error), false;
    if (parser.isSet(caCert)) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(parser.value(caCert));
        if (certificates.isEmpty())
            return usageError(QStringLiteral("no PEM certificate in %1").arg(parser.value(caCert))), false;
        m_settings.sslConfiguration.setCaCertificates(certificates);
    }
    m_jsonPath = parser.value(report);
    m_markdownPath = parser.value(markdown);
    m_junitPath = parser.value(junit);
    return true;
}

bool CheckCommand::selection(const QCommandLineParser &parser, const QCommandLineOption &option, QStringList *ids,
                             QString *error)
{
    if (!parser.isSet(option))
        return true;
    *ids = parser.value(option).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &id : *ids)
        id = id.trimmed();
    if (ids->isEmpty()) {
        *error = QStringLiteral("--%1 needs at least one scenario id").arg(option.names().constFirst());
        return false;
    }
    return ScenarioEngine::validateSelection(*ids, error);
}

bool CheckCommand::readTokenFile(const QString &path, QString *error)
{
    // A token is a few KiB at most; the oversized-token scenario makes its own.
    constexpr qint64 maxBytes = 64 * 1024;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the token file %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray token = file.read(maxBytes + 1).trimmed();
    if (token.isEmpty() || token.size() > maxBytes || token.contains('\n') || token.contains(' ')) {
        *error = QStringLiteral("the token file %1 must hold one token on one line (at most 64 KiB)").arg(path);
        return false;
    }
    m_settings.token = token;
    return true;
}

void CheckCommand::start()
{
    QStringList ids = m_only;
    if (!m_skip.isEmpty()) {
        if (ids.isEmpty()) {
            for (const Scenario &scenario : Scenario::catalogue())
                ids << scenario.id;
        }
        for (const QString &id : std::as_const(m_skip))
            ids.removeAll(id);
    }
    m_engine.start(m_settings, ids);
}

void CheckCommand::onFinished()
{
    RunReport report = m_engine.report();
    for (const QString &id : std::as_const(m_skip)) {
        if (m_only.isEmpty() || m_only.contains(id)) {
            ScenarioResult skipped;
            skipped.id = id;
            skipped.reason = QStringLiteral("skipped by --skip");
            if (const std::optional<Scenario> scenario = Scenario::find(id))
                skipped.expected = m_engine.context().expectedOutcome(*scenario);
            report.results.append(skipped);
        }
    }
    // Skipped rows stand where the catalogue has them, like every other row.
    const QList<Scenario> &catalogue = Scenario::catalogue();
    const auto position = [&catalogue](const ScenarioResult &result) {
        return std::find_if(catalogue.cbegin(), catalogue.cend(),
                            [&result](const Scenario &scenario) { return scenario.id == result.id; })
                - catalogue.cbegin();
    };
    std::stable_sort(
            report.results.begin(), report.results.end(),
            [&position](const ScenarioResult &a, const ScenarioResult &b) { return position(a) < position(b); });
    m_out << report.toTable() << Qt::flush;
    QString error;
    if (!m_jsonPath.isEmpty()
        && !report.write(m_jsonPath, QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented), &error)) {
        m_err << "signalgate-check: " << error << Qt::endl;
        Q_EMIT done(UsageOrConnection);
        return;
    }
    if ((!m_markdownPath.isEmpty() && !report.write(m_markdownPath, report.toMarkdown().toUtf8(), &error))
        || (!m_junitPath.isEmpty() && !report.write(m_junitPath, report.toJUnit(), &error))) {
        m_err << "signalgate-check: " << error << Qt::endl;
        Q_EMIT done(UsageOrConnection);
        return;
    }
    m_err << report.score() << " in " << duration(report.startedAt.msecsTo(report.finishedAt)) << Qt::endl;
    Q_EMIT done(report.allPassed() ? AllPassed : SomeFailed);
}

}   // namespace SignalGate::Scenarios
