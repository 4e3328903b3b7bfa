#include "jwsverifier.h"

#include "base64url.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <array>
#include <optional>
#include <utility>

using namespace SignalGate::Protocol;

namespace SignalGate::Jose {

namespace {

bool isTokenChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
            || c == '.';
}

std::optional<QJsonObject> decodeJsonObject(QByteArrayView segment)
{
    const std::optional<QByteArray> json = Base64Url::decode(segment);
    if (!json)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    // Duplicate member names: Qt keeps the lexically last one, which RFC 7515 5.2
    // allows as the alternative to rejecting the token.
    return document.object();
}

// Header members that would let the token pick its own key (RFC 8725 3.10): the
// server has exactly one configured key, so their mere presence is hostile.
constexpr std::array<QStringView, 4> keySelectingMembers = {
        u"jwk",
        u"jku",
        u"x5u",
        u"x5c",
};

}   // namespace

JwsVerifier::JwsVerifier(JwsKey key, qsizetype maxTokenBytes) : m_key(std::move(key)), m_maxTokenBytes(maxTokenBytes) {}

JwsResult JwsVerifier::verify(QByteArrayView token) const noexcept
{
    // Callers sit on the connection path: an exception (allocation, a Qt internal)
    // must become a refusal, never an unwound handshake or an accepted token.
    try {
        return verifyUnchecked(token);
    } catch (...) {
        return JwsResult{};
    }
}

JwsResult JwsVerifier::verifyUnchecked(QByteArrayView token) const
{
    JwsResult result;
    if (token.isEmpty()) {
        result.failure = TokenFailure::Missing;
        return result;
    }
    // Before any scanning or decoding, so an attacker's megabyte costs one comparison.
    if (token.size() > m_maxTokenBytes) {
        result.failure = TokenFailure::TooLarge;
        return result;
    }

    qsizetype firstDot = -1;
    qsizetype secondDot = -1;
    int dots = 0;
    for (qsizetype i = 0; i < token.size(); ++i) {
        const char c = token.at(i);
        if (!isTokenChar(c)) {
            result.failure = TokenFailure::Malformed;
            return result;
        }
        if (c == '.') {
            ++dots;
            if (dots == 1)
                firstDot = i;
            else if (dots == 2)
                secondDot = i;
        }
    }
    if (dots != 2) {
        result.failure = TokenFailure::Malformed;
        return result;
    }

    const QByteArrayView headerSegment = token.first(firstDot);
    const QByteArrayView payloadSegment = token.sliced(firstDot + 1, secondDot - firstDot - 1);
    const QByteArrayView signatureSegment = token.sliced(secondDot + 1);
    if (headerSegment.isEmpty() || payloadSegment.isEmpty()) {
        result.failure = TokenFailure::Malformed;
        return result;
    }

    std::optional<QJsonObject> header = decodeJsonObject(headerSegment);
    if (!header) {
        result.failure = TokenFailure::Malformed;
        return result;
    }
    std::optional<QJsonObject> payload = decodeJsonObject(payloadSegment);
    if (!payload) {
        result.failure = TokenFailure::Malformed;
        return result;
    }

    // The header is only checked against the pinned key, never used to choose one.
    const QJsonValue alg = header->value(QLatin1StringView("alg"));
    const std::optional<JwsAlgorithm> algorithm = alg.isString() ? jwsAlgorithmFromName(alg.toString()) : std::nullopt;
    if (!algorithm || *algorithm != m_key.algorithm()) {
        result.failure = TokenFailure::AlgNotAllowed;
        return result;
    }
    for (const QStringView member : keySelectingMembers) {
        if (header->contains(member)) {
            result.failure = TokenFailure::AlgNotAllowed;
            return result;
        }
    }
    // A kid picks one key among several. The server has exactly one and no
    // key id, so any kid names a key it does not have.
    if (header->contains(QLatin1StringView("kid"))) {
        result.failure = TokenFailure::AlgNotAllowed;
        return result;
    }
    // RFC 7515 4.1.11: a recipient that does not understand a listed extension must
    // reject the token; we implement none, so any crit (even a malformed one) is refused.
    if (header->contains(QLatin1StringView("crit"))) {
        result.failure = TokenFailure::AlgNotAllowed;
        return result;
    }

    if (signatureSegment.isEmpty()) {
        result.failure = TokenFailure::BadSignature;
        return result;
    }
    const std::optional<QByteArray> signature = Base64Url::decode(signatureSegment);
    if (!signature || !m_key.verify(token.first(secondDot), *signature)) {
        result.failure = TokenFailure::BadSignature;
        return result;
    }

    result.failure = TokenFailure::None;
    result.header = std::move(*header);
    result.payload = std::move(*payload);
    return result;
}

}   // namespace SignalGate::Jose
