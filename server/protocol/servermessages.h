#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// The server's messages (PROTOCOL.md section 5) as types. toJson() writes
// exactly the contract's members. fromJson() reads what a client relies on
// and, where a member is missing or not a number, falls back to the value
// documented on the member: a client must survive servers it does not
// control. An id is written only when the request carried one (undefined
// means none).
namespace SignalGate::Protocol {

struct Welcome
{
    QString sessionId;
    QString subject;
    qint64 exp = 0;   // 0 when missing
    qint64 serverTimeMs = 0;
    qint64 lastSeq = 0;   // 0 when missing or negative
    QJsonObject limits;
    QString node;    // --node-id (PROTOCOL.md section 10.7); empty: left out
    QString epoch;   // the shared stream's epoch; empty with one node: left out

    QJsonObject toJson() const;
    static Welcome fromJson(const QJsonObject &object);
};

struct SignalFrame
{
    qint64 seq = 0;
    qint64 timestampMs = 0;   // "ts", Unix time in milliseconds
    QString symbol;
    QString side;   // "buy" or "sell" (others are shown as they came)
    double price = 0;
    double confidence = 0;   // 0..1

    QJsonObject toJson() const;
    // std::nullopt when "seq" is missing or not a non-negative integer: without
    // it a signal cannot be ordered, deduplicated or resumed from.
    static std::optional<SignalFrame> fromJson(const QJsonObject &object);
    // The seq alone, by the same rule: what a connection needs per signal
    // without reading the rest.
    static std::optional<qint64> seqOf(const QJsonObject &object);
    // A published signal (PROTOCOL.md section 5, already checked with
    // ClientMessage::signalProblem): seq and ts are the server's to set.
    static SignalFrame fromPublished(const QJsonObject &object, qint64 nowMs);
};

struct Expiring
{
    qint64 exp = 0;
    qint64 secondsLeft = 0;   // 0 when missing

    QJsonObject toJson() const;
    static Expiring fromJson(const QJsonObject &object);
};

struct Refreshed
{
    qint64 exp = 0;             // 0 when missing
    qint64 attemptsLeft = -1;   // -1 when missing
    QJsonValue id;

    QJsonObject toJson() const;
    static Refreshed fromJson(const QJsonObject &object);
};

struct Resumed
{
    qint64 from = 0;
    qint64 to = 0;
    qint64 count = 0;
    QJsonValue id;

    QJsonObject toJson() const;
};

struct ErrorFrame
{
    ErrorFrame() = default;
    ErrorFrame(QString errorCode, QString text, QJsonValue requestId = {})
        : code(std::move(errorCode))
        , message(std::move(text))
        , id(std::move(requestId))
    {}

    QString code;
    QString message;
    QJsonValue id;
    qint64 retryAfterMs = -1;   // rate_limited; -1: absent
    qint64 attemptsLeft = -1;   // refresh_failed; -1: absent
    qint64 firstSeq = -1;       // resume_gap; -1: absent

    QJsonObject toJson() const;
    static ErrorFrame fromJson(const QJsonObject &object);
};

struct Pong
{
    QJsonValue id;   // echoed, null when the ping had none
    qint64 serverTimeMs = 0;

    QJsonObject toJson() const;
};

}   // namespace SignalGate::Protocol
