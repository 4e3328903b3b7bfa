#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace SignalGate::Client {

// The in-band refreshes sent on one connection and not answered yet
// (PROTOCOL.md section 5). Each is sent with an id; an answer is matched by
// the id the server echoes or, for a server that echoes none, to the oldest
// refresh still outstanding. Pure bookkeeping: the connection sends and emits.
class RefreshTracker
{
public:
    // Remembers token; returns the id to send with it.
    QString add(const QByteArray &token);
    // auth.refreshed: the token it answers, std::nullopt when none is outstanding.
    std::optional<QByteArray> takeRefreshed(const QJsonValue &id);
    // An error: whether it answers one of ours (by id, or a refresh_failed
    // without id for the oldest); that refresh is then no longer outstanding.
    bool takeFailed(const QJsonValue &id, bool refreshFailed);
    // The last token sent, empty when nothing is outstanding (the connection
    // ended before the server answered).
    QByteArray newest() const;
    void clear();

private:
    QString matching(const QJsonValue &id) const;

    QHash<QString, QByteArray> m_tokens;
    QList<QString> m_order;   // oldest first, for a server that does not echo ids
    int m_nextId = 1;
};

}   // namespace SignalGate::Client
