#pragma once

#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QStringList>
#include <QWebSocket>

#include <memory>

// A real QWebSocket client that records everything it sees: every text frame
// (parsed), the close code and reason, socket errors.
class WsProbe : public QObject
{
    Q_OBJECT
public:
    explicit WsProbe(QObject *parent = nullptr);
    ~WsProbe() override;

    void open(const QNetworkRequest &request, const QStringList &subprotocols = {});
    // Opening: a probe to wsUrl with the token as a Bearer header and our
    // subprotocol, with an Origin header when one is given.
    static std::unique_ptr<WsProbe> withBearer(const QUrl &wsUrl, const QByteArray &token,
                                               const QByteArray &origin = {});
    // Waits (event loop running) until the socket is disconnected.
    bool waitDisconnected(int timeoutMs = 5000);
    bool waitForMessages(int count, int timeoutMs = 5000);

    QWebSocket &socket() { return m_socket; }
    const QList<QJsonObject> &messages() const { return m_messages; }
    int countOfType(const QString &type) const;
    // The first (or last) message of that type, empty when none came.
    QJsonObject firstOfType(const QString &type) const;
    QJsonObject lastOfType(const QString &type) const;
    // The seq of every signal, in the order they came.
    QList<qint64> signalSeqs() const;
    bool connected() const { return m_connected; }
    bool disconnected() const { return m_disconnected; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    QAbstractSocket::SocketError lastError() const { return m_lastError; }
    int binaryFrames() const { return m_binaryFrames; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    bool m_connected = false;
    bool m_disconnected = false;
    int m_closeCode = -1;
    QString m_closeReason;
    QAbstractSocket::SocketError m_lastError = QAbstractSocket::UnknownSocketError;
    int m_binaryFrames = 0;
};
