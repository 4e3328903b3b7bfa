#include "servermessagereader.h"

#include "jsonkeys.h"
#include "messages.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>

namespace SignalGate::Client {

using namespace SignalGate::Protocol;

// Types and counts only: a message's payload may hold a token (auth.refresh echoes).
Q_LOGGING_CATEGORY(lcReader, "signalgate.client.messages", QtInfoMsg)

void ServerMessageReader::read(const QString &text)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcReader) << "ignoring a message that is not a JSON object";
        return;
    }
    const QJsonObject message = document.object();
    const QString type = message.value(Key::Type).toString();
    if (type == MessageType::Signal) {
        const qint64 seq = SignalFrame::seqOf(message).value_or(-1);
        if (seq <= 0)
            qCWarning(lcReader) << "ignoring a signal without a valid seq";
        else
            Q_EMIT signalFrame(seq, message);
    } else if (type == MessageType::Welcome) {
        Q_EMIT welcome(message);
    } else if (type == MessageType::AuthExpiring) {
        Q_EMIT expiring(Expiring::fromJson(message).secondsLeft);
    } else if (type == MessageType::AuthRefreshed) {
        Q_EMIT refreshed(Refreshed::fromJson(message));
    } else if (type == MessageType::Resumed) {
        Q_EMIT resumed();
    } else if (type == MessageType::Error) {
        Q_EMIT error(ErrorFrame::fromJson(message));
    } else if (type != MessageType::Pong) {
        qCDebug(lcReader) << "ignoring a message of type" << type.left(40);
    }
}

}   // namespace SignalGate::Client
