#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace SignalGate::Protocol {

// One client-to-server message (PROTOCOL.md section 5), parsed and checked
// for shape. Anything that is not a JSON object with a string "type" is
// Invalid (answered bad_request); a well-formed object of a type we do not
// know is Unknown (answered unknown_type). Parsing never throws.
struct ClientMessage
{
    enum class Kind { Invalid, Unknown, Ping, AuthRefresh, Resume, Publish };

    Kind kind = Kind::Invalid;
    QString type;
    QJsonValue id;        // echoed in answers; undefined when absent
    QJsonObject object;   // the whole message, for the handler of its kind
    QString error;        // Invalid: what is wrong, in one sentence for the client

    static ClientMessage parse(QByteArrayView utf8);
    // The shape rules of a published signal (publish message and POST /signals):
    // empty when fine, else one sentence for the client.
    static QString signalProblem(const QJsonValue &signal);
};

}   // namespace SignalGate::Protocol
