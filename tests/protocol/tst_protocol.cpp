// The contract library alone (PROTOCOL.md): close rows match exactly, and the
// base64url alphabet check agrees with the strict decoder.
#include "base64url.h"
#include "closecodes.h"

#include <QTest>

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeRowMatchesExactly_data();
    void closeRowMatchesExactly();
    void everyRowMatchesItselfOnly();
    void alphabet_data();
    void alphabet();
};

void TestProtocol::closeRowMatchesExactly_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("matches");
    QTest::newRow("the row") << 1008 << QStringLiteral("Token revoked") << true;
    QTest::newRow("another code") << 1011 << QStringLiteral("Token revoked") << false;
    QTest::newRow("another reason of 1008") << 1008 << QStringLiteral("Token expired") << false;
    QTest::newRow("case differs") << 1008 << QStringLiteral("token revoked") << false;
    QTest::newRow("trailing space") << 1008 << QStringLiteral("Token revoked ") << false;
    QTest::newRow("empty reason") << 1008 << QString() << false;
}

void TestProtocol::closeRowMatchesExactly()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(bool, matches);
    QCOMPARE(Close::TokenRevoked.matches(quint16(code), reason), matches);
}

void TestProtocol::everyRowMatchesItselfOnly()
{
    const QList<CloseSpec> rows = Close::all();
    QCOMPARE(rows.size(), 13);
    for (const CloseSpec &row : rows) {
        for (const CloseSpec &other : rows) {
            const bool same = row.code == other.code && qstrcmp(row.reason, other.reason) == 0;
            QCOMPARE(row.matches(other.code, other.reasonText()), same);
        }
    }
}

void TestProtocol::alphabet_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("alphabet");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("all kinds") << QByteArray("AZaz09-_") << true;
    QTest::newRow("one character") << QByteArray("x") << true;
    QTest::newRow("padding") << QByteArray("eA==") << false;
    QTest::newRow("standard base64") << QByteArray("a+b/") << false;
    QTest::newRow("whitespace") << QByteArray("ab cd") << false;
    QTest::newRow("NUL") << QByteArray("ab\0cd", 5) << false;
    QTest::newRow("high byte") << QByteArray("ab\xc3\xa9") << false;
}

void TestProtocol::alphabet()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, alphabet);
    QCOMPARE(Base64Url::isAlphabet(text), alphabet);
    // What the strict decoder accepts is always in the alphabet.
    if (!alphabet)
        QVERIFY(!Base64Url::decode(text));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
