#pragma once

#include "probeframe.h"
#include "proberequest.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

class QWebSocket;

namespace SignalGate::Scenarios {

class Redactor;

// One hand-composed WebSocket connection that records everything:
// the handshake answer, every frame both ways, the close code and reason,
// errors, with every token redacted. The scenarios and the console's manual
// mode both drive this object; it never reconnects and never decides
// anything about what it sees.
class ProbeConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultHandshakeTimeoutMs = 10000;
    static constexpr qsizetype MaxKeptMessages = 2000;

    // What admission and a signal look like on this target (its profile).
    struct Recognition
    {
        // Empty: the target sends no welcome; still open after admitAfterMs is admitted.
        QString welcomeType = QStringLiteral("welcome");
        int admitAfterMs = 1000;
        // Empty: every message but the welcome and errors is a signal.
        QString signalType = QStringLiteral("signal");

        bool isWelcome(const QString &type) const { return !welcomeType.isEmpty() && type == welcomeType; }
        bool isSignal(const QString &type) const
        {
            return !isWelcome(type) && type != QLatin1String("error") && (signalType.isEmpty() || type == signalType);
        }
    };

    // redactor may be null (then only the built-in patterns apply); it must outlive the probe.
    explicit ProbeConnection(const Redactor *redactor = nullptr, QObject *parent = nullptr);
    ~ProbeConnection() override;

    void setHandshakeTimeoutMs(int ms) { m_handshakeTimeoutMs = ms; }
    void setRecognition(const Recognition &recognition) { m_recognition = recognition; }

    // What the probe saw so far.
    bool isOpen() const { return m_open && !m_finished; }
    bool isFinished() const { return m_finished; }
    int httpStatus() const { return m_httpStatus; }   // 101, a refusal's status, or 0
    int closeCode() const { return m_closeCode; }     // -1 until closed; 1006 without a close frame
    QString closeReason() const { return m_closeReason; }
    bool isAdmitted() const { return m_admitted; }
    QJsonObject welcome() const { return m_welcome; }   // empty for a target without one
    int signalsReceived() const { return m_signals; }
    const QList<QJsonObject> &messages() const { return m_messages; }
    int countOfType(const QString &type) const;
    int countOfError(const QString &code) const;
    QStringList errors() const { return m_errors; }
    const QList<ProbeFrame> &frames() const { return m_frames; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

public Q_SLOTS:
    void open(const ProbeRequest &request);
    void sendText(const QString &text);
    void sendBinary(const QByteArray &data);
    // A closing handshake (the server echoes); aborted if no answer in 3 s.
    void close(quint16 code = 1000, const QString &reason = QStringLiteral("Normal closure"));
    void abort();

Q_SIGNALS:
    void frameRecorded(const ProbeFrame &frame);
    // The 101 arrived (then welcome or a close follows) or the handshake failed (finished follows).
    void handshakeDone(bool upgraded);
    // The welcome arrived, or (a target without one) the connection stayed open
    // for admitAfterMs; welcome is then empty.
    void admitted(const QJsonObject &welcome);
    void messageReceived(const QJsonObject &message);
    // The connection is over: closed, refused, lost or timed out. Once.
    void finished();

private:
    void record(ProbeFrame::Direction direction, ProbeFrame::Kind kind, const QString &text, qint64 bytes);
    void onText(const QString &text);
    void onError();
    void onDisconnected();
    void finish(int closeCode, const QString &reason);
    void admit(const QJsonObject &welcome);

    const Redactor *m_redactor;
    QWebSocket *m_socket = nullptr;
    QElapsedTimer m_clock;
    QTimer m_handshakeTimer;
    QTimer m_admitTimer;
    Recognition m_recognition;
    bool m_admitted = false;
    int m_handshakeTimeoutMs = DefaultHandshakeTimeoutMs;
    bool m_open = false;
    bool m_finished = false;
    bool m_closeFrameSeen = false;
    bool m_closingByUs = false;
    int m_httpStatus = 0;
    int m_closeCode = -1;
    QString m_closeReason;
    QJsonObject m_welcome;
    int m_signals = 0;
    QList<QJsonObject> m_messages;
    QStringList m_errors;
    QList<ProbeFrame> m_frames;
};

}   // namespace SignalGate::Scenarios
