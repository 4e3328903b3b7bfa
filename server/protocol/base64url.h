#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace SignalGate::Protocol {

// base64url without padding (RFC 7515 section 2). Decoding is strict: only the
// 64 alphabet characters, no '=', no whitespace, and the encoding must be the
// canonical one (unused trailing bits zero), so one token has one spelling.
namespace Base64Url {
QByteArray encode(QByteArrayView data);
std::optional<QByteArray> decode(QByteArrayView text);
// Only alphabet characters (empty is fine): what an unverified reader asks
// of a signature it will not decode.
bool isAlphabet(QByteArrayView text);
}   // namespace Base64Url

}   // namespace SignalGate::Protocol
