#include "usercommands.h"

#include "cluster.h"
#include "database.h"
#include "datadir.h"
#include "refreshstore.h"
#include "revocationfeed.h"
#include "revocationlist.h"
#include "tooldatabase.h"
#include "userstore.h"

#include <QDateTime>
#include <QEventLoop>
#include <QTimer>

namespace SignalGate::Server {

namespace {

bool openDatabase(const ServerConfig &config, Database &database, QTextStream &err)
{
    QString error;
    if (!DataDir::prepare(config.dataDir, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return false;
    }
    if (!openToolDatabase(config, database, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return false;
    }
    return true;
}

// With --broker the running nodes close the user's connections now, as for
// an admin revoke; without it they learn at their next start.
int closeOnRunningNodes(const ServerConfig &config, qint64 revokedAt, QTextStream &err)
{
    QString error;
    const std::optional<RedisLinkSettings> settings = Cluster::linkSettings(config, &error);
    RedisLink link(settings.value_or(RedisLinkSettings()));
    QEventLoop loop;
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    QObject::connect(&link, &RedisLink::ready, &loop, &QEventLoop::quit);
    bool told = false;
    if (settings) {
        link.open();
        loop.exec();
        if (link.isReady()) {
            RevocationFeed::announceSubjectOnce(link, config.userName, revokedAt,
                                                config.accessTtlSeconds + config.leewaySeconds,
                                                [&](const RedisReply &reply) {
                                                    told = !reply.isError();
                                                    error = QString::fromUtf8(reply.text);
                                                    loop.quit();
                                                });
            loop.exec();
        } else {
            error = link.problem();
        }
    }
    if (told)
        return 0;
    err << "signalgate-server: warning: the user is deleted, but the running nodes were not told (" << error
        << "); their open connections of " << config.userName
        << " last until their tokens expire; when Redis is back, revoke them with POST /admin/revoke "
           "{\"sub\":\"NAME\"} on any node\n";
    return 1;
}

}   // namespace

int UserCommands::add(const ServerConfig &config, QIODevice &passwordInput, QTextStream &out, QTextStream &err)
{
    QByteArray password = passwordInput.readAll();
    // Only the line end that `echo` or a terminal adds; every other byte is the password.
    if (password.endsWith('\n'))
        password.chop(1);
    if (password.endsWith('\r'))
        password.chop(1);
    if (password.isEmpty()) {
        err << "signalgate-server: error: empty password on standard input; pipe it in, e.g. printf %s \"$PW\" | "
               "signalgate-server user add NAME --password-stdin\n";
        return 2;
    }
    Database database;
    if (!openDatabase(config, database, err))
        return 2;
    UserStore users(database);
    QString error;
    if (!users.addUser(config.userName, password, config.userScope, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return 2;
    }
    out << "added user " << config.userName;
    if (!config.userScope.isEmpty())
        out << " with scope \"" << config.userScope << '"';
    out << '\n';
    return 0;
}

int UserCommands::remove(const ServerConfig &config, QTextStream &out, QTextStream &err)
{
    Database database;
    if (!openDatabase(config, database, err))
        return 2;
    UserStore users(database);
    QString error;
    if (!users.find(config.userName)) {
        err << "signalgate-server: error: no user named " << config.userName << " in " << database.path() << '\n';
        return 2;
    }
    // Sessions first: a user added again under this name must not inherit
    // the old one's refresh tokens (PROTOCOL.md section 10.5). Should the
    // delete then fail, the sessions are ended anyway, which is the safe side.
    RefreshStore refreshTokens(database, config.refreshTtlSeconds, config.refreshMaxAgeSeconds, 0);
    RevocationList revocations(database, refreshTokens);
    const qint64 revokedAt = QDateTime::currentSecsSinceEpoch();
    if (!revocations.revokeSubject(config.userName, revokedAt)) {
        err << "signalgate-server: error: cannot revoke the sessions of " << config.userName << " in "
            << database.path() << "; nothing was deleted, try again\n";
        return 2;
    }
    if (!users.removeUser(config.userName, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return 2;
    }
    out << "deleted user " << config.userName << '\n';
    return config.hasBroker() ? closeOnRunningNodes(config, revokedAt, err) : 0;
}

}   // namespace SignalGate::Server
