#include "connectiontoken.h"

#include "tokenclaims.h"

#include <QNetworkRequest>
#include <QUrl>
#include <QUrlQuery>

namespace SignalGate::Client {

bool ConnectionToken::set(const QByteArray &token)
{
    clear();
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token);
    if (!claims || claims->expiresAt <= 0)
        return false;
    m_token = token;
    m_expiresAt = claims->expiresAt;
    return true;
}

void ConnectionToken::refreshed(const QByteArray &token, qint64 exp)
{
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token);
    m_token = token;
    m_refused = false;
    m_expiresAt = exp > 0 ? exp : (claims ? claims->expiresAt : m_expiresAt);
}

void ConnectionToken::adoptIfNewer(const QByteArray &token)
{
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token);
    if (!claims || claims->expiresAt <= m_expiresAt)
        return;
    m_token = token;
    m_expiresAt = claims->expiresAt;
    m_refused = false;
}

void ConnectionToken::clear()
{
    m_token.clear();
    m_expiresAt = 0;
    m_refused = false;
}

bool ConnectionToken::usable(qint64 nowMs, qint64 minLifetimeMs) const
{
    return !m_token.isEmpty() && !m_refused && m_expiresAt * 1000 - nowMs >= minLifetimeMs;
}

void ConnectionToken::place(Transport transport, QNetworkRequest &request, QStringList &subprotocols) const
{
    switch (transport) {
    case Transport::Header:
        request.setRawHeader("Authorization", "Bearer " + m_token);
        return;
    case Transport::Subprotocol:
        subprotocols.append(QStringLiteral("bearer.") + QString::fromLatin1(m_token));
        return;
    case Transport::Query: {
        QUrl url = request.url();
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("token"));
        query.addQueryItem(QStringLiteral("token"), QString::fromLatin1(m_token));
        url.setQuery(query);
        request.setUrl(url);
        return;
    }
    }
}

}   // namespace SignalGate::Client
