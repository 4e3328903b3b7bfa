#pragma once

#include <QByteArray>
#include <QHostAddress>

namespace SignalGate::Server {

// The key every per-IP limit counts under (PROTOCOL.md section 10.1).
// An IPv4 address (IPv4-mapped IPv6 included, so a dual-stack listener cannot
// double anyone's budget) is its own key. An IPv6 address is keyed by its
// first prefixBits bits: one host usually owns a whole /64 and could
// otherwise take a fresh address, and a fresh budget, for every request.
class AddressKey
{
public:
    static constexpr int DefaultIpv6PrefixBits = 64;

    explicit AddressKey(int ipv6PrefixBits = DefaultIpv6PrefixBits);

    QByteArray operator()(const QHostAddress &address) const;
    int ipv6PrefixBits() const { return m_prefixBits; }

private:
    int m_prefixBits;
};

}   // namespace SignalGate::Server
