#include "postgresserver.h"

#include "freeport.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <pwd.h>
#include <unistd.h>

namespace {

// Debian installs the server tools per major version; the newest one wins.
QString findBinDir()
{
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(), numeric);
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(*it);
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

}   // namespace

PostgresServer::PostgresServer() : m_binDir(findBinDir()), m_port(freeLocalPort()) {}

PostgresServer::~PostgresServer()
{
    stop();
}

bool PostgresServer::runTool(const QString &tool, const QStringList &arguments, bool asOwner)
{
    QProcess process;
    const QString program = m_binDir + QLatin1Char('/') + tool;
    if (asOwner && runningAsRoot()) {
        process.setProgram(QStringLiteral("runuser"));
        process.setArguments(
                QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program}
                + arguments);
    } else {
        process.setProgram(program);
        process.setArguments(arguments);
    }
    process.setProcessChannelMode(QProcess::MergedChannels);
    // runuser keeps the working directory, which postgres may not be allowed to enter.
    process.setWorkingDirectory(m_dir.path());
    process.start();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2").arg(tool, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (m_binDir.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL's server tools are not installed: apt install postgresql "
                                 "(scripts/signalgate.sh test installs it)");
        return false;
    }
    if (!m_initialized) {
        if (runningAsRoot()) {
            const passwd *owner = ::getpwnam("postgres");
            if (!owner || ::chown(QFile::encodeName(m_dir.path()).constData(), owner->pw_uid, owner->pw_gid) != 0) {
                m_error = QStringLiteral("cannot hand %1 to the postgres user; is the postgresql package installed?")
                                  .arg(m_dir.path());
                return false;
            }
        }
        if (!runTool(QStringLiteral("initdb"),
                     {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("signalgate"),
                      QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                      QStringLiteral("--locale=C"), QStringLiteral("--no-sync")}))
            return false;
    }
    // The socket goes to the temp dir as well: /var/run/postgresql may not exist or be ours.
    // No fsync (the machine does not crash in a test), but commits stay synchronous,
    // so a killed server keeps what it acknowledged, as in production.
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c full_page_writes=off")
                                    .arg(m_port)
                                    .arg(m_dir.path());
    if (!runTool(QStringLiteral("pg_ctl"),
                 {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")),
                  QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                  QStringLiteral("start")}))
        return false;
    m_running = true;
    if (!m_initialized) {
        if (!runTool(QStringLiteral("createdb"),
                     {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                      QStringLiteral("-U"), QStringLiteral("signalgate"), QStringLiteral("signalgate")},
                     false))
            return false;
        m_initialized = true;
    }
    return true;
}

void PostgresServer::kill()
{
    shutdown(QStringLiteral("immediate"));
}

void PostgresServer::stop()
{
    shutdown(QStringLiteral("fast"));
}

void PostgresServer::shutdown(const QString &mode)
{
    if (!m_running)
        return;
    runTool(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), mode, QStringLiteral("-w"),
             QStringLiteral("stop")});
    m_running = false;
}
