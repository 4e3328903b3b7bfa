#include "handshakeprobe.h"

#include "redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QtEndian>

namespace SignalGate::Scenarios {

namespace {
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr qsizetype kMaxFrameBytes = 4 * 1024 * 1024;
}   // namespace

HandshakeProbe::HandshakeProbe(const Redactor *redactor, QObject *parent) : QObject(parent), m_redactor(redactor)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_error = m_status ? tr("no close within the time allowed") : tr("no answer to the upgrade request");
        record(ProbeFrame::Direction::Local, ProbeFrame::Kind::Error, m_error, 0);
        finish();
    });
}

HandshakeProbe::~HandshakeProbe()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HandshakeProbe::record(ProbeFrame::Direction direction, ProbeFrame::Kind kind, const QString &text, qint64 bytes)
{
    Q_EMIT frameRecorded(ProbeFrame::make(m_clock.elapsed(), direction, kind, text, bytes, m_redactor));
}

void HandshakeProbe::open(const ProbeRequest &request, int timeoutMs)
{
    if (m_socket)
        return;
    m_clock.start();
    m_request = request.rawUpgrade();
    m_socket = new QSslSocket(this);
    m_socket->setSslConfiguration(request.sslConfiguration);
    const bool tls = request.url.scheme() == QLatin1String("wss");
    connect(m_socket, tls ? &QSslSocket::encrypted : &QSslSocket::connected, this,
            [this] { m_socket->write(m_request); });
    connect(m_socket, &QSslSocket::readyRead, this, &HandshakeProbe::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        if (!m_status)
            m_error = tr("the server closed without answering");
        finish();
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return;   // disconnected() follows
        m_error = m_socket->errorString();
        record(ProbeFrame::Direction::Local, ProbeFrame::Kind::Error, m_error, 0);
        finish();
    });
    record(ProbeFrame::Direction::Sent, ProbeFrame::Kind::Handshake,
           tr("raw upgrade %1 (%2 bytes)").arg(request.shownUrl()).arg(m_request.size())
                   + (request.origin.isEmpty() ? QString() : tr(", Origin %1").arg(request.origin)),
           m_request.size());
    m_timer.start(timeoutMs);
    const quint16 port = quint16(request.url.port(tls ? 443 : 80));
    if (tls)
        m_socket->connectToHostEncrypted(request.url.host(), port);
    else
        m_socket->connectToHost(request.url.host(), port);
}

void HandshakeProbe::onReadyRead()
{
    m_buffer += m_socket->readAll();
    if (m_status == 0) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeadBytes) {
                m_error = tr("answer head too large");
                finish();
            }
            return;
        }
        m_head = m_buffer.left(end + 2);
        m_buffer.remove(0, end + 4);
        // "HTTP/1.1 429 Too Many Requests"
        m_status = m_head.startsWith("HTTP/1.") ? m_head.mid(9, 3).toInt() : -1;
        record(ProbeFrame::Direction::Received, ProbeFrame::Kind::Handshake,
               QString::fromLatin1(m_head.left(m_head.indexOf('\r')))
                       + (header("Retry-After").isEmpty() ? QString()
                                                          : QStringLiteral(", Retry-After: %1")
                                                                    .arg(QString::fromLatin1(header("Retry-After")))),
               m_head.size());
        Q_EMIT headReceived(m_status);
        if (m_status != 101 || m_headOnly) {
            finish();
            return;
        }
    }
    parseFrames();
}

void HandshakeProbe::parseFrames()
{
    while (!m_finished && m_buffer.size() >= 2) {
        const auto *data = reinterpret_cast<const uchar *>(m_buffer.constData());
        const int opcode = data[0] & 0x0F;
        const bool masked = data[1] & 0x80;
        qint64 length = data[1] & 0x7F;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = qFromBigEndian<quint16>(data + 2);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = qint64(qFromBigEndian<quint64>(data + 2) & 0x7FFFFFFFFFFFFFFFULL);
            offset = 10;
        }
        if (masked || length > kMaxFrameBytes) {
            m_error = tr("the server sent a frame this probe does not read");
            finish();
            return;
        }
        if (m_buffer.size() < offset + length)
            return;
        const QByteArray payload = m_buffer.mid(offset, length);
        m_buffer.remove(0, offset + length);
        if (opcode == 0x1) {
            ++m_textFrames;
            record(ProbeFrame::Direction::Received, ProbeFrame::Kind::Text, QString::fromUtf8(payload), payload.size());
            if (QJsonDocument::fromJson(payload).object().value(QLatin1String("type")).toString()
                == QLatin1String("welcome"))
                m_welcomed = true;
        } else if (opcode == 0x8) {
            m_closeCode = payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : 1005;
            m_closeReason = QString::fromUtf8(payload.mid(2));
            record(ProbeFrame::Direction::Received, ProbeFrame::Kind::Close,
                   tr("close %1 \"%2\"").arg(m_closeCode).arg(m_closeReason), payload.size());
            finish();
        }
    }
}

QByteArray HandshakeProbe::header(const QByteArray &name) const
{
    for (const QByteArray &line : m_head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

qint64 HandshakeProbe::retryAfterMs() const
{
    bool ok = false;
    const qint64 seconds = header("Retry-After").toLongLong(&ok);
    return ok && seconds >= 0 ? seconds * 1000 : -1;
}

void HandshakeProbe::abort()
{
    if (m_socket)
        m_socket->abort();
    finish();
}

void HandshakeProbe::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT finished();
}

}   // namespace SignalGate::Scenarios
