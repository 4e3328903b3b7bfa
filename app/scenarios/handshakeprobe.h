#pragma once

#include "probeframe.h"
#include "proberequest.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QSslSocket;

namespace SignalGate::Scenarios {

class Redactor;

// A WebSocket upgrade written by hand on a plain (or TLS) socket, for what
// QWebSocket 6.4 hides: the real HTTP status and headers of a refusal
// (Retry-After of a 429, a 403, a 431), read exactly. After a 101 it reads
// the server's frames just far enough to see a welcome or a close, so a
// server that admits what it should refuse is caught too. It never sends a
// frame; abort() ends it.
class HandshakeProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 10000;

    explicit HandshakeProbe(const Redactor *redactor = nullptr, QObject *parent = nullptr);
    ~HandshakeProbe() override;

    void open(const ProbeRequest &request, int timeoutMs = DefaultTimeoutMs);
    // Finish as soon as the answer's head is read, even a 101 (the flood
    // counts upgrades; waiting for each close would only slow it down).
    void setHeadOnly(bool headOnly) { m_headOnly = headOnly; }
    void abort();

    bool isFinished() const { return m_finished; }
    int httpStatus() const { return m_status; }        // 0 when no answer came
    QByteArray header(const QByteArray &name) const;   // of the answer, case-insensitive
    qint64 retryAfterMs() const;                       // -1 without a valid Retry-After
    bool welcomed() const { return m_welcomed; }
    int textFrames() const { return m_textFrames; }
    int closeCode() const { return m_closeCode; }   // -1 without a close frame
    QString closeReason() const { return m_closeReason; }
    QString error() const { return m_error; }

Q_SIGNALS:
    void frameRecorded(const ProbeFrame &frame);
    void headReceived(int httpStatus);
    // No more to learn: a refusal, a close frame, the end of the socket, the timeout. Once.
    void finished();

private:
    void onReadyRead();
    void parseFrames();
    void record(ProbeFrame::Direction direction, ProbeFrame::Kind kind, const QString &text, qint64 bytes);
    void finish();

    const Redactor *m_redactor;
    QSslSocket *m_socket = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QByteArray m_request;
    QByteArray m_buffer;
    QByteArray m_head;
    int m_status = 0;
    bool m_welcomed = false;
    int m_textFrames = 0;
    int m_closeCode = -1;
    QString m_closeReason;
    QString m_error;
    bool m_finished = false;
    bool m_headOnly = false;
};

}   // namespace SignalGate::Scenarios
