#include "refreshtracker.h"

namespace SignalGate::Client {

QString RefreshTracker::add(const QByteArray &token)
{
    QString id = QStringLiteral("refresh-%1").arg(m_nextId++);
    m_tokens.insert(id, token);
    m_order.append(id);
    return id;
}

QString RefreshTracker::matching(const QJsonValue &id) const
{
    if (id.isString() && m_tokens.contains(id.toString()))
        return id.toString();
    return {};
}

std::optional<QByteArray> RefreshTracker::takeRefreshed(const QJsonValue &id)
{
    QString match = matching(id);
    if (match.isEmpty() && !m_order.isEmpty())
        match = m_order.constFirst();
    if (match.isEmpty())
        return std::nullopt;
    m_order.removeOne(match);
    return m_tokens.take(match);
}

bool RefreshTracker::takeFailed(const QJsonValue &id, bool refreshFailed)
{
    QString match = matching(id);
    if (match.isEmpty() && id.isUndefined() && refreshFailed && !m_order.isEmpty())
        match = m_order.constFirst();
    if (match.isEmpty())
        return false;
    m_order.removeOne(match);
    m_tokens.remove(match);
    return true;
}

QByteArray RefreshTracker::newest() const
{
    return m_order.isEmpty() ? QByteArray() : m_tokens.value(m_order.constLast());
}

void RefreshTracker::clear()
{
    m_tokens.clear();
    m_order.clear();
}

}   // namespace SignalGate::Client
