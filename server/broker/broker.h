#pragma once

#include "servermessages.h"

#include <QObject>
#include <QString>

#include <functional>

namespace SignalGate::Server {

class History;

// Where signals get their order: the broker gives each published signal the
// next seq of the whole deployment, keeps the latest ones for resume, and
// delivers every signal, encoded once, to this node's pool. The pool, the
// sessions and the HTTP endpoints see only this interface, so the broker
// behind it can be this process (InProcessBroker) or one shared by several
// nodes (PROTOCOL.md section 10).
class Broker : public QObject
{
    Q_OBJECT
public:
    // Called with the seq the signal was given once the broker holds it.
    using Published = std::function<void(quint64 seq)>;

    using QObject::QObject;

    virtual void publish(Protocol::SignalFrame signal, Published done = {}) = 0;
    // The highest seq delivered to this node, 0 before any.
    virtual quint64 lastSeq() const = 0;
    // The signals a resume may replay, as delivered to this node.
    virtual const History &history() const = 0;

Q_SIGNALS:
    // Every signal once, in seq order; frame is the encoded JSON text.
    void delivered(quint64 seq, const QString &frame);
};

}   // namespace SignalGate::Server
