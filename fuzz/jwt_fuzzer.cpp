// libFuzzer target: access-token verification (AccessTokenVerifier over JwsVerifier).
//
// Pass 1 feeds the raw input as the token, exactly as a client could send it.
// Pass 2 reaches the claim checks, which random bytes never get to (they would
// need a valid HMAC): an input with a newline is taken as
// "<header JSON>\n<payload JSON>", encoded, signed with the fuzzer's key and verified.
//
// Key and clock are fixed so the seeds in corpus/jwt stay valid (see README.md).
#include "accesstokenverifier.h"
#include "base64url.h"
#include "jwskey.h"
#include "jwsverifier.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

extern "C" const char *__ubsan_default_options()
{
    // Undefined behaviour is a finding, not a log line.
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

// 32 bytes: the RFC 7518 minimum for HS256 (a shorter key would sign nothing).
constexpr char FuzzKey[] = "signalgate-fuzz-hs256-key-0123456789abcdef";
constexpr qint64 FuzzNow = 1700000000;   // 2023-11-14T22:13:20Z

const AccessTokenVerifier &verifier()
{
    static const AccessTokenVerifier instance(JwsVerifier(JwsKey::hmacSha256(QByteArray(FuzzKey))),
                                              AccessTokenPolicy{});
    return instance;
}

[[noreturn]] void violated()
{
    __builtin_trap();
}

// What every accepted token must satisfy, whatever the input.
void checkAccepted(QByteArrayView token, const AccessTokenResult &result)
{
    const AccessTokenVerifier &v = verifier();
    qsizetype dots = 0;
    for (const char c : token)
        dots += c == '.';
    if (dots != 2)
        violated();
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArrayView signingInput = token.first(lastDot);
    const QByteArrayView signature = token.sliced(lastDot + 1);
    const QByteArray resigned = Base64Url::encode(v.jws().key().sign(signingInput));
    if (resigned.isEmpty() || QByteArrayView(resigned) != signature)
        violated();

    // The claims handed to the caller are the ones the policy demands.
    const AccessTokenClaims &claims = result.claims;
    if (claims.subject.isEmpty() || claims.jwtId.isEmpty() || claims.issuer != v.policy().issuer)
        violated();
    // Not expired: now < exp + leeway, and expiresAt is exp rounded up (saturated).
    if (double(claims.expiresAt) + double(v.policy().leewaySeconds) <= double(FuzzNow))
        violated();
}

void verifyOne(QByteArrayView token)
{
    const AccessTokenResult result = verifier().verify(token, FuzzNow);
    if (result.ok()) {
        checkAccepted(token, result);
    } else if (!result.claims.subject.isEmpty() || !result.claims.jwtId.isEmpty()) {
        violated();   // a refusal carries no claims
    }
}

void verifyResigned(QByteArrayView input)
{
    const qsizetype newline = input.indexOf('\n');
    const QByteArray header = Base64Url::encode(input.first(newline));
    const QByteArray payload = Base64Url::encode(input.sliced(newline + 1));
    const QByteArray signingInput = header + '.' + payload;
    const QByteArray token = signingInput + '.' + Base64Url::encode(verifier().jws().key().sign(signingInput));
    const AccessTokenResult result = verifier().verify(token, FuzzNow);
    // The signature is right by construction: it can never be the reason for a refusal.
    if (result.failure == TokenFailure::BadSignature || result.failure == TokenFailure::Missing)
        violated();
    if (result.failure == TokenFailure::TooLarge && token.size() <= JwsVerifier::DefaultMaxTokenBytes)
        violated();
    if (result.ok())
        checkAccepted(token, result);
}

}   // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    verifyOne(input);
    if (input.contains('\n'))
        verifyResigned(input);
    return 0;
}
