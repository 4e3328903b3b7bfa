// The real engines the several-node tests stand on (issue 15): redis-server
// and PostgreSQL from Debian's packages, each started by the test on a free
// port in a temp dir (as the postgres user when the test runs as root),
// answering, surviving or losing their data across a crash as they do in
// production, and stopped with the test.
#include "postgresserver.h"
#include "redisserver.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

QSqlDatabase connectTo(const PostgresServer &postgres, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(postgres.port());
    db.setUserName(QStringLiteral("signalgate"));
    db.setDatabaseName(QStringLiteral("signalgate"));
    return db;
}

}   // namespace

class TestEngines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redisAnswersAndLosesItsDataInACrash();
    void postgresTakesQpsqlAndKeepsCommittedRowsThroughACrash();
};

void TestEngines::redisAnswersAndLosesItsDataInACrash()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QCOMPARE(redis.command("PING"), QByteArray("+PONG"));
    QCOMPARE(redis.command("SET greeting hello"), QByteArray("+OK"));
    QCOMPARE(redis.command("EXISTS greeting"), QByteArray(":1"));

    redis.kill();
    QVERIFY(redis.command("PING").isEmpty());
    // Same port, no persistence: what a Redis restart without AOF or RDB does.
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QCOMPARE(redis.command("EXISTS greeting"), QByteArray(":0"));
}

void TestEngines::postgresTakesQpsqlAndKeepsCommittedRowsThroughACrash()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
             "Qt's PostgreSQL driver is missing: apt install libqt6sql6-psql");
    PostgresServer postgres;
    QVERIFY2(postgres.start(), qPrintable(postgres.error()));
    {
        QSqlDatabase db = connectTo(postgres, QStringLiteral("before"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("CREATE TABLE kept (id integer PRIMARY KEY)"))
                         && query.exec(QStringLiteral("INSERT INTO kept VALUES (7)")),
                 qPrintable(query.lastError().text()));
        postgres.kill();
        QVERIFY(!query.exec(QStringLiteral("SELECT id FROM kept")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("before"));

    QVERIFY2(postgres.start(), qPrintable(postgres.error()));
    {
        QSqlDatabase db = connectTo(postgres, QStringLiteral("after"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("SELECT id FROM kept")), qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 7);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("after"));
}

QTEST_GUILESS_MAIN(TestEngines)
#include "tst_engines.moc"
