// The contract library alone (PROTOCOL.md): close rows match exactly, the
// base64url alphabet check agrees with the strict decoder, and the typed
// messages write exactly the contract's members and read defensively.
#include "base64url.h"
#include "closecodes.h"
#include "jsonkeys.h"
#include "messages.h"
#include "servermessages.h"

#include <QJsonArray>
#include <QTest>

using namespace SignalGate::Protocol;

namespace {

QStringList keysOf(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

}   // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeRowMatchesExactly_data();
    void closeRowMatchesExactly();
    void everyRowMatchesItselfOnly();
    void alphabet_data();
    void alphabet();
    void welcomeHasTheContractsMembers();
    void welcomeReadsDefensively();
    void signalFrameRoundTrips();
    void signalFrameNeedsAnIntegralSeq_data();
    void signalFrameNeedsAnIntegralSeq();
    void errorFrameWritesOnlyWhatIsSet();
    void errorFrameReadsMissingAsAbsent();
    void answersEchoTheRequestId();
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

void TestProtocol::welcomeHasTheContractsMembers()
{
    const Welcome welcome{QStringLiteral("s1"),
                          QStringLiteral("alice"),
                          1700000900,
                          1700000000123,
                          42,
                          QJsonObject{{Key::History, 1000}},
                          {},
                          {}};
    const QJsonObject json = welcome.toJson();
    QCOMPARE(keysOf(json),
             (QStringList{"exp", "last_seq", "limits", "protocol", "server_time", "session_id", "sub", "type"}));
    QCOMPARE(json.value(Key::Type).toString(), QStringLiteral("welcome"));
    QCOMPARE(json.value(Key::Protocol).toString(), QStringLiteral("signalgate.v1"));
    const Welcome back = Welcome::fromJson(json);
    QCOMPARE(back.sessionId, welcome.sessionId);
    QCOMPARE(back.subject, welcome.subject);
    QCOMPARE(back.exp, welcome.exp);
    QCOMPARE(back.serverTimeMs, welcome.serverTimeMs);
    QCOMPARE(back.lastSeq, welcome.lastSeq);
    QCOMPARE(back.limits, welcome.limits);
}

void TestProtocol::welcomeReadsDefensively()
{
    // Another server's welcome: members missing, of the wrong type, negative.
    const Welcome welcome = Welcome::fromJson({{Key::LastSeq, -5}, {Key::Exp, QStringLiteral("soon")}});
    QCOMPARE(welcome.lastSeq, 0);
    QCOMPARE(welcome.exp, 0);
    QCOMPARE(welcome.serverTimeMs, 0);
    QVERIFY(welcome.limits.isEmpty());
}

void TestProtocol::signalFrameRoundTrips()
{
    const SignalFrame frame{7, 1700000000123, QStringLiteral("EUR-USD"), QStringLiteral("buy"), 1.0843, 0.71};
    const QJsonObject json = frame.toJson();
    QCOMPARE(keysOf(json), (QStringList{"confidence", "price", "seq", "side", "symbol", "ts", "type"}));
    QCOMPARE(
            Messages::encode(json),
            QByteArray(
                    R"({"confidence":0.71,"price":1.0843,"seq":7,"side":"buy","symbol":"EUR-USD","ts":1700000000123,"type":"signal"})"));
    const std::optional<SignalFrame> back = SignalFrame::fromJson(json);
    QVERIFY(back);
    QCOMPARE(back->seq, frame.seq);
    QCOMPARE(back->timestampMs, frame.timestampMs);
    QCOMPARE(back->symbol, frame.symbol);
    QCOMPARE(back->side, frame.side);
    QCOMPARE(back->price, frame.price);
    QCOMPARE(back->confidence, frame.confidence);
}

void TestProtocol::signalFrameNeedsAnIntegralSeq_data()
{
    QTest::addColumn<QJsonValue>("seq");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << false;
    QTest::newRow("null") << QJsonValue() << false;
    QTest::newRow("string") << QJsonValue(QStringLiteral("5")) << false;
    QTest::newRow("negative") << QJsonValue(-1) << false;
    QTest::newRow("fraction") << QJsonValue(5.5) << false;
    QTest::newRow("zero") << QJsonValue(0) << true;
    QTest::newRow("2^53") << QJsonValue(9007199254740992.0) << true;
}

void TestProtocol::signalFrameNeedsAnIntegralSeq()
{
    QFETCH(QJsonValue, seq);
    QFETCH(bool, accepted);
    QJsonObject json{{Key::Type, MessageType::Signal}, {Key::Symbol, QStringLiteral("X")}};
    if (!seq.isUndefined())
        json.insert(Key::Seq, seq);
    QCOMPARE(SignalFrame::fromJson(json).has_value(), accepted);
}

void TestProtocol::errorFrameWritesOnlyWhatIsSet()
{
    QCOMPARE(keysOf(ErrorFrame(ErrorCode::BadRequest, QStringLiteral("Expected a JSON object")).toJson()),
             (QStringList{"code", "message", "type"}));
    // A null id means the client sent none: it is not echoed.
    QCOMPARE(keysOf(ErrorFrame(ErrorCode::BadRequest, QStringLiteral("x"), QJsonValue()).toJson()),
             (QStringList{"code", "message", "type"}));
    ErrorFrame gap(ErrorCode::ResumeGap, QStringLiteral("Some signals after 3 are no longer retained"),
                   QStringLiteral("r1"));
    gap.firstSeq = 9;
    const QJsonObject json = gap.toJson();
    QCOMPARE(keysOf(json), (QStringList{"code", "first_seq", "id", "message", "type"}));
    const ErrorFrame back = ErrorFrame::fromJson(json);
    QCOMPARE(back.code, QStringLiteral("resume_gap"));
    QCOMPARE(back.id, QJsonValue(QStringLiteral("r1")));
    QCOMPARE(back.firstSeq, 9);
    QCOMPARE(back.attemptsLeft, -1);
    QCOMPARE(back.retryAfterMs, -1);
}

void TestProtocol::errorFrameReadsMissingAsAbsent()
{
    const ErrorFrame error = ErrorFrame::fromJson(
            {{Key::Code, QStringLiteral("refresh_failed")}, {Key::AttemptsLeft, QStringLiteral("two")}});
    QCOMPARE(error.attemptsLeft, -1);
    QVERIFY(error.id.isUndefined());
    QVERIFY(error.message.isEmpty());
}

void TestProtocol::answersEchoTheRequestId()
{
    QCOMPARE(Refreshed({900, 3, QJsonValue(7)}).toJson().value(Key::Id), QJsonValue(7));
    QVERIFY(!Refreshed({900, 3, QJsonValue(QJsonValue::Undefined)}).toJson().contains(Key::Id));
    QCOMPARE(keysOf(Resumed{4, 9, 6, QStringLiteral("r")}.toJson()),
             (QStringList{"count", "from", "id", "to", "type"}));
    // A pong always has an id member: null when the ping carried none.
    const QJsonObject pong = Pong{QJsonValue(QJsonValue::Undefined), 5}.toJson();
    QVERIFY(pong.contains(Key::Id));
    QVERIFY(pong.value(Key::Id).isNull());
    QCOMPARE(Expiring::fromJson(Expiring{1000, 42}.toJson()).secondsLeft, 42);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
