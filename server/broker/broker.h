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
    // Called with the seq the signal was given once the broker holds it, or
    // with 0 when it could not be published (a shared broker unreachable).
    using Published = std::function<void(quint64 seq)>;

    using QObject::QObject;

    virtual void publish(Protocol::SignalFrame signal, Published done = {}) = 0;
    // The highest seq delivered to this node, 0 before any.
    virtual quint64 lastSeq() const = 0;
    // The signals a resume may replay, as delivered to this node.
    virtual const History &history() const = 0;
    // With a shared broker: the stream's epoch, which changes when its
    // history was lost (PROTOCOL.md section 10.7). Empty with one node.
    virtual QString epoch() const { return {}; }
    // Why this node cannot serve new sessions now (one line for /readyz);
    // empty when it can. One node's broker always can.
    virtual QString problem() const { return {}; }

Q_SIGNALS:
    // Every signal once, in seq order; frame is the encoded JSON text.
    void delivered(quint64 seq, const QString &frame);
    // The stream moved without delivering: a node's first sync with a shared
    // broker. Sessions joining from now start at lastSeq.
    void positionChanged(quint64 lastSeq);
};

}   // namespace SignalGate::Server
