#pragma once

#include <QJsonObject>
#include <QString>

// One live signal. seq is given by the pool when the signal is broadcast,
// so simulated and (later) published signals share one server-wide order.
struct Signal
{
    quint64 seq = 0;
    qint64 timestampMs = 0;     // Unix time in milliseconds
    QString symbol;
    QString side;               // "buy" or "sell"
    double price = 0;
    double confidence = 0;      // 0..1

    QJsonObject toJson() const;
    // A published signal (already checked with ClientMessage::signalProblem);
    // seq and ts are the server's to set.
    static Signal fromPublished(const QJsonObject &object, qint64 nowMs);
};
