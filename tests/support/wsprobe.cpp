#include "wsprobe.h"

#include <QJsonDocument>
#include <QTest>
#include <QWebSocketHandshakeOptions>

WsProbe::WsProbe(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] { m_connected = true; });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_disconnected = true;
        m_closeCode = m_socket.closeCode();
        m_closeReason = m_socket.closeReason();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { m_messages.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this] { ++m_binaryFrames; });
    // Qt 6.4: error(), not errorOccurred(). A refused handshake (403/429/431)
    // does not disconnect by itself, so abort to end the attempt.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) {
                m_lastError = error;
                if (!m_connected)
                    m_socket.abort();
            });
}

WsProbe::~WsProbe()
{
    // Qt 6.4 leaks the close reason string when a QWebSocket is destroyed
    // while still open (it starts a closing handshake from its destructor);
    // dropping the connection first avoids that path.
    m_socket.abort();
}

void WsProbe::open(const QNetworkRequest &request, const QStringList &subprotocols)
{
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);
    m_socket.open(request, options);
}

bool WsProbe::waitDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
            [this] { return m_disconnected || (m_lastError != QAbstractSocket::UnknownSocketError && !m_connected); },
            timeoutMs);
}

bool WsProbe::waitForMessages(int count, int timeoutMs)
{
    // The caller learns from the count, not from why the wait ended.
    [[maybe_unused]] const bool ended =
            QTest::qWaitFor([&] { return m_messages.size() >= count || m_disconnected; }, timeoutMs);
    return m_messages.size() >= count;
}

int WsProbe::countOfType(const QString &type) const
{
    return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
        return message.value(QLatin1String("type")).toString() == type;
    }));
}

QJsonObject WsProbe::firstOfType(const QString &type) const
{
    for (const QJsonObject &message : m_messages) {
        if (message.value(QLatin1String("type")).toString() == type)
            return message;
    }
    return {};
}

QJsonObject WsProbe::lastOfType(const QString &type) const
{
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        if (m_messages.at(i).value(QLatin1String("type")).toString() == type)
            return m_messages.at(i);
    }
    return {};
}

QList<qint64> WsProbe::signalSeqs() const
{
    QList<qint64> out;
    for (const QJsonObject &message : m_messages) {
        if (message.value(QLatin1String("type")).toString() == QLatin1String("signal"))
            out.append(message.value(QLatin1String("seq")).toInteger());
    }
    return out;
}

std::unique_ptr<WsProbe> WsProbe::withBearer(const QUrl &wsUrl, const QByteArray &token, const QByteArray &origin)
{
    auto probe = std::make_unique<WsProbe>();
    QNetworkRequest request(wsUrl);
    request.setRawHeader("Authorization", "Bearer " + token);
    if (!origin.isEmpty())
        request.setRawHeader("Origin", origin);
    probe->open(request, {QStringLiteral("signalgate.v1")});
    return probe;
}
