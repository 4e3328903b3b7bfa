#pragma once

#include "servermessages.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace SignalGate::Client {

// Turns each text frame from the server into one typed message (PROTOCOL.md
// section 5) and drops what no client can use: text that is not a JSON
// object, a signal without a valid seq, a type it does not know. A client
// must survive servers it does not control, so nothing here is an error.
class ServerMessageReader : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void read(const QString &text);

Q_SIGNALS:
    // The whole object: the owner shows it as it came.
    void welcome(const QJsonObject &message);
    void signalFrame(qint64 seq, const QJsonObject &frame);
    void expiring(qint64 secondsLeft);
    void refreshed(const SignalGate::Protocol::Refreshed &answer);
    void resumed();
    void error(const SignalGate::Protocol::ErrorFrame &error);
};

}   // namespace SignalGate::Client
