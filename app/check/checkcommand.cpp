#include "checkcommand.h"

#include "scenarios/runreport.h"
#include "scenarios/scenario.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>

#include <cstdio>

namespace {
QString duration(qint64 ms)
{
    const qint64 s = (ms + 999) / 1000;
    return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0')) : QStringLiteral("%1s").arg(s);
}
} // namespace

CheckCommand::CheckCommand(QObject *parent) : QObject(parent), m_out(stdout), m_err(stderr)
{
    connect(&m_engine, &ScenarioEngine::failed, this, [this](const QString &cause) {
        m_err << "signalgate-check: " << cause << Qt::endl;
        Q_EMIT done(UsageOrConnection);
    });
    connect(&m_engine, &ScenarioEngine::runStarted, this, [this](int total) {
        m_err << "running " << total << " scenario(s) against " << m_engine.context().httpUrl.toString() << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::pacing, this, [this](qint64 ms) {
        m_err << "  pacing: the server's connection rate allows the next upgrade in " << duration(ms) << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::scenarioStarted, this, [this](const QString &id, int index, int total) {
        m_err << QStringLiteral("[%1/%2] %3 ...").arg(index + 1, 2).arg(total).arg(id) << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::scenarioFinished, this, [this](const ScenarioResult &result) {
        m_err << "  " << ScenarioResult::verdictName(result.verdict) << " " << result.id << ": " << result.reason << Qt::endl;
    });
    connect(&m_engine, &ScenarioEngine::progress, this, [this](int doneCount, int total, qint64 etaMs) {
        if (doneCount < total)
            m_err << QStringLiteral("  %1/%2 done, about %3 left").arg(doneCount).arg(total).arg(duration(etaMs)) << Qt::endl;
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
            "Runs the SignalGate test scenarios (PROTOCOL.md section 9) against a server over real connections.\n"
            "Exit 0 when every scenario that ran passed, 1 when one failed, 2 on usage or connection errors."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server address, http(s):// or ws(s)://HOST:PORT."), QStringLiteral("URL"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("User name to sign in with."), QStringLiteral("U"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), QStringLiteral("Read the password from the first line of standard input."));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Forge minted tokens with this key: an HS256 secret file (raw bytes) or a PEM "
                                                "private key (RSA, EC P-256, Ed25519); the algorithm follows from the key."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("Run only these scenario ids (comma separated)."), QStringLiteral("ID,..."));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("signalgate (default) or seed."), QStringLiteral("P"),
                                     QStringLiteral("signalgate"));
    const QCommandLineOption report(QStringLiteral("report"), QStringLiteral("Write the run as JSON."), QStringLiteral("FILE.json"));
    const QCommandLineOption markdown(QStringLiteral("markdown"), QStringLiteral("Write the run as Markdown."), QStringLiteral("FILE.md"));
    const QCommandLineOption caCert(QStringLiteral("ca-cert"), QStringLiteral("Trust this CA certificate (PEM) for https/wss."), QStringLiteral("FILE"));
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List the scenarios and exit."));
    parser.addOptions({server, user, passwordStdin, key, only, profile, report, markdown, caCert, list});
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
        for (const Scenario &scenario : Scenario::catalogue()) {
            m_out << scenario.id.leftJustified(24) << (scenario.needsMintedToken ? "* " : "  ")
                  << Scenario::groupName(scenario.group).leftJustified(24) << scenario.expected << '\n';
        }
        m_out << Qt::flush;
        Q_EMIT done(AllPassed);
        return false;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().constFirst())), false;
    if (!parser.isSet(server) || !parser.isSet(user))
        return usageError(QStringLiteral("--server and --user are required")), false;
    if (!parser.isSet(passwordStdin))
        return usageError(QStringLiteral("--password-stdin is required (a password is never taken from the command line)")), false;

    m_settings.server = QUrl(parser.value(server));
    QUrl http;
    QUrl ws;
    QString error;
    if (!ScenarioEngine::serverUrls(m_settings.server, &http, &ws, &error))
        return usageError(error), false;
    m_settings.user = parser.value(user);
    QByteArray password = standardInput;
    if (const qsizetype newline = password.indexOf('\n'); newline >= 0)
        password.truncate(newline);
    if (password.endsWith('\r'))
        password.chop(1);
    if (password.isEmpty())
        return usageError(QStringLiteral("no password on standard input")), false;
    m_settings.password = QString::fromUtf8(password);
    m_settings.keyFile = parser.value(key);
    const std::optional<ScenarioProfile> chosen = profileFromName(parser.value(profile));
    if (!chosen)
        return usageError(QStringLiteral("--profile must be signalgate or seed")), false;
    m_settings.profile = *chosen;
    if (parser.isSet(only)) {
        m_only = parser.value(only).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString &id : m_only)
            id = id.trimmed();
        if (m_only.isEmpty())
            return usageError(QStringLiteral("--only needs at least one scenario id")), false;
        if (!ScenarioEngine::validateSelection(m_only, &error))
            return usageError(error), false;
    }
    if (parser.isSet(caCert)) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(parser.value(caCert));
        if (certificates.isEmpty())
            return usageError(QStringLiteral("no PEM certificate in %1").arg(parser.value(caCert))), false;
        m_settings.sslConfiguration.setCaCertificates(certificates);
    }
    m_jsonPath = parser.value(report);
    m_markdownPath = parser.value(markdown);
    m_passwordStdin = true;
    return true;
}

void CheckCommand::start()
{
    m_engine.start(m_settings, m_only);
}

void CheckCommand::onFinished()
{
    const RunReport report = m_engine.report();
    m_out << report.toTable() << Qt::flush;
    QString error;
    if (!m_jsonPath.isEmpty()
        && !report.write(m_jsonPath, QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented), &error)) {
        m_err << "signalgate-check: " << error << Qt::endl;
        Q_EMIT done(UsageOrConnection);
        return;
    }
    if (!m_markdownPath.isEmpty() && !report.write(m_markdownPath, report.toMarkdown().toUtf8(), &error)) {
        m_err << "signalgate-check: " << error << Qt::endl;
        Q_EMIT done(UsageOrConnection);
        return;
    }
    m_err << report.score() << " in " << duration(report.startedAt.msecsTo(report.finishedAt)) << Qt::endl;
    Q_EMIT done(report.allPassed() ? AllPassed : SomeFailed);
}
