#include "accesstokenverifier.h"
#include "base64url.h"
#include "jwskey.h"
#include "jwssigner.h"
#include "jwsverifier.h"
#include "securerandom.h"
#include "testkeys.h"
#include "tokenfailure.h"
#include "tokenissuer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QTest>

#include <openssl/evp.h>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

Q_DECLARE_METATYPE(TokenFailure)
Q_DECLARE_METATYPE(JwsAlgorithm)

// Found by QCOMPARE through argument-dependent lookup: failures then print the
// audit reason instead of "Compared values are not the same" with no values.
char *toString(TokenFailure failure)
{
    const QString reason = tokenFailureReason(failure);
    return qstrdup(reason.isEmpty() ? "none" : qPrintable(reason));
}

namespace {

// RFC 7515 appendix A.1, used exactly as printed: the header and payload JSON
// contain CRLFs, so re-encoding them from text would not give the same token.
const char rfcA1Token[] =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const char rfcA1JwkK[] = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const unsigned char rfcA1Signature[] = {116, 24,  223, 180, 151, 153, 224, 37,  79, 250, 96, 125, 216, 173, 187, 186,
                                        22,  212, 37,  77,  105, 214, 191, 240, 91, 88,  5,  88,  83,  132, 141, 121};
constexpr qint64 rfcA1Exp = 1300819380;

const char base64UrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr qint64 fixedNow = 1700000000;
constexpr qint64 leeway = 30;

QByteArray testKey()
{
    return QByteArrayLiteral("signalgate-unit-test-key-0123456789-abcdefghij");
}

QByteArray otherKey()
{
    return QByteArrayLiteral("another-key-that-is-long-enough-0123456789-XYZ");
}

AccessTokenVerifier makeVerifier()
{
    AccessTokenPolicy policy;
    policy.issuer = QStringLiteral("signalgate");
    policy.audience = QStringLiteral("signalgate-clients");
    policy.leewaySeconds = leeway;
    return AccessTokenVerifier(JwsVerifier(JwsKey::hmacSha256(testKey())), policy);
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Independent of JwsKey, so the HS384/HS512 rows carry a genuine MAC for their alg.
QByteArray hmac(const char *digest, const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLength = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.constData(), size_t(key.size()),
                   reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out, sizeof out,
                   &outLength))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLength));
}

// header and payload are already-encoded segments; the MAC is computed over them as
// they are, so non-canonical or padded segments still carry a valid signature.
QByteArray signSegments(const QByteArray &header, const QByteArray &payload, const QByteArray &key = testKey(),
                        const char *digest = "SHA256")
{
    const QByteArray input = header + '.' + payload;
    return input + '.' + Base64Url::encode(hmac(digest, key, input));
}

QByteArray signRaw(const QByteArray &headerJson, const QByteArray &payloadJson, const QByteArray &key = testKey(),
                   const char *digest = "SHA256")
{
    return signSegments(Base64Url::encode(headerJson), Base64Url::encode(payloadJson), key, digest);
}

QByteArray makeToken(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key = testKey(),
                     const char *digest = "SHA256")
{
    return signRaw(compactJson(header), compactJson(payload), key, digest);
}

QJsonObject goodHeader()
{
    return {{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
}

QJsonObject goodClaims()
{
    return {
            {QStringLiteral("iss"), QStringLiteral("signalgate")},
            {QStringLiteral("aud"), QStringLiteral("signalgate-clients")},
            {QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("iat"), fixedNow - 60},
            {QStringLiteral("exp"), fixedNow + 840},
            {QStringLiteral("jti"), QStringLiteral("jti-0001")},
            {QStringLiteral("scope"), QStringLiteral("signals:publish admin")},
            {QStringLiteral("fam"), QStringLiteral("family-7")},
    };
}

QJsonObject with(QJsonObject object, const QString &name, const QJsonValue &value)
{
    object.insert(name, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString &name)
{
    object.remove(name);
    return object;
}

// JSON tolerates trailing whitespace: pads the text until its length mod 3 is
// `remainder`, so its base64url form has unused trailing bits to play with.
QByteArray jsonWithLengthMod3(const QJsonObject &object, int remainder)
{
    QByteArray json = compactJson(object);
    while (json.size() % 3 != remainder)
        json += ' ';
    return json;
}

// Same bytes, other spelling: bumps the last character into the unused low bits.
QByteArray nonCanonical(QByteArray segment)
{
    const QByteArray alphabet(base64UrlAlphabet);
    const qsizetype index = alphabet.indexOf(segment.back());
    segment.back() = alphabet.at(index + 1);
    return segment;
}

QByteArray replaceAt(QByteArray text, qsizetype position, char c)
{
    text[position] = c;
    return text;
}

}   // namespace

class TestJws : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void base64UrlEncode_data();
    void base64UrlEncode();
    void base64UrlRejects_data();
    void base64UrlRejects();
    void secureRandom();
    void algorithmNames();
    void shortKeysDoNotSign();

    void rfc7515A1Signature();
    void rfc7515A1Verify();
    void rfc7515A1Times_data();
    void rfc7515A1Times();
    void rfc7515A1Tamper_data();
    void rfc7515A1Tamper();

    void signerHeader();
    void hostile_data();
    void hostile();
    void sizeLimit_data();
    void sizeLimit();
    void validTokenClaims();

    void issuerRoundTrip();
    void issuerOmitsEmptyClaims();
    void issuerDefaultClaimOverrides();

    void failureReasons_data();
    void failureReasons();

    void rfc7515A3Es256();
    void rfc8037A4Ed25519();
    void rs256RoundTrip();
    void rsaUnder2048IsRefused();
    void asymmetricIssuerRoundTrip_data();
    void asymmetricIssuerRoundTrip();
    void verifyOnlyKey_data();
    void verifyOnlyKey();
    void wrongKeyType_data();
    void wrongKeyType();
    void pemProblems_data();
    void pemProblems();
    void keyConfusion_data();
    void keyConfusion();
    void es256HostileSignatures_data();
    void es256HostileSignatures();
    void eddsaHeaderSpellings_data();
    void eddsaHeaderSpellings();
};

void TestJws::base64UrlEncode_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("encoded");

    // RFC 4648 section 10, without padding, plus the two characters that differ from base64.
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    QTest::newRow("url alphabet") << QByteArray("\xfb\xff\xbf", 3) << QByteArray("-_-_");
}

void TestJws::base64UrlEncode()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, encoded);

    QCOMPARE(Base64Url::encode(data), encoded);
    const std::optional<QByteArray> decoded = Base64Url::decode(encoded);
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, data);
}

void TestJws::base64UrlRejects_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("padding ==") << QByteArray("Zg==");
    QTest::newRow("padding =") << QByteArray("Zm8=");
    QTest::newRow("plus") << QByteArray("Zm+v");
    QTest::newRow("slash") << QByteArray("Zm/v");
    QTest::newRow("space") << QByteArray("Zm 9v");
    QTest::newRow("newline") << QByteArray("Zm9v\n");
    QTest::newRow("nul") << QByteArray("Zm9\0v", 5);
    QTest::newRow("dot") << QByteArray("Zm.v");
    QTest::newRow("length 1 mod 4") << QByteArray("Zm9vY");
    QTest::newRow("single char") << QByteArray("Z");
    // "Zg" and "Zm8" are canonical; these decode to the same bytes with dirty low bits.
    QTest::newRow("non-canonical 1 byte") << QByteArray("Zh");
    QTest::newRow("non-canonical 2 bytes") << QByteArray("Zm9");
    QTest::newRow("latin1") << QByteArray("Zm\xe9v");
}

void TestJws::base64UrlRejects()
{
    QFETCH(QByteArray, text);
    QVERIFY(!Base64Url::decode(text).has_value());
}

void TestJws::secureRandom()
{
    const QByteArray a = SecureRandom::bytes(32);
    const QByteArray b = SecureRandom::bytes(32);
    QCOMPARE(a.size(), 32);
    QCOMPARE(b.size(), 32);
    QVERIFY(a != b);
    QVERIFY(SecureRandom::bytes(0).isEmpty());

    const QByteArray token = SecureRandom::token(32);
    QCOMPARE(token.size(), 43);
    const std::optional<QByteArray> decoded = Base64Url::decode(token);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->size(), 32);
    QCOMPARE(SecureRandom::token(16).size(), 22);
    QVERIFY(SecureRandom::token(16) != SecureRandom::token(16));
}

void TestJws::algorithmNames()
{
    for (const JwsAlgorithm algorithm :
         {JwsAlgorithm::HS256, JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::EdDSA}) {
        QVERIFY(jwsAlgorithmFromName(jwsAlgorithmName(algorithm)) == algorithm);
    }
    QCOMPARE(jwsAlgorithmName(JwsAlgorithm::HS256), QStringLiteral("HS256"));
    QCOMPARE(jwsAlgorithmName(JwsAlgorithm::RS256), QStringLiteral("RS256"));
    QCOMPARE(jwsAlgorithmName(JwsAlgorithm::ES256), QStringLiteral("ES256"));
    // RFC 8037 section 3.1: the JWS name of Ed25519 signatures is "EdDSA".
    QCOMPARE(jwsAlgorithmName(JwsAlgorithm::EdDSA), QStringLiteral("EdDSA"));
    QVERIFY(jwsAlgorithmFromName(u"HS256") == JwsAlgorithm::HS256);
    for (const QString &name :
         {QStringLiteral("hs256"), QStringLiteral("HS256 "), QStringLiteral("none"), QStringLiteral("None"),
          QStringLiteral("HS384"), QStringLiteral("rs256"), QStringLiteral("RS384"), QStringLiteral("PS256"),
          QStringLiteral("es256"), QStringLiteral("ES384"), QStringLiteral("ES256K"), QStringLiteral("Ed25519"),
          QStringLiteral("ed25519"), QStringLiteral("eddsa"), QStringLiteral("EDDSA"), QStringLiteral(" EdDSA"),
          QString()}) {
        QVERIFY2(!jwsAlgorithmFromName(name).has_value(), qPrintable(name));
    }
}

void TestJws::shortKeysDoNotSign()
{
    const QByteArray input("header.payload");
    for (const qsizetype length : {0, 1, 31}) {
        const JwsKey key = JwsKey::hmacSha256(QByteArray(length, 'k'));
        QVERIFY(key.sign(input).isEmpty());
        QVERIFY(!key.verify(input, hmac("SHA256", QByteArray(length, 'k'), input)));
        QVERIFY(JwsSigner(key).sign(goodClaims()).isEmpty());
    }
    const JwsKey key = JwsKey::hmacSha256(QByteArray(32, 'k'));
    QCOMPARE(key.sign(input), hmac("SHA256", QByteArray(32, 'k'), input));
    QVERIFY(key.verify(input, key.sign(input)));
}

void TestJws::rfc7515A1Signature()
{
    const std::optional<QByteArray> secret = Base64Url::decode(rfcA1JwkK);
    QVERIFY(secret.has_value());
    QCOMPARE(secret->size(), 64);
    const JwsKey key = JwsKey::hmacSha256(*secret);

    const QByteArray token(rfcA1Token);
    const QByteArray signingInput = token.left(token.lastIndexOf('.'));
    const QByteArray expected(reinterpret_cast<const char *>(rfcA1Signature), sizeof rfcA1Signature);

    QCOMPARE(key.sign(signingInput), expected);
    QCOMPARE(Base64Url::encode(expected), token.mid(token.lastIndexOf('.') + 1));
    QVERIFY(key.verify(signingInput, expected));

    QByteArray flipped = expected;
    flipped[31] = char(flipped.at(31) ^ 0x01);
    QVERIFY(!key.verify(signingInput, flipped));
    QVERIFY(!key.verify(signingInput, expected.left(31)));
    QVERIFY(!key.verify(signingInput, expected + '\0'));
    QVERIFY(!key.verify(signingInput, QByteArray()));
}

void TestJws::rfc7515A1Verify()
{
    const JwsVerifier verifier(JwsKey::hmacSha256(*Base64Url::decode(rfcA1JwkK)));
    const JwsResult result = verifier.verify(rfcA1Token);
    QCOMPARE(result.failure, TokenFailure::None);
    QVERIFY(result.ok());
    QCOMPARE(result.header.value(QLatin1StringView("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(result.header.value(QLatin1StringView("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(result.payload.value(QLatin1StringView("iss")).toString(), QStringLiteral("joe"));
    QCOMPARE(result.payload.value(QLatin1StringView("exp")).toInteger(), rfcA1Exp);
    QCOMPARE(result.payload.value(QLatin1StringView("http://example.com/is_root")), QJsonValue(true));

    // The same key must not accept the token under the access-token rules: typ is "JWT".
    AccessTokenPolicy policy;
    policy.issuer = QStringLiteral("joe");
    const AccessTokenVerifier accessVerifier(verifier, policy);
    QCOMPARE(accessVerifier.verify(rfcA1Token, rfcA1Exp - 10).failure, TokenFailure::WrongType);

    const JwsVerifier otherVerifier(JwsKey::hmacSha256(testKey()));
    QCOMPARE(otherVerifier.verify(rfcA1Token).failure, TokenFailure::BadSignature);
}

void TestJws::rfc7515A1Times_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("leewaySeconds");
    QTest::addColumn<TokenFailure>("expected");

    QTest::newRow("10 s before exp") << qint64(1300819370) << qint64(0) << TokenFailure::None;
    QTest::newRow("1 s before exp") << rfcA1Exp - 1 << qint64(0) << TokenFailure::None;
    QTest::newRow("at exp") << rfcA1Exp << qint64(0) << TokenFailure::Expired;
    QTest::newRow("1 s after exp") << qint64(1300819381) << qint64(0) << TokenFailure::Expired;
    QTest::newRow("1 s after exp, leeway 30") << qint64(1300819381) << qint64(30) << TokenFailure::None;
    QTest::newRow("at exp + leeway") << rfcA1Exp + 30 << qint64(30) << TokenFailure::Expired;
}

void TestJws::rfc7515A1Times()
{
    QFETCH(qint64, now);
    QFETCH(qint64, leewaySeconds);
    QFETCH(TokenFailure, expected);

    const JwsVerifier verifier(JwsKey::hmacSha256(*Base64Url::decode(rfcA1JwkK)));
    const JwsResult result = verifier.verify(rfcA1Token);
    QVERIFY(result.ok());
    QCOMPARE(AccessTokenVerifier::checkTimes(result.payload, now, leewaySeconds), expected);
}

void TestJws::rfc7515A1Tamper_data()
{
    QTest::addColumn<int>("segment");
    QTest::newRow("header") << 0;
    QTest::newRow("payload") << 1;
    QTest::newRow("signature") << 2;
}

void TestJws::rfc7515A1Tamper()
{
    QFETCH(int, segment);

    const JwsVerifier verifier(JwsKey::hmacSha256(*Base64Url::decode(rfcA1JwkK)));
    const QByteArray token(rfcA1Token);
    const QList<QByteArray> segments = token.split('.');
    QCOMPARE(segments.size(), 3);
    qsizetype start = 0;
    for (int i = 0; i < segment; ++i)
        start += segments.at(i).size() + 1;
    const QByteArray alphabet(base64UrlAlphabet);

    // Every position of the segment, one character changed to its alphabet neighbour.
    int algChanges = 0;
    for (qsizetype i = start; i < start + segments.at(segment).size(); ++i) {
        const qsizetype index = alphabet.indexOf(token.at(i));
        QVERIFY(index >= 0);
        const QByteArray tampered = replaceAt(token, i, alphabet.at((index + 1) % alphabet.size()));
        const TokenFailure failure = verifier.verify(tampered).failure;
        // A flip inside "HS256" still decodes to a JSON header, whose alg is then
        // refused before the signature is looked at: AlgNotAllowed is right there.
        const std::optional<QByteArray> headerJson = Base64Url::decode(tampered.left(tampered.indexOf('.')));
        const QJsonObject header = headerJson ? QJsonDocument::fromJson(*headerJson).object() : QJsonObject();
        const bool algChanged =
                !header.isEmpty() && header.value(QLatin1StringView("alg")) != QJsonValue(QStringLiteral("HS256"));
        if (algChanged) {
            ++algChanges;
            QVERIFY2(failure == TokenFailure::AlgNotAllowed,
                     qPrintable(QStringLiteral("position %1 gave %2").arg(i).arg(tokenFailureReason(failure))));
        } else {
            QVERIFY2(failure == TokenFailure::BadSignature || failure == TokenFailure::Malformed,
                     qPrintable(QStringLiteral("position %1 gave %2").arg(i).arg(tokenFailureReason(failure))));
        }
    }
    // Only header flips can touch alg; make sure the branch above is not dead.
    QCOMPARE(algChanges > 0, segment == 0);
}

void TestJws::signerHeader()
{
    const JwsSigner signer(JwsKey::hmacSha256(testKey()));
    const JwsVerifier verifier(JwsKey::hmacSha256(testKey()));

    const QByteArray token = signer.sign(goodClaims());
    const QList<QByteArray> segments = token.split('.');
    QCOMPARE(segments.size(), 3);
    QCOMPARE(*Base64Url::decode(segments.at(0)), QByteArray(R"({"alg":"HS256","typ":"at+jwt"})"));
    QCOMPARE(*Base64Url::decode(segments.at(1)), compactJson(goodClaims()));
    QCOMPARE(token, makeToken(goodHeader(), goodClaims()));
    QVERIFY(verifier.verify(token).ok());

    const QByteArray noTyp = signer.sign(goodClaims(), {{QStringLiteral("typ"), QJsonValue::Null}});
    QCOMPARE(*Base64Url::decode(noTyp.split('.').at(0)), QByteArray(R"({"alg":"HS256"})"));

    const QByteArray algNone = signer.sign(
            goodClaims(),
            {{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("kid"), QStringLiteral("k1")}});
    QCOMPARE(*Base64Url::decode(algNone.split('.').at(0)), QByteArray(R"({"alg":"none","kid":"k1","typ":"at+jwt"})"));
    QCOMPARE(verifier.verify(algNone).failure, TokenFailure::AlgNotAllowed);
}

void TestJws::hostile_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<TokenFailure>("expected");

    const QJsonObject header = goodHeader();
    const QJsonObject claims = goodClaims();
    const QByteArray good = makeToken(header, claims);
    const QList<QByteArray> parts = good.split('.');
    const QByteArray &h = parts.at(0);
    const QByteArray &p = parts.at(1);
    const QByteArray &s = parts.at(2);
    const QByteArray mac = *Base64Url::decode(s);
    const auto withHeader = [&](const QString &name, const QJsonValue &value) {
        return makeToken(with(header, name, value), claims);
    };
    const auto withClaims = [&](const QJsonObject &payload) { return makeToken(header, payload); };

    QTest::newRow("valid") << good << TokenFailure::None;

    // Structure and alphabet.
    QTest::newRow("empty") << QByteArray() << TokenFailure::Missing;
    QTest::newRow("null") << QByteArray("null") << TokenFailure::Malformed;
    QTest::newRow("two segments") << QByteArray(h + '.' + p) << TokenFailure::Malformed;
    QTest::newRow("four segments") << QByteArray(good + ".AAAA") << TokenFailure::Malformed;
    QTest::newRow("trailing dot") << QByteArray(good + '.') << TokenFailure::Malformed;
    QTest::newRow("only dots") << QByteArray("..") << TokenFailure::Malformed;
    QTest::newRow("empty header segment") << signSegments(QByteArray(), p) << TokenFailure::Malformed;
    QTest::newRow("empty payload segment") << signSegments(h, QByteArray()) << TokenFailure::Malformed;
    QTest::newRow("space inside") << replaceAt(good, h.size() + 5, ' ') << TokenFailure::Malformed;
    QTest::newRow("trailing newline") << QByteArray(good + '\n') << TokenFailure::Malformed;
    QTest::newRow("trailing CRLF") << QByteArray(good + "\r\n") << TokenFailure::Malformed;
    QTest::newRow("leading space") << QByteArray(' ' + good) << TokenFailure::Malformed;
    QTest::newRow("newline inside") << QByteArray(h + ".\n" + p + '.' + s) << TokenFailure::Malformed;
    QTest::newRow("nul byte") << QByteArray(good + '\0') << TokenFailure::Malformed;
    QTest::newRow("bearer prefix") << QByteArray("Bearer " + good) << TokenFailure::Malformed;
    QTest::newRow("opaque refresh token") << SecureRandom::token(32) << TokenFailure::Malformed;

    // Base64url strictness. Rows marked "re-signed" carry a valid MAC over the odd
    // spelling, so only the decoder's strictness can refuse them.
    QTest::newRow("plus in signature") << replaceAt(good, good.size() - 5, '+') << TokenFailure::Malformed;
    QTest::newRow("slash in signature") << replaceAt(good, good.size() - 5, '/') << TokenFailure::Malformed;
    QTest::newRow("padded signature") << QByteArray(good + '=') << TokenFailure::Malformed;
    {
        QByteArray paddedPayload = Base64Url::encode(jsonWithLengthMod3(claims, 1)) + "==";
        QTest::newRow("padded payload, re-signed") << signSegments(h, paddedPayload) << TokenFailure::Malformed;
    }
    QTest::newRow("non-canonical header, re-signed")
            << signSegments(nonCanonical(Base64Url::encode(jsonWithLengthMod3(header, 1))), p)
            << TokenFailure::Malformed;
    QTest::newRow("non-canonical payload, re-signed")
            << signSegments(h, nonCanonical(Base64Url::encode(jsonWithLengthMod3(claims, 2))))
            << TokenFailure::Malformed;
    QTest::newRow("non-canonical signature")
            << QByteArray(h + '.' + p + '.' + nonCanonical(s)) << TokenFailure::BadSignature;
    QTest::newRow("payload segment length 1 mod 4, re-signed")
            << signSegments(h, p.left(p.size() - p.size() % 4) + 'A') << TokenFailure::Malformed;

    // JSON.
    QTest::newRow("header not JSON") << signRaw("not json", compactJson(claims)) << TokenFailure::Malformed;
    QTest::newRow("payload not JSON") << signRaw(compactJson(header), "{sub: alice}") << TokenFailure::Malformed;
    QTest::newRow("header JSON array") << signRaw(R"(["HS256"])", compactJson(claims)) << TokenFailure::Malformed;
    QTest::newRow("payload JSON array") << signRaw(compactJson(header), QJsonDocument(QJsonArray{claims}).toJson())
                                        << TokenFailure::Malformed;
    QTest::newRow("payload JSON string") << signRaw(compactJson(header), R"("alice")") << TokenFailure::Malformed;
    QTest::newRow("payload invalid UTF-8")
            << signRaw(compactJson(header), "{\"sub\":\"\xff\"}") << TokenFailure::Malformed;
    QTest::newRow("payload with trailing garbage")
            << signRaw(compactJson(header), compactJson(claims) + "x") << TokenFailure::Malformed;

    // Signature.
    QTest::newRow("signed with another key") << makeToken(header, claims, otherKey()) << TokenFailure::BadSignature;
    QTest::newRow("signature stripped") << QByteArray(h + '.' + p + '.') << TokenFailure::BadSignature;
    QTest::newRow("signature truncated") << QByteArray(h + '.' + p + '.' + Base64Url::encode(mac.left(31)))
                                         << TokenFailure::BadSignature;
    QTest::newRow("signature one byte long")
            << QByteArray(h + '.' + p + '.' + Base64Url::encode(mac + '\0')) << TokenFailure::BadSignature;
    QTest::newRow("signature zeros") << QByteArray(h + '.' + p + '.' + Base64Url::encode(QByteArray(32, '\0')))
                                     << TokenFailure::BadSignature;
    QTest::newRow("signature of other payload") << QByteArray(
            h + '.' + p + '.'
            + makeToken(header, with(claims, QStringLiteral("sub"), QStringLiteral("bob"))).split('.').at(2))
                                                << TokenFailure::BadSignature;

    // The header never chooses the algorithm or the key.
    for (const char *none : {"none", "None", "NONE", "nOnE"}) {
        const QByteArray signedNone = withHeader(QStringLiteral("alg"), QString::fromLatin1(none));
        QTest::addRow("alg %s, signed", none) << signedNone << TokenFailure::AlgNotAllowed;
        QTest::addRow("alg %s, no signature", none)
                << QByteArray(signedNone.left(signedNone.lastIndexOf('.') + 1)) << TokenFailure::AlgNotAllowed;
    }
    QTest::newRow("alg HS384 with HMAC-SHA384")
            << makeToken(with(header, QStringLiteral("alg"), QStringLiteral("HS384")), claims, testKey(), "SHA384")
            << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg HS512 with HMAC-SHA512")
            << makeToken(with(header, QStringLiteral("alg"), QStringLiteral("HS512")), claims, testKey(), "SHA512")
            << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg HS384 with HMAC-SHA256")
            << withHeader(QStringLiteral("alg"), QStringLiteral("HS384")) << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg RS256") << withHeader(QStringLiteral("alg"), QStringLiteral("RS256"))
                               << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg ES256") << withHeader(QStringLiteral("alg"), QStringLiteral("ES256"))
                               << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg hs256") << withHeader(QStringLiteral("alg"), QStringLiteral("hs256"))
                               << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg missing") << makeToken(without(header, QStringLiteral("alg")), claims)
                                 << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg number") << withHeader(QStringLiteral("alg"), 256) << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg array") << withHeader(QStringLiteral("alg"), QJsonArray{QStringLiteral("HS256")})
                               << TokenFailure::AlgNotAllowed;
    QTest::newRow("alg null") << withHeader(QStringLiteral("alg"), QJsonValue::Null) << TokenFailure::AlgNotAllowed;
    // Qt keeps the last duplicate (allowed by RFC 7515 5.2): "none" must win here.
    QTest::newRow("alg duplicated, none last")
            << signRaw(R"({"alg":"HS256","alg":"none","typ":"at+jwt"})", compactJson(claims))
            << TokenFailure::AlgNotAllowed;
    QTest::newRow("jwk header") << withHeader(
            QStringLiteral("jwk"),
            QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")},
                        {QStringLiteral("k"), QString::fromLatin1(Base64Url::encode(otherKey()))}})
                                << TokenFailure::AlgNotAllowed;
    QTest::newRow("jku header") << withHeader(QStringLiteral("jku"), QStringLiteral("https://evil.example/jwks.json"))
                                << TokenFailure::AlgNotAllowed;
    QTest::newRow("x5u header") << withHeader(QStringLiteral("x5u"), QStringLiteral("https://evil.example/cert.pem"))
                                << TokenFailure::AlgNotAllowed;
    QTest::newRow("x5c header") << withHeader(QStringLiteral("x5c"), QJsonArray{QStringLiteral("MIIBszCCAVmgAwIBAgIU")})
                                << TokenFailure::AlgNotAllowed;
    QTest::newRow("unknown kid") << withHeader(QStringLiteral("kid"), QStringLiteral("default"))
                                 << TokenFailure::AlgNotAllowed;
    QTest::newRow("empty kid") << withHeader(QStringLiteral("kid"), QString()) << TokenFailure::AlgNotAllowed;
    QTest::newRow("kid traversal") << withHeader(QStringLiteral("kid"), QStringLiteral("../../dev/null"))
                                   << TokenFailure::AlgNotAllowed;
    QTest::newRow("crit exp") << withHeader(QStringLiteral("crit"), QJsonArray{QStringLiteral("exp")})
                              << TokenFailure::AlgNotAllowed;
    QTest::newRow("crit unknown") << makeToken(
            with(with(header, QStringLiteral("crit"), QJsonArray{QStringLiteral("x-unknown")}),
                 QStringLiteral("x-unknown"), true),
            claims) << TokenFailure::AlgNotAllowed;
    QTest::newRow("crit empty") << withHeader(QStringLiteral("crit"), QJsonArray()) << TokenFailure::AlgNotAllowed;
    QTest::newRow("crit b64") << makeToken(
            with(with(header, QStringLiteral("crit"), QJsonArray{QStringLiteral("b64")}), QStringLiteral("b64"), false),
            claims) << TokenFailure::AlgNotAllowed;

    // typ (RFC 9068 explicit typing).
    QTest::newRow("typ JWT") << withHeader(QStringLiteral("typ"), QStringLiteral("JWT")) << TokenFailure::WrongType;
    QTest::newRow("typ missing") << makeToken(without(header, QStringLiteral("typ")), claims)
                                 << TokenFailure::WrongType;
    QTest::newRow("typ empty") << withHeader(QStringLiteral("typ"), QString()) << TokenFailure::WrongType;
    QTest::newRow("typ number") << withHeader(QStringLiteral("typ"), 1) << TokenFailure::WrongType;
    QTest::newRow("typ with space") << withHeader(QStringLiteral("typ"), QStringLiteral("at+jwt "))
                                    << TokenFailure::WrongType;
    QTest::newRow("typ application/jwt") << withHeader(QStringLiteral("typ"), QStringLiteral("application/jwt"))
                                         << TokenFailure::WrongType;
    QTest::newRow("typ AT+JWT") << withHeader(QStringLiteral("typ"), QStringLiteral("AT+JWT")) << TokenFailure::None;
    QTest::newRow("typ application/at+jwt")
            << withHeader(QStringLiteral("typ"), QStringLiteral("application/at+jwt")) << TokenFailure::None;
    QTest::newRow("typ Application/AT+JWT")
            << withHeader(QStringLiteral("typ"), QStringLiteral("Application/AT+JWT")) << TokenFailure::None;

    // Times (leeway 30).
    const QString exp = QStringLiteral("exp");
    const QString nbf = QStringLiteral("nbf");
    QTest::newRow("expired beyond leeway") << withClaims(with(claims, exp, fixedNow - 31)) << TokenFailure::Expired;
    QTest::newRow("expired at leeway") << withClaims(with(claims, exp, fixedNow - 30)) << TokenFailure::Expired;
    QTest::newRow("expired within leeway") << withClaims(with(claims, exp, fixedNow - 29)) << TokenFailure::None;
    QTest::newRow("fractional exp just past leeway")
            << withClaims(with(claims, exp, fixedNow - 30.5)) << TokenFailure::Expired;
    QTest::newRow("fractional exp just inside leeway")
            << withClaims(with(claims, exp, fixedNow - 29.5)) << TokenFailure::None;
    QTest::newRow("exp missing") << withClaims(without(claims, exp)) << TokenFailure::Malformed;
    QTest::newRow("exp string") << withClaims(with(claims, exp, QString::number(fixedNow + 600)))
                                << TokenFailure::Malformed;
    QTest::newRow("exp null") << withClaims(with(claims, exp, QJsonValue::Null)) << TokenFailure::Malformed;
    QTest::newRow("exp bool") << withClaims(with(claims, exp, true)) << TokenFailure::Malformed;
    QTest::newRow("exp overflowing number")
            << signRaw(compactJson(header), compactJson(without(claims, exp)).chopped(1) + R"(,"exp":1e400})")
            << TokenFailure::Malformed;
    QTest::newRow("nbf beyond leeway") << withClaims(with(claims, nbf, fixedNow + 31)) << TokenFailure::NotYetValid;
    QTest::newRow("nbf at leeway") << withClaims(with(claims, nbf, fixedNow + 30)) << TokenFailure::None;
    QTest::newRow("nbf within leeway") << withClaims(with(claims, nbf, fixedNow + 29)) << TokenFailure::None;
    QTest::newRow("nbf string") << withClaims(with(claims, nbf, QStringLiteral("0"))) << TokenFailure::Malformed;

    // Issuer and audience.
    const QString iss = QStringLiteral("iss");
    const QString aud = QStringLiteral("aud");
    QTest::newRow("wrong iss") << withClaims(with(claims, iss, QStringLiteral("evil"))) << TokenFailure::WrongIssuer;
    QTest::newRow("iss other case") << withClaims(with(claims, iss, QStringLiteral("SignalGate")))
                                    << TokenFailure::WrongIssuer;
    QTest::newRow("iss missing") << withClaims(without(claims, iss)) << TokenFailure::WrongIssuer;
    QTest::newRow("iss array") << withClaims(with(claims, iss, QJsonArray{QStringLiteral("signalgate")}))
                               << TokenFailure::WrongIssuer;
    QTest::newRow("wrong aud") << withClaims(with(claims, aud, QStringLiteral("other-clients")))
                               << TokenFailure::WrongAudience;
    QTest::newRow("aud missing") << withClaims(without(claims, aud)) << TokenFailure::WrongAudience;
    QTest::newRow("aud array with it") << withClaims(
            with(claims, aud, QJsonArray{QStringLiteral("other"), QStringLiteral("signalgate-clients")}))
                                       << TokenFailure::None;
    QTest::newRow("aud array without it")
            << withClaims(with(claims, aud, QJsonArray{QStringLiteral("other"), QStringLiteral("signalgate")}))
            << TokenFailure::WrongAudience;
    QTest::newRow("aud empty array") << withClaims(with(claims, aud, QJsonArray())) << TokenFailure::WrongAudience;
    QTest::newRow("aud nested array") << withClaims(
            with(claims, aud, QJsonArray{QJsonArray{QStringLiteral("signalgate-clients")}}))
                                      << TokenFailure::WrongAudience;

    // Other required claims.
    const QString sub = QStringLiteral("sub");
    const QString jti = QStringLiteral("jti");
    const QString iat = QStringLiteral("iat");
    QTest::newRow("sub missing") << withClaims(without(claims, sub)) << TokenFailure::Malformed;
    QTest::newRow("sub empty") << withClaims(with(claims, sub, QString())) << TokenFailure::Malformed;
    QTest::newRow("sub number") << withClaims(with(claims, sub, 42)) << TokenFailure::Malformed;
    QTest::newRow("jti missing") << withClaims(without(claims, jti)) << TokenFailure::Malformed;
    QTest::newRow("jti empty") << withClaims(with(claims, jti, QString())) << TokenFailure::Malformed;
    QTest::newRow("iat missing") << withClaims(without(claims, iat)) << TokenFailure::Malformed;
    QTest::newRow("iat string") << withClaims(with(claims, iat, QStringLiteral("now"))) << TokenFailure::Malformed;
    QTest::newRow("scope number") << withClaims(with(claims, QStringLiteral("scope"), 7)) << TokenFailure::Malformed;
    QTest::newRow("fam array") << withClaims(with(claims, QStringLiteral("fam"), QJsonArray()))
                               << TokenFailure::Malformed;
    QTest::newRow("scope and fam absent")
            << withClaims(without(without(claims, QStringLiteral("scope")), QStringLiteral("fam")))
            << TokenFailure::None;
}

void TestJws::hostile()
{
    QFETCH(QByteArray, token);
    QFETCH(TokenFailure, expected);

    const AccessTokenResult result = makeVerifier().verify(token, fixedNow);
    QCOMPARE(result.failure, expected);
    QCOMPARE(result.ok(), expected == TokenFailure::None);
    if (result.ok())
        QCOMPARE(result.claims.subject, QStringLiteral("alice"));
}

void TestJws::sizeLimit_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<qsizetype>("expectedSize");
    QTest::addColumn<TokenFailure>("expected");

    // Pads a claim until the whole token has exactly the wanted length; an empty
    // token (not found) fails the size comparison in the test.
    const auto tokenOfSize = [](qsizetype size) {
        for (qsizetype pad = 0; pad < 2 * size; ++pad) {
            QByteArray token = makeToken(goodHeader(), with(goodClaims(), QStringLiteral("pad"), QString(pad, u'x')));
            if (token.size() == size)
                return token;
            if (token.size() > size)
                break;
        }
        return QByteArray();
    };
    const qsizetype limit = JwsVerifier::DefaultMaxTokenBytes;
    QCOMPARE(limit, qsizetype(8192));

    QTest::newRow("exactly at the limit") << tokenOfSize(limit) << limit << TokenFailure::None;
    QTest::newRow("one byte over") << tokenOfSize(limit + 1) << limit + 1 << TokenFailure::TooLarge;
    const QByteArray big = makeToken(goodHeader(), with(goodClaims(), QStringLiteral("pad"), QString(20000, u'x')));
    QTest::newRow("big claim") << big << big.size() << TokenFailure::TooLarge;
    // The size check comes before the alphabet: junk this long is TooLarge, not Malformed.
    const QByteArray junk(limit + 1, ' ');
    QTest::newRow("oversized junk") << junk << junk.size() << TokenFailure::TooLarge;
    const QByteArray megabyte(1 << 20, 'A');
    QTest::newRow("one megabyte") << megabyte << megabyte.size() << TokenFailure::TooLarge;
}

void TestJws::sizeLimit()
{
    QFETCH(QByteArray, token);
    QFETCH(qsizetype, expectedSize);
    QFETCH(TokenFailure, expected);

    QCOMPARE(token.size(), expectedSize);
    QCOMPARE(makeVerifier().verify(token, fixedNow).failure, expected);
}

void TestJws::validTokenClaims()
{
    const AccessTokenResult result = makeVerifier().verify(makeToken(goodHeader(), goodClaims()), fixedNow);
    QCOMPARE(result.failure, TokenFailure::None);
    QCOMPARE(result.claims.subject, QStringLiteral("alice"));
    QCOMPARE(result.claims.issuer, QStringLiteral("signalgate"));
    QCOMPARE(result.claims.jwtId, QStringLiteral("jti-0001"));
    QCOMPARE(result.claims.scope, QStringLiteral("signals:publish admin"));
    QCOMPARE(result.claims.family, QStringLiteral("family-7"));
    QCOMPARE(result.claims.issuedAt, fixedNow - 60);
    QCOMPARE(result.claims.expiresAt, fixedNow + 840);

    // A fractional exp is still valid until ceil(exp) (+ leeway) with an integer clock.
    const AccessTokenResult fractional = makeVerifier().verify(
            makeToken(goodHeader(), with(goodClaims(), QStringLiteral("exp"), fixedNow + 100.25)), fixedNow);
    QCOMPARE(fractional.failure, TokenFailure::None);
    QCOMPARE(fractional.claims.expiresAt, fixedNow + 101);

    // A signed but absurd exp must not overflow the integer conversion.
    const AccessTokenResult huge =
            makeVerifier().verify(makeToken(goodHeader(), with(goodClaims(), QStringLiteral("exp"), 1e300)), fixedNow);
    QCOMPARE(huge.failure, TokenFailure::None);
    QCOMPARE(huge.claims.expiresAt, std::numeric_limits<qint64>::max());
}

void TestJws::issuerRoundTrip()
{
    const TokenIssuer issuer(JwsKey::hmacSha256(testKey()), QStringLiteral("signalgate"),
                             QStringLiteral("signalgate-clients"), 900);
    QCOMPARE(issuer.accessTtl(), qint64(900));
    const TokenIssuer::Issued first = issuer.issue(QStringLiteral("alice"), QStringLiteral("admin signals:publish"),
                                                   QStringLiteral("fam-1"), fixedNow);
    const TokenIssuer::Issued second = issuer.issue(QStringLiteral("alice"), QStringLiteral("admin signals:publish"),
                                                    QStringLiteral("fam-1"), fixedNow);

    QVERIFY(!first.token.isEmpty());
    QCOMPARE(first.expiresAt, fixedNow + 900);
    QCOMPARE(first.jwtId.size(), 22);   // 16 random bytes, base64url
    QVERIFY(Base64Url::decode(first.jwtId.toLatin1()).has_value());
    QVERIFY(first.jwtId != second.jwtId);
    QVERIFY(first.token != second.token);

    const QList<QByteArray> segments = first.token.split('.');
    QCOMPARE(segments.size(), 3);
    QCOMPARE(*Base64Url::decode(segments.at(0)), QByteArray(R"({"alg":"HS256","typ":"at+jwt"})"));
    const QJsonObject payload = QJsonDocument::fromJson(*Base64Url::decode(segments.at(1))).object();
    QCOMPARE(payload.value(QLatin1StringView("aud")), QJsonValue(QStringLiteral("signalgate-clients")));
    QCOMPARE(payload.value(QLatin1StringView("iat")).toInteger(), fixedNow);
    QCOMPARE(payload.size(), 8);   // iss aud sub iat exp jti scope fam, nothing else

    const AccessTokenVerifier verifier = makeVerifier();
    for (const TokenIssuer::Issued &issued : {first, second}) {
        const AccessTokenResult result = verifier.verify(issued.token, fixedNow);
        QCOMPARE(result.failure, TokenFailure::None);
        QCOMPARE(result.claims.subject, QStringLiteral("alice"));
        QCOMPARE(result.claims.issuer, QStringLiteral("signalgate"));
        QCOMPARE(result.claims.jwtId, issued.jwtId);
        QCOMPARE(result.claims.scope, QStringLiteral("admin signals:publish"));
        QCOMPARE(result.claims.family, QStringLiteral("fam-1"));
        QCOMPARE(result.claims.issuedAt, fixedNow);
        QCOMPARE(result.claims.expiresAt, issued.expiresAt);
    }
    // Valid for its lifetime plus leeway, not one second more.
    QCOMPARE(verifier.verify(first.token, fixedNow + 900 + leeway - 1).failure, TokenFailure::None);
    QCOMPARE(verifier.verify(first.token, fixedNow + 900 + leeway).failure, TokenFailure::Expired);

    QSet<QString> ids;
    for (int i = 0; i < 200; ++i)
        ids.insert(issuer.issue(QStringLiteral("bob"), QString(), QString(), fixedNow).jwtId);
    QCOMPARE(ids.size(), 200);
}

void TestJws::issuerOmitsEmptyClaims()
{
    const TokenIssuer issuer(JwsKey::hmacSha256(testKey()), QStringLiteral("signalgate"),
                             QStringLiteral("signalgate-clients"), 900);
    const TokenIssuer::Issued issued = issuer.issue(QStringLiteral("bob"), QString(), QString(), fixedNow);
    const JwsResult jws = JwsVerifier(JwsKey::hmacSha256(testKey())).verify(issued.token);
    QVERIFY(jws.ok());
    QVERIFY(!jws.payload.contains(QLatin1StringView("scope")));
    QVERIFY(!jws.payload.contains(QLatin1StringView("fam")));

    const AccessTokenResult result = makeVerifier().verify(issued.token, fixedNow);
    QCOMPARE(result.failure, TokenFailure::None);
    QVERIFY(result.claims.scope.isEmpty());
    QVERIFY(result.claims.family.isEmpty());

    // Another key's verifier must refuse what this issuer signs.
    const AccessTokenVerifier other(JwsVerifier(JwsKey::hmacSha256(otherKey())), AccessTokenPolicy());
    QCOMPARE(other.verify(issued.token, fixedNow).failure, TokenFailure::BadSignature);
}

void TestJws::issuerDefaultClaimOverrides()
{
    const TokenIssuer issuer(JwsKey::hmacSha256(testKey()), QStringLiteral("signalgate"),
                             QStringLiteral("signalgate-clients"), 900);
    const QJsonObject defaults = issuer.defaultClaims(QStringLiteral("carol"), QStringLiteral("admin"), fixedNow);
    QCOMPARE(defaults.value(QLatin1StringView("sub")).toString(), QStringLiteral("carol"));
    QCOMPARE(defaults.value(QLatin1StringView("scope")).toString(), QStringLiteral("admin"));
    QCOMPARE(defaults.value(QLatin1StringView("exp")).toInteger(), fixedNow + 900);
    QVERIFY(!defaults.value(QLatin1StringView("jti")).toString().isEmpty());
    QCOMPARE(makeVerifier().verify(issuer.signer().sign(defaults), fixedNow).failure, TokenFailure::None);

    const QJsonObject overridden = issuer.defaultClaims(
            QStringLiteral("carol"), QString(), fixedNow,
            {{QStringLiteral("jti"), QJsonValue::Null}, {QStringLiteral("aud"), QStringLiteral("elsewhere")}});
    QVERIFY(!overridden.contains(QLatin1StringView("jti")));
    QVERIFY(!overridden.contains(QLatin1StringView("scope")));
    QCOMPARE(overridden.value(QLatin1StringView("aud")).toString(), QStringLiteral("elsewhere"));
    QCOMPARE(makeVerifier().verify(issuer.signer().sign(overridden), fixedNow).failure, TokenFailure::WrongAudience);
}

void TestJws::failureReasons_data()
{
    QTest::addColumn<TokenFailure>("failure");
    QTest::addColumn<QString>("reason");

    QTest::newRow("None") << TokenFailure::None << QString();
    QTest::newRow("Missing") << TokenFailure::Missing << QStringLiteral("missing");
    QTest::newRow("Malformed") << TokenFailure::Malformed << QStringLiteral("malformed");
    QTest::newRow("BadSignature") << TokenFailure::BadSignature << QStringLiteral("bad_signature");
    QTest::newRow("Expired") << TokenFailure::Expired << QStringLiteral("expired");
    QTest::newRow("NotYetValid") << TokenFailure::NotYetValid << QStringLiteral("not_yet_valid");
    QTest::newRow("WrongIssuer") << TokenFailure::WrongIssuer << QStringLiteral("wrong_issuer");
    QTest::newRow("WrongAudience") << TokenFailure::WrongAudience << QStringLiteral("wrong_audience");
    QTest::newRow("AlgNotAllowed") << TokenFailure::AlgNotAllowed << QStringLiteral("alg_not_allowed");
    QTest::newRow("WrongType") << TokenFailure::WrongType << QStringLiteral("wrong_type");
    QTest::newRow("Revoked") << TokenFailure::Revoked << QStringLiteral("revoked");
    QTest::newRow("TooLarge") << TokenFailure::TooLarge << QStringLiteral("too_large");
}

void TestJws::failureReasons()
{
    QFETCH(TokenFailure, failure);
    QFETCH(QString, reason);
    QCOMPARE(tokenFailureReason(failure), reason);
}

namespace {

// RFC 7515 appendix A.3 (ES256): the token and the JWK of its P-256 key.
const char rfcA3Token[] =
        "eyJhbGciOiJFUzI1NiJ9"
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const char rfcA3JwkX[] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const char rfcA3JwkY[] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
const char rfcA3JwkD[] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";

// RFC 8037 appendices A.1 and A.4 (Ed25519): key, signing input and signature.
const char rfc8037D[] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
const char rfc8037X[] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const char rfc8037SigningInput[] = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
const char rfc8037Signature[] =
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

// The order n of P-256 (SEC 2 / FIPS 186-4), typed in here so the test does
// not take it from the same OpenSSL call the code under test uses.
QByteArray p256Order()
{
    return QByteArray::fromHex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
}

// Generated once per run: RSA key generation takes a noticeable fraction of a second.
struct GeneratedKeys
{
    TestKeys::Key rsa = TestKeys::rsa(2048);
    TestKeys::Key otherRsa = TestKeys::rsa(2048);
    TestKeys::Key p256 = TestKeys::ec("P-256");
    TestKeys::Key otherP256 = TestKeys::ec("P-256");
    TestKeys::Key ed25519 = TestKeys::generate("ED25519");
    TestKeys::Key otherEd25519 = TestKeys::generate("ED25519");
};

const GeneratedKeys &keys()
{
    static const GeneratedKeys generated;
    return generated;
}

TestKeys::Key keyFor(JwsAlgorithm algorithm, bool other = false)
{
    switch (algorithm) {
    case JwsAlgorithm::RS256:
        return other ? keys().otherRsa : keys().rsa;
    case JwsAlgorithm::ES256:
        return other ? keys().otherP256 : keys().p256;
    case JwsAlgorithm::EdDSA:
        return other ? keys().otherEd25519 : keys().ed25519;
    case JwsAlgorithm::HS256:
        break;
    }
    return {};
}

// Private + public PEM of the generated key for algorithm; nullopt (with a
// warning naming the reason) only if the code under test refuses a good key.
std::optional<JwsKey> pemKey(JwsAlgorithm algorithm, bool withPrivate, bool withPublic, bool other = false)
{
    const TestKeys::Key key = keyFor(algorithm, other);
    QString error;
    std::optional<JwsKey> result = JwsKey::fromPem(algorithm, withPrivate ? TestKeys::privatePem(key) : QByteArray(),
                                                   withPublic ? TestKeys::publicPem(key) : QByteArray(), &error);
    if (!result)
        qWarning("fromPem refused a good key: %s", qPrintable(error));
    return result;
}

QJsonObject headerFor(const QString &alg)
{
    return {{QStringLiteral("alg"), alg}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
}

QByteArray signingInput(const QJsonObject &header, const QJsonObject &payload)
{
    return Base64Url::encode(compactJson(header)) + '.' + Base64Url::encode(compactJson(payload));
}

QByteArray withSignature(const QByteArray &input, const QByteArray &signature)
{
    return input + '.' + Base64Url::encode(signature);
}

}   // namespace

void TestJws::rfc7515A3Es256()
{
    const QByteArray x = *Base64Url::decode(rfcA3JwkX);
    const QByteArray y = *Base64Url::decode(rfcA3JwkY);
    QCOMPARE(x.size(), 32);
    QCOMPARE(y.size(), 32);
    const QByteArray publicPem = TestKeys::publicPem(TestKeys::p256Key(x, y));
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));

    QString error;
    const std::optional<JwsKey> key = JwsKey::fromPem(JwsAlgorithm::ES256, {}, publicPem, &error);
    QVERIFY2(key.has_value(), qPrintable(error));
    QVERIFY(!key->canSign());

    const JwsVerifier verifier(*key);
    const JwsResult result = verifier.verify(rfcA3Token);
    QCOMPARE(result.failure, TokenFailure::None);
    QCOMPARE(result.header.value(QLatin1StringView("alg")).toString(), QStringLiteral("ES256"));
    QCOMPARE(result.payload.value(QLatin1StringView("iss")).toString(), QStringLiteral("joe"));
    QCOMPARE(result.payload.value(QLatin1StringView("exp")).toInteger(), rfcA1Exp);

    const QByteArray token(rfcA3Token);
    const QByteArray input = token.left(token.lastIndexOf('.'));
    const QByteArray signature = *Base64Url::decode(token.mid(token.lastIndexOf('.') + 1));
    QCOMPARE(signature.size(), 64);
    QVERIFY(key->verify(input, signature));
    // One byte changed anywhere in R or S, or in the signed input: refused.
    for (qsizetype i = 0; i < signature.size(); ++i) {
        QByteArray flipped = signature;
        flipped[i] = char(flipped.at(i) ^ 0x01);
        QVERIFY2(!key->verify(input, flipped), qPrintable(QString::number(i)));
    }
    QVERIFY(!key->verify(replaceAt(input, input.size() - 1, 'R'), signature));
    QCOMPARE(verifier.verify(replaceAt(token, token.indexOf('.') + 5, 'A')).failure, TokenFailure::BadSignature);
    QVERIFY(!key->verify(input, signature.left(63)));
    QVERIFY(!key->verify(input, signature + '\0'));

    // The RFC's private key with its public key is one pair; what it signs is
    // 64 raw bytes that the public key alone accepts (ECDSA is randomized, so
    // the RFC's exact signature cannot be reproduced).
    const QByteArray d = *Base64Url::decode(rfcA3JwkD);
    const QByteArray privatePem = TestKeys::privatePem(TestKeys::p256Key(x, y, d));
    const std::optional<JwsKey> pair = JwsKey::fromPem(JwsAlgorithm::ES256, privatePem, publicPem, &error);
    QVERIFY2(pair.has_value(), qPrintable(error));
    QVERIFY(pair->canSign());
    const QByteArray mine = pair->sign(input);
    QCOMPARE(mine.size(), 64);
    QVERIFY(key->verify(input, mine));
    QVERIFY(pair->verify(input, signature));
}

void TestJws::rfc8037A4Ed25519()
{
    const QByteArray d = *Base64Url::decode(rfc8037D);
    const QByteArray x = *Base64Url::decode(rfc8037X);
    const TestKeys::Key privateKey = TestKeys::ed25519PrivateKey(d);
    QVERIFY(privateKey);
    QCOMPARE(TestKeys::rawPublicKey(privateKey), x);   // the vector's d and x belong together

    QString error;
    const std::optional<JwsKey> key =
            JwsKey::fromPem(JwsAlgorithm::EdDSA, TestKeys::privatePem(privateKey), {}, &error);
    QVERIFY2(key.has_value(), qPrintable(error));
    QVERIFY(key->canSign());

    const QByteArray input(rfc8037SigningInput);
    const QByteArray expected = *Base64Url::decode(rfc8037Signature);
    QCOMPARE(expected.size(), 64);
    QCOMPARE(key->sign(input), expected);   // Ed25519 is deterministic
    QVERIFY(key->verify(input, expected));

    const std::optional<JwsKey> publicOnly =
            JwsKey::fromPem(JwsAlgorithm::EdDSA, {}, TestKeys::publicPem(TestKeys::ed25519PublicKey(x)), &error);
    QVERIFY2(publicOnly.has_value(), qPrintable(error));
    QVERIFY(publicOnly->verify(input, expected));
    QVERIFY(publicOnly->sign(input).isEmpty());

    for (const qsizetype i : {qsizetype(0), qsizetype(31), qsizetype(32), qsizetype(63)}) {
        QByteArray flipped = expected;
        flipped[i] = char(flipped.at(i) ^ 0x01);
        QVERIFY2(!publicOnly->verify(input, flipped), qPrintable(QString::number(i)));
    }
    QVERIFY(!publicOnly->verify(replaceAt(input, input.size() - 1, 'Z'), expected));
    QVERIFY(!publicOnly->verify(input, expected.left(63)));
    QVERIFY(!publicOnly->verify(input, expected + '\0'));
    QVERIFY(!publicOnly->verify(input, QByteArray()));
}

void TestJws::rs256RoundTrip()
{
    const std::optional<JwsKey> key = pemKey(JwsAlgorithm::RS256, true, true);
    QVERIFY(key.has_value());
    QCOMPARE(key->algorithm(), JwsAlgorithm::RS256);
    const QByteArray input("header.payload");
    const QByteArray signature = key->sign(input);
    QCOMPARE(signature.size(), 256);
    // PKCS#1 v1.5 is deterministic, PSS is not: equal signatures show the padding.
    QCOMPARE(key->sign(input), signature);
    QVERIFY(key->verify(input, signature));

    QByteArray flipped = signature;
    flipped[100] = char(flipped.at(100) ^ 0x01);
    QVERIFY(!key->verify(input, flipped));
    QVERIFY(!key->verify("header.payloae", signature));
    QVERIFY(!key->verify(input, signature.left(255)));
    QVERIFY(!key->verify(input, QByteArray(1, '\0') + signature));

    const JwsSigner signer(*key);
    const QByteArray token = signer.sign(goodClaims());
    QCOMPARE(*Base64Url::decode(token.split('.').at(0)), QByteArray(R"({"alg":"RS256","typ":"at+jwt"})"));
    const std::optional<JwsKey> publicOnly = pemKey(JwsAlgorithm::RS256, false, true);
    QVERIFY(publicOnly.has_value());
    QCOMPARE(JwsVerifier(*publicOnly).verify(token).failure, TokenFailure::None);
    const std::optional<JwsKey> other = pemKey(JwsAlgorithm::RS256, false, true, true);
    QVERIFY(other.has_value());
    QCOMPARE(JwsVerifier(*other).verify(token).failure, TokenFailure::BadSignature);
}

void TestJws::rsaUnder2048IsRefused()
{
    const TestKeys::Key small = TestKeys::rsa(1024);
    QVERIFY(small);
    QString error;
    QVERIFY(!JwsKey::fromPem(JwsAlgorithm::RS256, TestKeys::privatePem(small), {}, &error).has_value());
    QVERIFY2(error.contains(QLatin1String("1024 bits")) && error.contains(QLatin1String("at least 2048")),
             qPrintable(error));
    error.clear();
    QVERIFY(!JwsKey::fromPem(JwsAlgorithm::RS256, {}, TestKeys::publicPem(small), &error).has_value());
    QVERIFY2(error.contains(QLatin1String("at least 2048")), qPrintable(error));
}

void TestJws::asymmetricIssuerRoundTrip_data()
{
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::newRow("RS256") << JwsAlgorithm::RS256;
    QTest::newRow("ES256") << JwsAlgorithm::ES256;
    QTest::newRow("EdDSA") << JwsAlgorithm::EdDSA;
}

void TestJws::asymmetricIssuerRoundTrip()
{
    QFETCH(JwsAlgorithm, algorithm);
    const std::optional<JwsKey> signing = pemKey(algorithm, true, false);
    const std::optional<JwsKey> verifying = pemKey(algorithm, false, true);
    QVERIFY(signing && verifying);

    const TokenIssuer issuer(*signing, QStringLiteral("signalgate"), QStringLiteral("signalgate-clients"), 900);
    QVERIFY(issuer.canSign());
    const TokenIssuer::Issued issued =
            issuer.issue(QStringLiteral("alice"), QStringLiteral("admin"), QStringLiteral("fam-1"), fixedNow);
    QVERIFY(!issued.token.isEmpty());
    const QJsonObject header = QJsonDocument::fromJson(*Base64Url::decode(issued.token.split('.').at(0))).object();
    QCOMPARE(header.value(QLatin1StringView("alg")).toString(), jwsAlgorithmName(algorithm));

    AccessTokenPolicy policy;
    policy.issuer = QStringLiteral("signalgate");
    policy.audience = QStringLiteral("signalgate-clients");
    const AccessTokenVerifier verifier(JwsVerifier(*verifying), policy);
    const AccessTokenResult result = verifier.verify(issued.token, fixedNow);
    QCOMPARE(result.failure, TokenFailure::None);
    QCOMPARE(result.claims.subject, QStringLiteral("alice"));
    QCOMPARE(result.claims.jwtId, issued.jwtId);
    // The signing key verifies too (it derives its public half).
    QCOMPARE(AccessTokenVerifier(JwsVerifier(*signing), policy).verify(issued.token, fixedNow).failure,
             TokenFailure::None);

    const std::optional<JwsKey> other = pemKey(algorithm, false, true, true);
    QVERIFY(other.has_value());
    QCOMPARE(AccessTokenVerifier(JwsVerifier(*other), policy).verify(issued.token, fixedNow).failure,
             TokenFailure::BadSignature);
}

void TestJws::verifyOnlyKey_data()
{
    asymmetricIssuerRoundTrip_data();
}

void TestJws::verifyOnlyKey()
{
    QFETCH(JwsAlgorithm, algorithm);
    const std::optional<JwsKey> publicOnly = pemKey(algorithm, false, true);
    QVERIFY(publicOnly.has_value());
    QVERIFY(!publicOnly->canSign());
    QVERIFY(publicOnly->sign("header.payload").isEmpty());
    QVERIFY(JwsSigner(*publicOnly).sign(goodClaims()).isEmpty());   // never "header.payload."
    const TokenIssuer issuer(*publicOnly, QStringLiteral("signalgate"), QStringLiteral("signalgate-clients"), 900);
    QVERIFY(!issuer.canSign());
    QVERIFY(issuer.issue(QStringLiteral("alice"), QString(), QString(), fixedNow).token.isEmpty());

    // Copies share the key: both still verify after the original is gone.
    std::optional<JwsKey> copy;
    {
        const std::optional<JwsKey> signing = pemKey(algorithm, true, false);
        QVERIFY(signing.has_value());
        copy = signing;
    }
    const QByteArray token = JwsSigner(*copy).sign(goodClaims());
    QVERIFY(!token.isEmpty());
    QCOMPARE(JwsVerifier(*publicOnly).verify(token).failure, TokenFailure::None);

    // Only HS256 keys are made from secrets; the HS256 "can sign" rule is unchanged.
    QVERIFY(JwsKey::hmacSha256(QByteArray(32, 'k')).canSign());
    QVERIFY(!JwsKey::hmacSha256(QByteArray(31, 'k')).canSign());
}

void TestJws::wrongKeyType_data()
{
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("privatePem");
    QTest::addColumn<QByteArray>("publicPem");
    QTest::addColumn<QString>("mentions");

    const auto row = [](const char *name, JwsAlgorithm algorithm, const TestKeys::Key &key, const char *mentions) {
        QVERIFY2(key, name);
        QTest::newRow(name) << algorithm << TestKeys::privatePem(key) << TestKeys::publicPem(key)
                            << QString::fromLatin1(mentions);
    };
    row("EC P-256 key for RS256", JwsAlgorithm::RS256, keys().p256, "needs an RSA key of at least 2048 bits");
    row("Ed25519 key for RS256", JwsAlgorithm::RS256, keys().ed25519, "needs an RSA key");
    row("RSA-PSS key for RS256", JwsAlgorithm::RS256, TestKeys::rsa(2048, "RSA-PSS"), "needs an RSA key");
    row("RSA key for EdDSA", JwsAlgorithm::EdDSA, keys().rsa, "EdDSA needs an Ed25519 key");
    row("Ed448 key for EdDSA", JwsAlgorithm::EdDSA, TestKeys::generate("ED448"), "EdDSA needs an Ed25519 key");
    row("X25519 key for EdDSA", JwsAlgorithm::EdDSA, TestKeys::generate("X25519"), "EdDSA needs an Ed25519 key");
    row("P-384 key for ES256", JwsAlgorithm::ES256, TestKeys::ec("P-384"), "ES256 needs an EC key on P-256");
    row("secp256k1 key for ES256", JwsAlgorithm::ES256, TestKeys::ec("secp256k1"), "ES256 needs an EC key on P-256");
    row("RSA key for ES256", JwsAlgorithm::ES256, keys().rsa, "ES256 needs an EC key on P-256");
    row("Ed25519 key for ES256", JwsAlgorithm::ES256, keys().ed25519, "ES256 needs an EC key on P-256");
}

void TestJws::wrongKeyType()
{
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(QByteArray, privatePem);
    QFETCH(QByteArray, publicPem);
    QFETCH(QString, mentions);
    QVERIFY(!privatePem.isEmpty() && !publicPem.isEmpty());

    QString error;
    QVERIFY(!JwsKey::fromPem(algorithm, privatePem, {}, &error).has_value());
    QVERIFY2(error.startsWith(QLatin1String("the private key is ")) && error.contains(mentions), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    error.clear();
    QVERIFY(!JwsKey::fromPem(algorithm, {}, publicPem, &error).has_value());
    QVERIFY2(error.startsWith(QLatin1String("the public key is ")) && error.contains(mentions), qPrintable(error));
    error.clear();
    QVERIFY(!JwsKey::fromPem(algorithm, privatePem, publicPem, &error).has_value());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestJws::pemProblems_data()
{
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("privatePem");
    QTest::addColumn<QByteArray>("publicPem");
    QTest::addColumn<QString>("mentions");

    const QByteArray p256Private = TestKeys::privatePem(keys().p256);
    const QByteArray p256Public = TestKeys::publicPem(keys().p256);
    QTest::newRow("neither") << JwsAlgorithm::ES256 << QByteArray() << QByteArray() << "needs a private key";
    QTest::newRow("HS256 from PEM") << JwsAlgorithm::HS256 << p256Private << p256Public << "HS256";
    QTest::newRow("garbage as private") << JwsAlgorithm::ES256 << QByteArray("not a key at all\n") << QByteArray()
                                        << "not an unencrypted PEM private key";
    QTest::newRow("garbage as public") << JwsAlgorithm::ES256 << QByteArray() << QByteArray("not a key at all\n")
                                       << "not a PEM public key";
    QTest::newRow("public key as private")
            << JwsAlgorithm::ES256 << p256Public << QByteArray() << "not an unencrypted PEM private key";
    QTest::newRow("private key as public")
            << JwsAlgorithm::ES256 << QByteArray() << p256Private << "not a PEM public key";
    QTest::newRow("truncated private") << JwsAlgorithm::ES256 << p256Private.left(p256Private.size() / 2)
                                       << QByteArray() << "not an unencrypted PEM private key";
    // Must fail at once: a passphrase prompt would hang a server (and this test).
    QTest::newRow("encrypted private") << JwsAlgorithm::ES256 << TestKeys::privatePem(keys().p256, "passphrase")
                                       << QByteArray() << "unencrypted";
    QTest::newRow("mismatched ES256 pair")
            << JwsAlgorithm::ES256 << p256Private << TestKeys::publicPem(keys().otherP256) << "not one key pair";
    QTest::newRow("mismatched RS256 pair") << JwsAlgorithm::RS256 << TestKeys::privatePem(keys().rsa)
                                           << TestKeys::publicPem(keys().otherRsa) << "not one key pair";
    QTest::newRow("mismatched EdDSA pair") << JwsAlgorithm::EdDSA << TestKeys::privatePem(keys().ed25519)
                                           << TestKeys::publicPem(keys().otherEd25519) << "not one key pair";
}

void TestJws::pemProblems()
{
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(QByteArray, privatePem);
    QFETCH(QByteArray, publicPem);
    QFETCH(QString, mentions);

    QString error;
    QVERIFY(!JwsKey::fromPem(algorithm, privatePem, publicPem, &error).has_value());
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
}

void TestJws::keyConfusion_data()
{
    asymmetricIssuerRoundTrip_data();
}

void TestJws::keyConfusion()
{
    QFETCH(JwsAlgorithm, algorithm);
    const QByteArray publicPem = TestKeys::publicPem(keyFor(algorithm));
    QString error;
    const std::optional<JwsKey> key = JwsKey::fromPem(algorithm, {}, publicPem, &error);
    QVERIFY2(key.has_value(), qPrintable(error));
    const JwsVerifier verifier(*key);
    const QString name = jwsAlgorithmName(algorithm);

    // The classic attack: the public key's PEM text, which anyone has, used as an HMAC secret.
    QCOMPARE(verifier.verify(makeToken(goodHeader(), goodClaims(), publicPem)).failure, TokenFailure::AlgNotAllowed);
    // The same MAC under the configured alg's name: the header passes, the signature must not.
    QCOMPARE(verifier.verify(makeToken(headerFor(name), goodClaims(), publicPem)).failure, TokenFailure::BadSignature);
    QCOMPARE(verifier.verify(makeToken(headerFor(name), goodClaims(), publicPem, "SHA512")).failure,
             TokenFailure::BadSignature);
    // A genuine signature by this key pair under another alg name, and none at all.
    const QByteArray genuineInput = signingInput(headerFor(QStringLiteral("HS256")), goodClaims());
    const std::optional<JwsKey> signing = pemKey(algorithm, true, false);
    QVERIFY(signing.has_value());
    QCOMPARE(verifier.verify(withSignature(genuineInput, signing->sign(genuineInput))).failure,
             TokenFailure::AlgNotAllowed);
    QCOMPARE(verifier.verify(signingInput(headerFor(QStringLiteral("none")), goodClaims()) + '.').failure,
             TokenFailure::AlgNotAllowed);
    QCOMPARE(verifier.verify(signingInput(headerFor(name), goodClaims()) + '.').failure, TokenFailure::BadSignature);
    // Control: the same claims signed properly are accepted.
    const QByteArray input = signingInput(headerFor(name), goodClaims());
    QCOMPARE(verifier.verify(withSignature(input, signing->sign(input))).failure, TokenFailure::None);

    // An HS256 server never accepts an asymmetric token, even one whose
    // "secret" happens to be that PEM text.
    const JwsVerifier hmacVerifier(JwsKey::hmacSha256(publicPem));
    QCOMPARE(hmacVerifier.verify(withSignature(input, signing->sign(input))).failure, TokenFailure::AlgNotAllowed);
}

void TestJws::es256HostileSignatures_data()
{
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<bool>("accepted");

    const std::optional<JwsKey> key = pemKey(JwsAlgorithm::ES256, true, false);
    QVERIFY(key.has_value());
    const QByteArray input = signingInput(headerFor(QStringLiteral("ES256")), goodClaims());
    const QByteArray genuine = key->sign(input);
    QCOMPARE(genuine.size(), 64);
    const QByteArray r = genuine.left(32);
    const QByteArray s = genuine.mid(32);
    const QByteArray n = p256Order();
    QCOMPARE(n.size(), 32);
    const QByteArray zero(32, '\0');

    QTest::newRow("genuine (control)") << genuine << true;
    QTest::newRow("all zero") << QByteArray(64, '\0') << false;
    QTest::newRow("r zero") << zero + s << false;
    QTest::newRow("s zero") << r + zero << false;
    QTest::newRow("r = n") << n + s << false;
    QTest::newRow("s = n") << r + n << false;
    QTest::newRow("r = n, s = n") << n + n << false;
    QTest::newRow("all 0xff") << QByteArray(64, '\xff') << false;
    QTest::newRow("DER instead of R||S") << TestKeys::derEcdsaSignature(keys().p256, input) << false;
    QTest::newRow("63 bytes") << genuine.left(63) << false;
    QTest::newRow("65 bytes") << QByteArray(1, '\0') + genuine << false;
    QTest::newRow("r and s swapped") << s + r << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestJws::es256HostileSignatures()
{
    QFETCH(QByteArray, signature);
    QFETCH(bool, accepted);

    const std::optional<JwsKey> key = pemKey(JwsAlgorithm::ES256, false, true);
    QVERIFY(key.has_value());
    const QByteArray input = signingInput(headerFor(QStringLiteral("ES256")), goodClaims());
    QCOMPARE(key->verify(input, signature), accepted);
    const TokenFailure failure = JwsVerifier(*key).verify(withSignature(input, signature)).failure;
    QCOMPARE(failure, accepted ? TokenFailure::None : TokenFailure::BadSignature);
}

void TestJws::eddsaHeaderSpellings_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<TokenFailure>("expected");
    QTest::newRow("EdDSA (control)") << QStringLiteral("EdDSA") << TokenFailure::None;
    QTest::newRow("Ed25519") << QStringLiteral("Ed25519") << TokenFailure::AlgNotAllowed;
    QTest::newRow("ed25519") << QStringLiteral("ed25519") << TokenFailure::AlgNotAllowed;
    QTest::newRow("eddsa") << QStringLiteral("eddsa") << TokenFailure::AlgNotAllowed;
    QTest::newRow("EDDSA") << QStringLiteral("EDDSA") << TokenFailure::AlgNotAllowed;
    QTest::newRow("EdDSA with a space") << QStringLiteral("EdDSA ") << TokenFailure::AlgNotAllowed;
    QTest::newRow("Ed448") << QStringLiteral("Ed448") << TokenFailure::AlgNotAllowed;
    QTest::newRow("ES256") << QStringLiteral("ES256") << TokenFailure::AlgNotAllowed;
}

void TestJws::eddsaHeaderSpellings()
{
    QFETCH(QString, alg);
    QFETCH(TokenFailure, expected);

    const std::optional<JwsKey> key = pemKey(JwsAlgorithm::EdDSA, true, true);
    QVERIFY(key.has_value());
    // A genuine Ed25519 signature each time: only the header's alg differs.
    const QByteArray token = JwsSigner(*key).sign(goodClaims(), {{QStringLiteral("alg"), alg}});
    QVERIFY(!token.isEmpty());
    QCOMPARE(JwsVerifier(*key).verify(token).failure, expected);
}

QTEST_GUILESS_MAIN(TestJws)
#include "tst_jws.moc"
