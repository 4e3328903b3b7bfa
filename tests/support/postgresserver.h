#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// A real PostgreSQL (Debian's postgresql package) in a temp dir, on a free
// port of 127.0.0.1, with one database "signalgate" owned by the trusted
// user "signalgate". PostgreSQL refuses to run as root, so as root the
// cluster belongs to the package's postgres user and its tools run through
// runuser; as anyone else they run as that user.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();

    // initdb (once), start, createdb (once). On failure error() says what
    // went wrong, with PostgreSQL's own words, and what to install.
    bool start();
    // Immediate shutdown, as in a crash; start() again restarts the same cluster.
    void kill();
    void stop();

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("postgresql://signalgate@127.0.0.1:%1/signalgate").arg(m_port); }
    QString error() const { return m_error; }

private:
    // Runs one of PostgreSQL's tools as the cluster's owner; false with
    // error() set when it fails.
    bool runTool(const QString &tool, const QStringList &arguments, bool asOwner = true);
    // pg_ctl stop -m mode ("fast" or "immediate").
    void shutdown(const QString &mode);
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    QTemporaryDir m_dir;
    QString m_binDir;
    quint16 m_port = 0;
    bool m_initialized = false;
    bool m_running = false;
    QString m_error;
};
