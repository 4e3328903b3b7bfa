#include "userstore.h"

#include "database.h"
#include "passwordhasher.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace SignalGate::Server {

namespace {

constexpr int MaxNameLength = 64;

QString causeOf(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.driverText().trimmed() : text;
}

// RFC 6749 section 3.3 scope-token characters: printable ASCII except space, '"' and '\'.
bool isScopeChar(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

// Normalises runs of spaces to one, so "admin  signals:publish" and
// "admin signals:publish" are stored the same; rejects what a token could not carry.
std::optional<QString> normalizedScope(const QString &scope)
{
    const QStringList items = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        for (QChar c : item) {
            if (!isScopeChar(c))
                return std::nullopt;
        }
    }
    const QString joined = items.join(QLatin1Char(' '));
    // Qt SQL binds a null QString as NULL, which the NOT NULL column refuses.
    return joined.isNull() ? QStringLiteral("") : joined;
}

// The rejected name itself is left out: it may hold control characters that
// would end up in a log line.
QString invalidNameMessage()
{
    return QStringLiteral("invalid user name: use 1 to 64 characters of A-Z a-z 0-9 . _ @ -");
}

}   // namespace

UserStore::UserStore(Database &database) : m_database(database) {}

bool UserStore::isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > MaxNameLength)
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.'
                || u == '_' || u == '@' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool UserStore::addUser(const QString &name, QByteArrayView password, const QString &scope, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };

    if (!isValidName(name))
        return fail(invalidNameMessage());
    if (password.isEmpty())
        return fail(QStringLiteral("cannot add user %1: the password is empty").arg(name));
    const std::optional<QString> cleanScope = normalizedScope(scope);
    if (!cleanScope)
        return fail(QStringLiteral("cannot add user %1: the scope contains a character a scope cannot hold").arg(name));

    // Checked before hashing so a duplicate costs no PBKDF2 time; the insert
    // below still guards against a concurrent add.
    if (find(name))
        return fail(QStringLiteral("user %1 already exists in %2").arg(name, m_database.path()));

    const QByteArray hash = PasswordHasher::hash(password);
    if (hash.isEmpty())
        return fail(QStringLiteral("cannot add user %1: hashing the password failed").arg(name));

    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("INSERT INTO users (name, password_hash, scope, created_at)"
                                 " VALUES (:name, :hash, :scope, :created)"
                                 " ON CONFLICT(name) DO NOTHING"));
    query.bindValue(QStringLiteral(":name"), name);
    // Bound as text, not QByteArray, so the column holds TEXT rather than a BLOB.
    query.bindValue(QStringLiteral(":hash"), QString::fromLatin1(hash));
    query.bindValue(QStringLiteral(":scope"), *cleanScope);
    query.bindValue(QStringLiteral(":created"), QDateTime::currentSecsSinceEpoch());
    if (!query.exec())
        return fail(QStringLiteral("cannot add user %1 to %2: %3")
                            .arg(name, m_database.path(), causeOf(query.lastError())));
    if (query.numRowsAffected() != 1)
        return fail(QStringLiteral("user %1 already exists in %2").arg(name, m_database.path()));
    return true;
}

bool UserStore::ensureUser(const QString &name, QByteArrayView password, const QString &scope, QString *error)
{
    if (!isValidName(name)) {
        // addUser words the message.
        return addUser(name, password, scope, error);
    }
    // An existing user is left as it is: ensureUser must never reset a password
    // someone changed after the first start.
    if (find(name))
        return true;
    if (addUser(name, password, scope, error))
        return true;
    // Lost a race with a concurrent add: the user exists, which is all we promise.
    return find(name).has_value();
}

bool UserStore::removeUser(const QString &name, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!isValidName(name))
        return fail(invalidNameMessage());

    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("DELETE FROM users WHERE name = :name"));
    query.bindValue(QStringLiteral(":name"), name);
    if (!query.exec())
        return fail(QStringLiteral("cannot remove user %1 from %2: %3")
                            .arg(name, m_database.path(), causeOf(query.lastError())));
    if (query.numRowsAffected() < 1)
        return fail(QStringLiteral("no user named %1 in %2").arg(name, m_database.path()));
    return true;
}

std::optional<UserRecord> UserStore::find(const QString &name, bool *failed) const
{
    if (failed)
        *failed = false;
    if (!isValidName(name))
        return std::nullopt;

    QSqlQuery query(m_database.handle());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT name, password_hash, scope FROM users WHERE name = :name"));
    query.bindValue(QStringLiteral(":name"), name);
    if (!query.exec()) {
        if (failed)
            *failed = true;
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;

    UserRecord record;
    record.name = query.value(0).toString();
    record.passwordHash = query.value(1).toString().toLatin1();
    record.scope = query.value(2).toString();
    return record;
}

}   // namespace SignalGate::Server
