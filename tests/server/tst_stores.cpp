#include "base64url.h"
#include "database.h"
#include "passwordhasher.h"
#include "refreshstore.h"
#include "userstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>

#include <memory>

using namespace SignalGate::Protocol;
using namespace SignalGate::Server;

namespace {

constexpr int FastIterations = 100000;

// An encoding built independently of PasswordHasher, so the tampering tests
// can feed verify() hashes that are cryptographically correct but violate the
// format rules: verify() must refuse them for the rule, not for a mismatch.
QByteArray encodeRaw(const QByteArray &password, int iterations, const QByteArray &salt, int hashBytes = 32)
{
    QByteArray derived(hashBytes, '\0');
    const int ok = PKCS5_PBKDF2_HMAC(
            password.constData(), int(password.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
            int(salt.size()), iterations, EVP_sha256(), hashBytes, reinterpret_cast<unsigned char *>(derived.data()));
    Q_ASSERT(ok == 1);
    return "pbkdf2-sha256$" + QByteArray::number(iterations) + '$' + Base64Url::encode(salt) + '$'
            + Base64Url::encode(derived);
}

QByteArray sha256(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.constData(), size_t(data.size()), digest, &length, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The database plus its write-ahead log: fresh rows live in the -wal file
// until a checkpoint, so a search of the main file alone would prove nothing.
QByteArray databaseBytes(const QString &path)
{
    return fileBytes(path) + fileBytes(path + QStringLiteral("-wal"));
}

QVariant scalar(Database &db, const QString &sql, const QVariant &bound = {})
{
    QSqlQuery query(db.handle());
    if (!query.prepare(sql))
        return {};
    if (bound.isValid())
        query.addBindValue(bound);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

}   // namespace

class TestStores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    // PasswordHasher
    void hashRoundTrip();
    void hashDefaultIterations();
    void wrongPasswordFails();
    void tamperedEncodingFails_data();
    void tamperedEncodingFails();
    void outOfRangeIterationsNotHashed();
    void saltMakesHashesDiffer();
    void dummyHashNeverVerifies();

    // Database
    void openInMissingDirectoryFails();
    void openNonDatabaseFileFailsAndKeepsIt();
    void openNewerSchemaFails();
    void schemaAndPragmas();
    void newFileIsOwnerOnly();
    void foreignKeysEnforced();
    void instancesUseOwnConnections();
    void reopenKeepsData();

    // UserStore
    void addAndFindUser();
    void duplicateUserFails();
    void invalidNamesRejected_data();
    void invalidNamesRejected();
    void emptyPasswordRejected();
    void badScopeRejected();
    void removeUser();
    void removeUnknownUserFails();
    void ensureUserIsIdempotent();

    // RefreshStore
    void rotateIssuesNewToken();
    void reuseRevokesFamily();
    void expiredTokenAnswersExpired();
    void garbageAnswersUnknown_data();
    void garbageAnswersUnknown();
    void clearTokenNeverStored();
    void revokeFamily();
    void refreshPersistsAcrossReopen();
    void rotationSeenAcrossConnections();
    void purgeKeepsReuseDetection();

private:
    QString dbPath(const QString &name = QStringLiteral("signalgate.db")) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStores::init()
{
    // A fresh directory per test function: no test sees another's rows.
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// ---- PasswordHasher -------------------------------------------------------

void TestStores::hashRoundTrip()
{
    const QByteArray encoded = PasswordHasher::hash("correct horse", FastIterations);
    const QList<QByteArray> parts = encoded.split('$');
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(0), QByteArray("pbkdf2-sha256"));
    QCOMPARE(parts.at(1), QByteArray("100000"));
    QCOMPARE(Base64Url::decode(parts.at(2)).value_or(QByteArray()).size(), 16);
    QCOMPARE(Base64Url::decode(parts.at(3)).value_or(QByteArray()).size(), 32);
    QVERIFY(PasswordHasher::verify("correct horse", encoded));
}

void TestStores::hashDefaultIterations()
{
    const QByteArray encoded = PasswordHasher::hash("s3cret");
    QVERIFY2(encoded.startsWith("pbkdf2-sha256$600000$"), encoded.constData());
    QVERIFY(PasswordHasher::verify("s3cret", encoded));
    QVERIFY(!PasswordHasher::verify("s3creT", encoded));
}

void TestStores::wrongPasswordFails()
{
    const QByteArray encoded = PasswordHasher::hash("password", FastIterations);
    QVERIFY(PasswordHasher::verify("password", encoded));
    QVERIFY(!PasswordHasher::verify("Password", encoded));
    QVERIFY(!PasswordHasher::verify("password ", encoded));
    QVERIFY(!PasswordHasher::verify("", encoded));
}

void TestStores::tamperedEncodingFails_data()
{
    QTest::addColumn<QByteArray>("encoded");

    const QByteArray password = "pw";
    const QByteArray salt = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
    const QByteArray good = encodeRaw(password, FastIterations, salt);
    const QList<QByteArray> p = good.split('$');
    const auto join = [](const QList<QByteArray> &parts) { return parts.join('$'); };

    QTest::newRow("bad prefix") << join({"pbkdf2-sha1", p[1], p[2], p[3]});
    QTest::newRow("upper-case prefix") << join({"PBKDF2-SHA256", p[1], p[2], p[3]});
    QTest::newRow("low iterations, genuine hash") << encodeRaw(password, 1000, salt);
    QTest::newRow("99999 iterations, genuine hash") << encodeRaw(password, 99999, salt);
    QTest::newRow("huge iterations") << join({p[0], "2000000000", p[2], p[3]});
    QTest::newRow("10000001 iterations") << join({p[0], "10000001", p[2], p[3]});
    QTest::newRow("leading zero") << join({p[0], "0100000", p[2], p[3]});
    QTest::newRow("plus sign") << join({p[0], "+100000", p[2], p[3]});
    QTest::newRow("blank in iterations") << join({p[0], " 100000", p[2], p[3]});
    QTest::newRow("truncated salt, genuine hash") << encodeRaw(password, FastIterations, salt.left(15));
    QTest::newRow("long salt, genuine hash") << encodeRaw(password, FastIterations, salt + 'x');
    QTest::newRow("short hash, genuine") << encodeRaw(password, FastIterations, salt, 31);
    QTest::newRow("truncated hash text") << good.chopped(2);
    QTest::newRow("padded salt") << join({p[0], p[1], p[2] + "==", p[3]});
    QTest::newRow("extra field") << good + "$x";
    QTest::newRow("missing field") << join({p[0], p[1], p[3]});
    QTest::newRow("trailing newline") << good + '\n';
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("plain password") << password;
}

void TestStores::tamperedEncodingFails()
{
    QFETCH(QByteArray, encoded);
    // The control: the same construction with valid parameters verifies, so a
    // false below is the format check at work.
    const QByteArray salt = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
    QVERIFY(PasswordHasher::verify("pw", encodeRaw("pw", FastIterations, salt)));
    QVERIFY(!PasswordHasher::verify("pw", encoded));
}

void TestStores::outOfRangeIterationsNotHashed()
{
    QVERIFY(PasswordHasher::hash("pw", 1000).isEmpty());
    QVERIFY(PasswordHasher::hash("pw", 10000001).isEmpty());
}

void TestStores::saltMakesHashesDiffer()
{
    const QByteArray a = PasswordHasher::hash("same", FastIterations);
    const QByteArray b = PasswordHasher::hash("same", FastIterations);
    QVERIFY(a != b);
    QVERIFY(a.split('$').at(2) != b.split('$').at(2));
    QVERIFY(PasswordHasher::verify("same", a));
    QVERIFY(PasswordHasher::verify("same", b));
}

void TestStores::dummyHashNeverVerifies()
{
    const QByteArray dummy = PasswordHasher::dummyHash();
    // Well formed with the default cost, or it would not take a real hash's time.
    QVERIFY2(dummy.startsWith("pbkdf2-sha256$600000$"), dummy.constData());
    QCOMPARE(dummy.split('$').size(), 4);
    QCOMPARE(PasswordHasher::dummyHash(), dummy);
    for (const QByteArray &guess : {QByteArray(), QByteArray("demo"), QByteArray("admin"), dummy})
        QVERIFY2(!PasswordHasher::verify(guess, dummy), guess.constData());
}

// ---- Database -------------------------------------------------------------

void TestStores::openInMissingDirectoryFails()
{
    const QString missingDir = m_dir->filePath(QStringLiteral("no/such/dir"));
    const QString path = missingDir + QStringLiteral("/signalgate.db");
    Database db;
    QString error;
    QVERIFY(!db.open(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot open database ")), qPrintable(error));
    QVERIFY(!db.handle().isOpen());
    // Creating the data directory is the caller's job.
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("no"))));
}

void TestStores::openNonDatabaseFileFailsAndKeepsIt()
{
    const QString path = dbPath();
    const QByteArray content = QByteArray("this is not an SQLite database\n").repeated(200);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    Database db;
    QString error;
    QVERIFY(!db.open(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
    // Someone else's file: never deleted or rewritten.
    QCOMPARE(fileBytes(path), content);
}

void TestStores::openNewerSchemaFails()
{
    const QString path = dbPath();
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QSqlQuery query(db.handle());
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    Database db;
    QString error;
    QVERIFY(!db.open(path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("99")), qPrintable(error));
    QVERIFY(QFileInfo::exists(path));
}

void TestStores::schemaAndPragmas()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(db.path(), dbPath());
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 4);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QVERIFY(scalar(db, QStringLiteral("PRAGMA busy_timeout")).toInt() > 0);
    const QStringList tables = db.handle().tables();
    for (const char *table :
         {"users", "refresh_families", "refresh_tokens", "revoked_tokens", "revoked_subjects", "server_state"})
        QVERIFY2(tables.contains(QLatin1String(table)), table);
}

void TestStores::newFileIsOwnerOnly()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    const QFileDevice::Permissions perms = QFileInfo(dbPath()).permissions();
    const QFileDevice::Permissions others =
            QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
    QVERIFY(!(perms & others));
}

void TestStores::foreignKeysEnforced()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    QSqlQuery query(db.handle());
    query.prepare(QStringLiteral(
            "INSERT INTO refresh_tokens (token_hash, family, expires_at) VALUES (:h, 'nosuchfamily', 1)"));
    query.bindValue(QStringLiteral(":h"), QByteArray(32, 'x'));
    QVERIFY(!query.exec());
}

void TestStores::instancesUseOwnConnections()
{
    QString name1;
    {
        Database db1;
        Database db2;
        QString error;
        QVERIFY2(db1.open(dbPath(QStringLiteral("a.db")), &error), qPrintable(error));
        QVERIFY2(db2.open(dbPath(QStringLiteral("b.db")), &error), qPrintable(error));
        name1 = db1.handle().connectionName();
        QVERIFY(!name1.isEmpty());
        QVERIFY(name1 != db2.handle().connectionName());

        UserStore users1(db1);
        UserStore users2(db2);
        QVERIFY2(users1.addUser(QStringLiteral("only.in.a"), "pw", QString(), &error), qPrintable(error));
        QVERIFY(users1.find(QStringLiteral("only.in.a")));
        QVERIFY(!users2.find(QStringLiteral("only.in.a")));
    }
    // The destructor hands the connection name back.
    QVERIFY(!QSqlDatabase::contains(name1));
}

void TestStores::reopenKeepsData()
{
    const QString path = dbPath();
    QString family;
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        UserStore users(db);
        QVERIFY2(users.addUser(QStringLiteral("alice"), "wonderland", QStringLiteral("admin"), &error),
                 qPrintable(error));
        RefreshStore refresh(db, 3600);
        family = refresh.startFamily(QStringLiteral("alice"), 1000).family;
        QVERIFY(!family.isEmpty());
        QVERIFY(refresh.revokeFamily(family, 1001));
    }
    Database db;
    QString error;
    QVERIFY2(db.open(path, &error), qPrintable(error));
    const std::optional<UserRecord> alice = UserStore(db).find(QStringLiteral("alice"));
    QVERIFY(alice);
    QCOMPARE(alice->scope, QStringLiteral("admin"));
    QVERIFY(PasswordHasher::verify("wonderland", alice->passwordHash));
    QVERIFY(RefreshStore(db, 3600).isFamilyRevoked(family));
}

// ---- UserStore ------------------------------------------------------------

void TestStores::addAndFindUser()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY(!users.find(QStringLiteral("bob")));
    QVERIFY2(users.addUser(QStringLiteral("bob"), "builder", QStringLiteral("signals:publish  admin"), &error),
             qPrintable(error));
    const std::optional<UserRecord> bob = users.find(QStringLiteral("bob"));
    QVERIFY(bob);
    QCOMPARE(bob->name, QStringLiteral("bob"));
    QCOMPARE(bob->scope, QStringLiteral("signals:publish admin"));
    QVERIFY(bob->passwordHash.startsWith("pbkdf2-sha256$600000$"));
    QVERIFY(PasswordHasher::verify("builder", bob->passwordHash));
    QVERIFY(!PasswordHasher::verify("Builder", bob->passwordHash));
    // Names are exact: another spelling is another (absent) user.
    QVERIFY(!users.find(QStringLiteral("Bob")));
    // Stored as text, as the schema says.
    QCOMPARE(scalar(db, QStringLiteral("SELECT typeof(password_hash) FROM users")).toString(), QStringLiteral("text"));
}

void TestStores::duplicateUserFails()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY2(users.addUser(QStringLiteral("carol"), "first", QString(), &error), qPrintable(error));
    error.clear();
    QVERIFY(!users.addUser(QStringLiteral("carol"), "second", QStringLiteral("admin"), &error));
    QVERIFY2(error.contains(QStringLiteral("carol")) && error.contains(QStringLiteral("exists")), qPrintable(error));
    const std::optional<UserRecord> carol = users.find(QStringLiteral("carol"));
    QVERIFY(carol);
    QVERIFY(PasswordHasher::verify("first", carol->passwordHash));
    QCOMPARE(carol->scope, QString());
}

void TestStores::invalidNamesRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("65 chars") << QString(65, QLatin1Char('a'));
    QTest::newRow("space") << QStringLiteral("a b");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("colon") << QStringLiteral("a:b");
    QTest::newRow("quote") << QStringLiteral("a'b");
    QTest::newRow("newline") << QStringLiteral("a\nb");
    QTest::newRow("nul") << QString(QStringLiteral("ab")).insert(1, QChar(0));
    QTest::newRow("non-ascii letter") << QStringLiteral("j\u00f6rg");
    QTest::newRow("fullwidth a") << QStringLiteral("\uff41dmin");
}

void TestStores::invalidNamesRejected()
{
    QFETCH(QString, name);
    QVERIFY(!UserStore::isValidName(name));
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY(!users.addUser(name, "pw", QString(), &error));
    QVERIFY2(error.contains(QStringLiteral("invalid user name")), qPrintable(error));
    QVERIFY(!users.find(name));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM users")).toInt(), 0);
}

void TestStores::emptyPasswordRejected()
{
    // The valid-name control sits next to the invalid cases above.
    QVERIFY(UserStore::isValidName(QString(64, QLatin1Char('z'))));
    QVERIFY(UserStore::isValidName(QStringLiteral("A-z_0.9@x")));
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY(!users.addUser(QStringLiteral("dave"), "", QString(), &error));
    QVERIFY2(error.contains(QStringLiteral("password")), qPrintable(error));
    QVERIFY(!users.find(QStringLiteral("dave")));
}

void TestStores::badScopeRejected()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY(!users.addUser(QStringLiteral("eve"), "pw", QStringLiteral("admin\"x"), &error));
    QVERIFY(!users.addUser(QStringLiteral("eve"), "pw", QStringLiteral("admin\nroot"), &error));
    QVERIFY2(error.contains(QStringLiteral("scope")), qPrintable(error));
    QVERIFY(!users.find(QStringLiteral("eve")));
}

void TestStores::removeUser()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY2(users.addUser(QStringLiteral("frank"), "pw", QString(), &error), qPrintable(error));
    QVERIFY2(users.addUser(QStringLiteral("grace"), "pw", QString(), &error), qPrintable(error));
    QVERIFY2(users.removeUser(QStringLiteral("frank"), &error), qPrintable(error));
    QVERIFY(!users.find(QStringLiteral("frank")));
    QVERIFY(users.find(QStringLiteral("grace")));
}

void TestStores::removeUnknownUserFails()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY(!users.removeUser(QStringLiteral("nobody"), &error));
    QVERIFY2(error.contains(QStringLiteral("nobody")), qPrintable(error));
    error.clear();
    QVERIFY(!users.removeUser(QStringLiteral("bad name"), &error));
    QVERIFY(!error.isEmpty());
}

void TestStores::ensureUserIsIdempotent()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    UserStore users(db);
    QVERIFY2(users.ensureUser(QStringLiteral("demo"), "demo", QString(), &error), qPrintable(error));
    const QByteArray firstHash = users.find(QStringLiteral("demo"))->passwordHash;
    // A second call neither fails nor resets the stored password or scope.
    QVERIFY2(users.ensureUser(QStringLiteral("demo"), "other", QStringLiteral("admin"), &error), qPrintable(error));
    const std::optional<UserRecord> demo = users.find(QStringLiteral("demo"));
    QVERIFY(demo);
    QCOMPARE(demo->passwordHash, firstHash);
    QCOMPARE(demo->scope, QString());
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM users")).toInt(), 1);
    QVERIFY(!users.ensureUser(QStringLiteral("bad name"), "pw", QString(), &error));
}

// ---- RefreshStore ---------------------------------------------------------

void TestStores::rotateIssuesNewToken()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    RefreshStore store(db, 3600);
    QCOMPARE(store.ttl(), 3600);

    const RefreshStore::Issued first = store.startFamily(QStringLiteral("alice"), 1000);
    QCOMPARE(first.token.size(), 43);
    QCOMPARE(Base64Url::decode(first.token).value_or(QByteArray()).size(), 32);
    QVERIFY(!first.family.isEmpty());
    QCOMPARE(first.expiresAt, 4600);
    QVERIFY(!store.isFamilyRevoked(first.family));

    const RefreshStore::Rotation rotation = store.rotate(first.token, 2000);
    QCOMPARE(rotation.outcome, RefreshStore::Outcome::Rotated);
    QCOMPARE(rotation.subject, QStringLiteral("alice"));
    QCOMPARE(rotation.family, first.family);
    QCOMPARE(rotation.next.family, first.family);
    QCOMPARE(rotation.next.token.size(), 43);
    QVERIFY(rotation.next.token != first.token);
    QCOMPARE(rotation.next.expiresAt, 5600);

    // The successor rotates in turn.
    const RefreshStore::Rotation again = store.rotate(rotation.next.token, 2001);
    QCOMPARE(again.outcome, RefreshStore::Outcome::Rotated);

    // Each login is its own family.
    const RefreshStore::Issued other = store.startFamily(QStringLiteral("alice"), 1000);
    QVERIFY(other.family != first.family);
    QVERIFY(other.token != first.token);
}

void TestStores::reuseRevokesFamily()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    RefreshStore store(db, 3600);
    const RefreshStore::Issued first = store.startFamily(QStringLiteral("alice"), 1000);
    const RefreshStore::Issued bystander = store.startFamily(QStringLiteral("alice"), 1000);
    const RefreshStore::Rotation rotation = store.rotate(first.token, 1100);
    QCOMPARE(rotation.outcome, RefreshStore::Outcome::Rotated);

    const RefreshStore::Rotation replay = store.rotate(first.token, 1200);
    QCOMPARE(replay.outcome, RefreshStore::Outcome::Reused);
    QCOMPARE(replay.subject, QStringLiteral("alice"));
    QCOMPARE(replay.family, first.family);
    QVERIFY(replay.next.token.isEmpty());
    QVERIFY(store.isFamilyRevoked(first.family));

    // The legitimate holder of the successor is cut off too.
    const RefreshStore::Rotation successor = store.rotate(rotation.next.token, 1300);
    QCOMPARE(successor.outcome, RefreshStore::Outcome::FamilyRevoked);
    QCOMPARE(successor.subject, QStringLiteral("alice"));
    QCOMPARE(successor.family, first.family);
    QVERIFY(successor.next.token.isEmpty());

    // Another login of the same user is untouched.
    QVERIFY(!store.isFamilyRevoked(bystander.family));
    QCOMPARE(store.rotate(bystander.token, 1300).outcome, RefreshStore::Outcome::Rotated);
}

void TestStores::expiredTokenAnswersExpired()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    RefreshStore store(db, 3600);
    const RefreshStore::Issued a = store.startFamily(QStringLiteral("alice"), 1000);
    const RefreshStore::Issued b = store.startFamily(QStringLiteral("alice"), 1000);

    const RefreshStore::Rotation late = store.rotate(a.token, 1000 + 3600);
    QCOMPARE(late.outcome, RefreshStore::Outcome::Expired);
    QCOMPARE(late.subject, QStringLiteral("alice"));
    QVERIFY(late.next.token.isEmpty());
    QCOMPARE(store.rotate(a.token, 1000 + 7200).outcome, RefreshStore::Outcome::Expired);
    // An expired token is not spent and does not revoke anything.
    QVERIFY(!store.isFamilyRevoked(a.family));

    // One second earlier it still rotates.
    QCOMPARE(store.rotate(b.token, 1000 + 3599).outcome, RefreshStore::Outcome::Rotated);
}

void TestStores::garbageAnswersUnknown_data()
{
    QTest::addColumn<QByteArray>("presented");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short") << QByteArray("abc");
    QTest::newRow("43 random-looking but never issued") << Base64Url::encode(QByteArray(32, '\x42'));
    QTest::newRow("43 chars with a dot") << QByteArray(42, 'A') + '.';
    QTest::newRow("44 chars") << QByteArray(44, 'A');
    QTest::newRow("padded") << Base64Url::encode(QByteArray(32, '\x42')) + '=';
    QTest::newRow("standard base64 alphabet") << QByteArray(42, 'A') + '+';
    QTest::newRow("sql") << QByteArray("' OR 1=1 --");
    QTest::newRow("huge") << QByteArray(1 << 20, 'A');
}

void TestStores::garbageAnswersUnknown()
{
    QFETCH(QByteArray, presented);
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    RefreshStore store(db, 3600);
    const RefreshStore::Issued issued = store.startFamily(QStringLiteral("alice"), 1000);
    const RefreshStore::Rotation rotation = store.rotate(presented, 1100);
    QCOMPARE(rotation.outcome, RefreshStore::Outcome::Unknown);
    QVERIFY(rotation.subject.isEmpty());
    QVERIFY(rotation.family.isEmpty());
    QVERIFY(rotation.next.token.isEmpty());
    // Garbage spends and revokes nothing.
    QVERIFY(!store.isFamilyRevoked(issued.family));
    QCOMPARE(store.rotate(issued.token, 1100).outcome, RefreshStore::Outcome::Rotated);
}

void TestStores::clearTokenNeverStored()
{
    const QString path = dbPath();
    QByteArrayList tokens;
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        RefreshStore store(db, 3600);
        const RefreshStore::Issued issued = store.startFamily(QStringLiteral("alice"), 1000);
        const RefreshStore::Rotation rotation = store.rotate(issued.token, 1100);
        QCOMPARE(rotation.outcome, RefreshStore::Outcome::Rotated);
        tokens = {issued.token, rotation.next.token};

        const QByteArray bytes = databaseBytes(path);
        // Control: the search can see what is stored (the digest and the family).
        QVERIFY(bytes.contains(sha256(issued.token)));
        QVERIFY(bytes.contains(issued.family.toLatin1()));
        for (const QByteArray &token : tokens)
            QVERIFY2(!bytes.contains(token), "clear refresh token found in the database files");
    }
    // Closed: the log is checkpointed into the main file; look once more.
    const QByteArray bytes = databaseBytes(path);
    QVERIFY(bytes.contains(sha256(tokens.at(1))));
    for (const QByteArray &token : tokens)
        QVERIFY2(!bytes.contains(token), "clear refresh token found in the database file");
}

void TestStores::revokeFamily()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    RefreshStore store(db, 3600);
    const RefreshStore::Issued a = store.startFamily(QStringLiteral("alice"), 1000);
    const RefreshStore::Issued b = store.startFamily(QStringLiteral("bob"), 1000);

    QVERIFY(store.revokeFamily(a.family, 1500));
    QVERIFY(store.isFamilyRevoked(a.family));
    QVERIFY(!store.isFamilyRevoked(b.family));
    // Revoking twice is fine and keeps the first time.
    QVERIFY(store.revokeFamily(a.family, 1600));
    QCOMPARE(scalar(db, QStringLiteral("SELECT revoked_at FROM refresh_families WHERE family = ?"), a.family)
                     .toLongLong(),
             1500);

    const RefreshStore::Rotation rotation = store.rotate(a.token, 1700);
    QCOMPARE(rotation.outcome, RefreshStore::Outcome::FamilyRevoked);
    QCOMPARE(rotation.subject, QStringLiteral("alice"));
    QCOMPARE(store.rotate(b.token, 1700).outcome, RefreshStore::Outcome::Rotated);

    QVERIFY(!store.revokeFamily(QStringLiteral("no-such-family"), 1700));
    QVERIFY(!store.revokeFamily(QString(), 1700));
    // Fail closed for a family that is not stored; an empty one is "no family".
    QVERIFY(store.isFamilyRevoked(QStringLiteral("no-such-family")));
    QVERIFY(!store.isFamilyRevoked(QString()));
}

void TestStores::refreshPersistsAcrossReopen()
{
    const QString path = dbPath();
    RefreshStore::Issued live;
    RefreshStore::Issued revoked;
    QByteArray spent;
    {
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        RefreshStore store(db, 3600);
        const RefreshStore::Issued first = store.startFamily(QStringLiteral("alice"), 1000);
        const RefreshStore::Rotation rotation = store.rotate(first.token, 1100);
        QCOMPARE(rotation.outcome, RefreshStore::Outcome::Rotated);
        spent = first.token;
        live = rotation.next;
        revoked = store.startFamily(QStringLiteral("bob"), 1000);
        QVERIFY(store.revokeFamily(revoked.family, 1200));
    }
    Database db;
    QString error;
    QVERIFY2(db.open(path, &error), qPrintable(error));
    RefreshStore store(db, 3600);
    QVERIFY(store.isFamilyRevoked(revoked.family));
    QVERIFY(!store.isFamilyRevoked(live.family));
    QCOMPARE(store.rotate(revoked.token, 1300).outcome, RefreshStore::Outcome::FamilyRevoked);
    const RefreshStore::Rotation rotation = store.rotate(live.token, 1300);
    QCOMPARE(rotation.outcome, RefreshStore::Outcome::Rotated);
    QCOMPARE(rotation.subject, QStringLiteral("alice"));
    // The spent mark survived too.
    QCOMPARE(store.rotate(spent, 1400).outcome, RefreshStore::Outcome::Reused);
    QVERIFY(store.isFamilyRevoked(live.family));
}

void TestStores::rotationSeenAcrossConnections()
{
    // Two servers (or a server and a `user` subcommand) on one file: a token
    // spent through one connection is spent for the other.
    Database db1;
    Database db2;
    QString error;
    QVERIFY2(db1.open(dbPath(), &error), qPrintable(error));
    QVERIFY2(db2.open(dbPath(), &error), qPrintable(error));
    RefreshStore store1(db1, 3600);
    RefreshStore store2(db2, 3600);
    const RefreshStore::Issued issued = store1.startFamily(QStringLiteral("alice"), 1000);
    QCOMPARE(store2.rotate(issued.token, 1100).outcome, RefreshStore::Outcome::Rotated);
    QCOMPARE(store1.rotate(issued.token, 1100).outcome, RefreshStore::Outcome::Reused);
    QVERIFY(store2.isFamilyRevoked(issued.family));
}

void TestStores::purgeKeepsReuseDetection()
{
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    const qint64 ttl = 100;
    RefreshStore store(db, ttl);

    // Family A: its last token expires at 150, so at 260 (cutoff 160) all of it is gone.
    const RefreshStore::Issued a = store.startFamily(QStringLiteral("alice"), 0);
    QCOMPARE(store.rotate(a.token, 50).outcome, RefreshStore::Outcome::Rotated);
    // Family B: token b expires at 100 and was spent at 90.
    const RefreshStore::Issued b = store.startFamily(QStringLiteral("bob"), 0);
    const RefreshStore::Rotation bNext = store.rotate(b.token, 90);
    QCOMPARE(bNext.outcome, RefreshStore::Outcome::Rotated);

    // At 195 (cutoff 95) b has expired, but only by 95 s: it must still be on
    // record so that replaying it is caught while its successor is live.
    store.startFamily(QStringLiteral("carol"), 195);
    QCOMPARE(store.rotate(b.token, 195).outcome, RefreshStore::Outcome::Reused);
    QCOMPARE(store.rotate(bNext.next.token, 195).outcome, RefreshStore::Outcome::FamilyRevoked);

    const int before = scalar(db, QStringLiteral("SELECT count(*) FROM refresh_tokens")).toInt();
    store.startFamily(QStringLiteral("carol"), 260);
    const int after = scalar(db, QStringLiteral("SELECT count(*) FROM refresh_tokens")).toInt();
    QVERIFY2(after < before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QCOMPARE(store.rotate(a.token, 260).outcome, RefreshStore::Outcome::Unknown);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM refresh_families WHERE family = ?"), a.family).toInt(), 0);
    // A purged family answers revoked: fail closed for anything still carrying its id.
    QVERIFY(store.isFamilyRevoked(a.family));
}

QTEST_GUILESS_MAIN(TestStores)
#include "tst_stores.moc"
