#include "addresskey.h"

#include <QtGlobal>

namespace SignalGate::Server {

AddressKey::AddressKey(int ipv6PrefixBits) : m_prefixBits(qBound(1, ipv6PrefixBits, 128)) {}

QByteArray AddressKey::operator()(const QHostAddress &address) const
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QByteArray::number(v4);
    Q_IPV6ADDR v6 = address.toIPv6Address();
    const int fullBytes = m_prefixBits / 8;
    const int restBits = m_prefixBits % 8;
    for (int i = fullBytes; i < 16; ++i)
        v6[i] = 0;
    if (restBits)
        v6[fullBytes] = quint8(address.toIPv6Address()[fullBytes] & (0xFF << (8 - restBits)));
    // The prefix length is part of the key: "::/64" and "::/48" never collide
    // should two tables ever be keyed differently.
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16) + '/' + QByteArray::number(m_prefixBits);
}

}   // namespace SignalGate::Server
