#include "tooldatabase.h"

#include "cluster.h"
#include "database.h"

namespace SignalGate::Server {

bool openToolDatabase(const ServerConfig &config, Database &database, QString *error)
{
    QByteArray password;
    if (!config.databasePasswordFile.isEmpty()) {
        const auto read =
                Cluster::readPassword(config.databasePasswordFile, QStringLiteral("--database-password-file"), error);
        if (!read)
            return false;
        password = *read;
    }
    if (!database.open(config.databasePath(), error, Database::ToolBusyTimeoutMs, password)) {
        *error += config.databaseUrl.isEmpty() ? QStringLiteral("; check --data-dir")
                                               : QStringLiteral("; check --database and that PostgreSQL runs");
        return false;
    }
    return true;
}

}   // namespace SignalGate::Server
