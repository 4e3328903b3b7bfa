#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SignalGate::Server {

class Database;

struct UserRecord
{
    QString name;
    QByteArray passwordHash;   // PasswordHasher encoding
    QString scope;             // space separated
};

class UserStore
{
public:
    explicit UserStore(Database &database);

    // A user name is 1..64 characters of [A-Za-z0-9._@-]. Fails (false + *error)
    // for an invalid name, an empty password or an existing user.
    bool addUser(const QString &name, QByteArrayView password, const QString &scope, QString *error);
    // Adds the user only if absent; true when it exists afterwards.
    bool ensureUser(const QString &name, QByteArrayView password, const QString &scope, QString *error);
    // False with *error when no such user.
    bool removeUser(const QString &name, QString *error);
    // nullopt for no such user, and for a database that did not answer: then
    // *failed (when given) is set, so a login says "try again", not "wrong password".
    std::optional<UserRecord> find(const QString &name, bool *failed = nullptr) const;

    static bool isValidName(const QString &name);

private:
    Database &m_database;
};

}   // namespace SignalGate::Server
