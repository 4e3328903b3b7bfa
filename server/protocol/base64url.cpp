#include "base64url.h"

#include <algorithm>
#include <utility>

namespace SignalGate::Protocol {

namespace {

constexpr auto encodingOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}   // namespace

namespace Base64Url {

QByteArray encode(QByteArrayView data)
{
    // fromRawData: toBase64 is a QByteArray member and the input need not be copied to call it.
    return QByteArray::fromRawData(data.data(), data.size()).toBase64(encodingOptions);
}

bool isAlphabet(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), isBase64UrlChar);
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    // Qt's decoder alone would accept '=' padding and, with Base64UrlEncoding, is not
    // documented to refuse every foreign character; the explicit alphabet check makes
    // the accepted language exactly the unpadded base64url alphabet.
    if (!isAlphabet(text))
        return std::nullopt;
    // One leftover character carries only 6 bits: never a whole byte, so never valid.
    if (text.size() % 4 == 1)
        return std::nullopt;

    const QByteArray input = QByteArray::fromRawData(text.data(), text.size());
    auto result = QByteArray::fromBase64Encoding(input, encodingOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (result.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return std::nullopt;
    // Non-zero unused trailing bits decode to the same bytes as the canonical text;
    // refusing them gives every value a single spelling (no signature-malleable twins).
    if (result.decoded.toBase64(encodingOptions) != input)
        return std::nullopt;
    return std::move(result.decoded);
}

}   // namespace Base64Url

}   // namespace SignalGate::Protocol
