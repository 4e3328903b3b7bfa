// The stores on PostgreSQL (PROTOCOL.md section 10.7), against a real
// PostgreSQL started in a temp dir: versioned migrations that refuse a newer
// schema, users, revocations, and refresh rotation that stays atomic when two
// nodes spend the same token at the same moment.
#include "database.h"
#include "postgresserver.h"
#include "refreshstore.h"
#include "revocationlist.h"
#include "userstore.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>

using namespace SignalGate::Server;

namespace {

constexpr qint64 Now = 1'800'000'000;

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery query(db.handle());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

// One node's connection and store, made and used on its own thread.
class Node : public QThread
{
public:
    Node(const QString &url, std::function<void(RefreshStore &)> work) : m_url(url), m_work(std::move(work)) {}
    QString error;

protected:
    void run() override
    {
        Database database;
        if (!database.open(m_url, &error)) {
            m_work = {};
            return;
        }
        RefreshStore store(database, 3600);
        m_work(store);
    }

private:
    QString m_url;
    std::function<void(RefreshStore &)> m_work;
};

}   // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void migratesOnceAndRefusesANewerSchema();
    void usersAndRevocationsLiveThere();
    void twoNodesSpendingOneTokenAtOnceMakeOneWinner();
    void aRestartedServerIsFoundAgain();
    void aDeadServerIsOneClearSentence();

private:
    PostgresServer m_postgres;
};

void TestPostgresStore::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
}

void TestPostgresStore::migratesOnceAndRefusesANewerSchema()
{
    QString error;
    {
        Database first;
        QVERIFY2(first.open(m_postgres.url(), &error), qPrintable(error));
        QCOMPARE(first.engine(), Database::Engine::Postgres);
        Database second;   // another node starting later: nothing to do
        QVERIFY2(second.open(m_postgres.url(), &error), qPrintable(error));
        QCOMPARE(scalar(second, QStringLiteral("SELECT max(version) FROM signalgate_schema")).toInt(), 4);
        QCOMPARE(scalar(second, QStringLiteral("SELECT count(*) FROM signalgate_schema")).toInt(), 4);
        // Times are 64-bit there: INTEGER would end in 2038.
        QCOMPARE(scalar(second,
                        QStringLiteral("SELECT data_type FROM information_schema.columns"
                                       " WHERE table_name = 'refresh_tokens' AND column_name = 'expires_at'"))
                         .toString(),
                 QStringLiteral("bigint"));
        QSqlQuery(first.handle()).exec(QStringLiteral("INSERT INTO signalgate_schema (version) VALUES (99)"));
    }
    Database newer;
    QVERIFY(!newer.open(m_postgres.url(), &error));
    QVERIFY2(error.contains(QStringLiteral("schema version 99 is newer")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("password")), qPrintable(error));
    Database cleanup;
    // The refusal changed nothing; take the future version back for the next rows.
    QVERIFY(cleanup.open(QStringLiteral("postgresql://signalgate@127.0.0.1:%1/signalgate").arg(m_postgres.port()),
                         &error)
            == false);
    QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("raw"));
    raw.setHostName(QStringLiteral("127.0.0.1"));
    raw.setPort(m_postgres.port());
    raw.setDatabaseName(QStringLiteral("signalgate"));
    raw.setUserName(QStringLiteral("signalgate"));
    QVERIFY(raw.open());
    QVERIFY(QSqlQuery(raw).exec(QStringLiteral("DELETE FROM signalgate_schema WHERE version = 99")));
    raw.close();
    raw = {};
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    QVERIFY2(cleanup.open(m_postgres.url(), &error), qPrintable(error));
}

void TestPostgresStore::usersAndRevocationsLiveThere()
{
    QString error;
    Database database;
    QVERIFY2(database.open(m_postgres.url(), &error), qPrintable(error));
    UserStore users(database);
    QVERIFY2(users.addUser(QStringLiteral("pat"), "secret-pw", QStringLiteral("admin"), &error), qPrintable(error));
    QVERIFY(!users.addUser(QStringLiteral("pat"), "other", {}, &error));
    QVERIFY(users.find(QStringLiteral("pat")).has_value());
    RefreshStore refresh(database, 3600);
    RevocationList revocations(database, refresh);
    QVERIFY(revocations.revokeToken(QStringLiteral("jti-1"), Now + 60, Now));
    QVERIFY(revocations.revokeToken(QStringLiteral("jti-1"), Now + 90, Now));   // the upsert
    QVERIFY(revocations.revokeSubject(QStringLiteral("pat"), Now));
    QVERIFY(users.removeUser(QStringLiteral("pat"), &error));
    QVERIFY(!users.find(QStringLiteral("pat")).has_value());

    // Another node reads the same.
    Database other;
    QVERIFY2(other.open(m_postgres.url(), &error), qPrintable(error));
    RefreshStore otherRefresh(other, 3600);
    RevocationList otherList(other, otherRefresh);
    QVERIFY2(otherList.load(Now, &error), qPrintable(error));
    SignalGate::Jose::AccessTokenClaims claims;
    claims.jwtId = QStringLiteral("jti-1");
    QVERIFY(otherList.isRevoked(claims));
    claims.jwtId = QStringLiteral("jti-2");
    claims.subject = QStringLiteral("pat");
    claims.issuedAt = Now - 5;
    QVERIFY(otherList.isRevoked(claims));
    QCOMPARE(scalar(other, QStringLiteral("SELECT expires_at FROM revoked_tokens WHERE jti = 'jti-1'")).toLongLong(),
             Now + 90);

    // The same revocation applied again later (another node catching up)
    // ends the families that existed then, not a login made since.
    const RefreshStore::Issued before = otherRefresh.startFamily(QStringLiteral("quinn"), Now - 10);
    const RefreshStore::Issued after = otherRefresh.startFamily(QStringLiteral("quinn"), Now + 10);
    QVERIFY(otherRefresh.revokeSubject(QStringLiteral("quinn"), Now));
    QVERIFY(otherRefresh.isFamilyRevoked(before.family));
    QVERIFY(!otherRefresh.isFamilyRevoked(after.family));
}

void TestPostgresStore::twoNodesSpendingOneTokenAtOnceMakeOneWinner()
{
    QString error;
    Database database;
    QVERIFY2(database.open(m_postgres.url(), &error), qPrintable(error));
    RefreshStore issuer(database, 3600);
    constexpr int Races = 20;
    QList<QByteArray> tokens;
    for (int i = 0; i < Races; ++i)
        tokens.append(issuer.startFamily(QStringLiteral("racer"), Now).token);

    // Both nodes spend every token, each race started together.
    std::atomic<int> ready{0};
    QList<RefreshStore::Outcome> outcomes[2];
    const auto spender = [&](int node) {
        return [&, node](RefreshStore &store) {
            for (int i = 0; i < Races; ++i) {
                ++ready;
                while (ready.load() < 2 * (i + 1))
                    QThread::yieldCurrentThread();
                outcomes[node].append(store.rotate(tokens.at(i), Now + 1).outcome);
            }
        };
    };
    Node a(m_postgres.url(), spender(0));
    Node b(m_postgres.url(), spender(1));
    a.start();
    b.start();
    QVERIFY(a.wait(60000) && b.wait(60000));
    QVERIFY2(a.error.isEmpty() && b.error.isEmpty(), qPrintable(a.error + b.error));
    QCOMPARE(outcomes[0].size(), Races);
    QCOMPARE(outcomes[1].size(), Races);
    for (int i = 0; i < Races; ++i) {
        // Exactly one rotation; the other is the reuse that ends the family.
        const QList<RefreshStore::Outcome> pair{outcomes[0].at(i), outcomes[1].at(i)};
        QVERIFY2(pair.count(RefreshStore::Outcome::Rotated) == 1 && pair.count(RefreshStore::Outcome::Reused) == 1,
                 qPrintable(QStringLiteral("race %1: %2 and %3").arg(i).arg(int(pair[0])).arg(int(pair[1]))));
    }
}

void TestPostgresStore::aRestartedServerIsFoundAgain()
{
    QString error;
    Database database;
    QVERIFY2(database.open(m_postgres.url(), &error), qPrintable(error));
    QVERIFY(database.problem().isEmpty());
    m_postgres.kill();
    QVERIFY(!database.problem().isEmpty());
    QVERIFY2(database.problem().contains(QString::number(m_postgres.port())), qPrintable(database.problem()));
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    QTRY_VERIFY_WITH_TIMEOUT(database.problem().isEmpty(), 10000);
    UserStore users(database);
    QVERIFY2(users.addUser(QStringLiteral("after"), "restart-pw", {}, &error), qPrintable(error));
}

void TestPostgresStore::aDeadServerIsOneClearSentence()
{
    QString error;
    Database database;
    PostgresServer nobody;   // a free port nobody listens on
    QVERIFY(!database.open(QStringLiteral("postgresql://signalgate@127.0.0.1:%1/signalgate").arg(nobody.port()),
                           &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot open database postgresql://signalgate@127.0.0.1:")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("refused")), qPrintable(error));
    QVERIFY(!database.open(QStringLiteral("postgresql://u:pw@127.0.0.1/x"), &error));
    QVERIFY2(error.contains(QStringLiteral("not in the URL")) && !error.contains(QStringLiteral("pw@")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgresstore.moc"
