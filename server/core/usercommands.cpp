#include "usercommands.h"

#include "database.h"
#include "datadir.h"
#include "refreshstore.h"
#include "revocationlist.h"
#include "userstore.h"

#include <QDateTime>

namespace SignalGate::Server {

namespace {

bool openDatabase(const ServerConfig &config, Database &database, QTextStream &err)
{
    QString error;
    if (!DataDir::prepare(config.dataDir, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return false;
    }
    if (!database.open(config.databasePath(), &error)) {
        err << "signalgate-server: error: " << error << "; check --data-dir\n";
        return false;
    }
    return true;
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
    if (!revocations.revokeSubject(config.userName, QDateTime::currentSecsSinceEpoch())) {
        err << "signalgate-server: error: cannot revoke the sessions of " << config.userName << " in "
            << database.path() << "; nothing was deleted, try again\n";
        return 2;
    }
    if (!users.removeUser(config.userName, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return 2;
    }
    out << "deleted user " << config.userName << '\n';
    return 0;
}

}   // namespace SignalGate::Server
