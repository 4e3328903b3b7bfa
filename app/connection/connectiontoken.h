#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>

class QNetworkRequest;

namespace SignalGate::Client {

// The access token of one connection (PROTOCOL.md section 3): whether it is
// worth opening a socket for, and where it goes in the handshake. exp is
// read unverified: only the server judges the signature.
class ConnectionToken
{
    Q_GADGET
public:
    // Where the token goes. Header is the default and the only one that keeps
    // the token out of URLs; the others are for tests.
    enum class Transport { Header, Subprotocol, Query };
    Q_ENUM(Transport)

    // False, and no token, when token cannot be read or carries no exp.
    bool set(const QByteArray &token);
    // An in-band refresh answered: exp from auth.refreshed, from the token when 0.
    void refreshed(const QByteArray &token, qint64 exp);
    // A refresh the server never answered: the owner already holds that token
    // as current, so it is the next connection's if it lives longer.
    void adoptIfNewer(const QByteArray &token);
    void clear();
    // The server refused or revoked it: only another token may be tried.
    void refuse() { m_refused = true; }

    bool isEmpty() const { return m_token.isEmpty(); }
    qint64 expiresAt() const { return m_expiresAt; }   // Unix seconds, 0 without a token
    // Not refused, and at least minLifetimeMs left at nowMs (Unix ms).
    bool usable(qint64 nowMs, qint64 minLifetimeMs) const;
    // Into the Authorization header, a "bearer." subprotocol, or ?token= on
    // the request's URL (set the URL first).
    void place(Transport transport, QNetworkRequest &request, QStringList &subprotocols) const;

private:
    QByteArray m_token;
    qint64 m_expiresAt = 0;
    bool m_refused = false;
};

}   // namespace SignalGate::Client
