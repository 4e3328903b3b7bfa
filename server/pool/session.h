#pragma once

#include "auth/accesstokenverifier.h"
#include "protocol/closecodes.h"

#include <QObject>
#include <QString>

class QWebSocket;

// One authenticated connection. Owns its socket; answers the client's
// control messages; tells the pool when it is gone.
class Session : public QObject
{
    Q_OBJECT
public:
    Session(QWebSocket *socket, AccessTokenClaims claims, QString id, QObject *parent = nullptr);

    QString id() const { return m_id; }
    const AccessTokenClaims &claims() const { return m_claims; }
    bool isClosing() const { return m_closing; }

    void sendText(const QString &frame);
    void close(const CloseSpec &spec);

Q_SIGNALS:
    // Emitted once, when the socket has disconnected; the session deletes itself afterwards.
    void finished(Session *session);

private:
    void onTextMessage(const QString &message);
    void onBinaryMessage();
    void onDisconnected();

    QWebSocket *m_socket;
    AccessTokenClaims m_claims;
    QString m_id;
    bool m_closing = false;
};
