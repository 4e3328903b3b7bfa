#include "securerandom.h"

#include "base64url.h"

#include <QtGlobal>

#include <openssl/rand.h>

using namespace SignalGate::Protocol;

namespace SignalGate::Jose {

namespace SecureRandom {

QByteArray bytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray buffer(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(buffer.data()), count) != 1) {
        // Tokens, ids and salts built from a failed generator would be guessable:
        // stopping is the only safe answer (qFatal aborts).
        qFatal("SecureRandom: RAND_bytes failed");
    }
    return buffer;
}

QByteArray token(int count)
{
    return Base64Url::encode(bytes(count));
}

}   // namespace SecureRandom

}   // namespace SignalGate::Jose
