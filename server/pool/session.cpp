#include "session.h"

#include "closing.h"
#include "core/logging.h"
#include "protocol/messages.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

Session::Session(QWebSocket *socket, AccessTokenClaims claims, QString id, QObject *parent)
    : QObject(parent), m_socket(socket), m_claims(std::move(claims)), m_id(std::move(id))
{
    m_socket->setParent(this);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Session::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &Session::onBinaryMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &Session::onDisconnected);
}

void Session::sendText(const QString &frame)
{
    if (!m_closing)
        m_socket->sendTextMessage(frame);
}

void Session::close(const CloseSpec &spec)
{
    if (m_closing)
        return;
    m_closing = true;
    qCDebug(lcPool).noquote() << "closing session" << m_id << spec.code << spec.reason;
    closeGracefully(m_socket, spec);
}

void Session::onTextMessage(const QString &message)
{
    if (m_closing)
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        sendText(QString::fromUtf8(Messages::error(ErrorCode::BadRequest,
                                                   QStringLiteral("Expected a JSON object"))));
        return;
    }
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QLatin1String("id"));
    const QJsonValue type = object.value(QLatin1String("type"));
    if (!type.isString()) {
        sendText(QString::fromUtf8(Messages::error(ErrorCode::BadRequest,
                                                   QStringLiteral("Missing \"type\""), id)));
        return;
    }
    if (type.toString() == MessageType::Ping) {
        sendText(QString::fromUtf8(Messages::pong(id, QDateTime::currentMSecsSinceEpoch())));
        return;
    }
    sendText(QString::fromUtf8(Messages::error(ErrorCode::UnknownType,
                                               QStringLiteral("Unknown message type"), id)));
}

void Session::onBinaryMessage()
{
    close(Close::UnsupportedData);
}

void Session::onDisconnected()
{
    m_closing = true;
    Q_EMIT finished(this);
    deleteLater();
}
