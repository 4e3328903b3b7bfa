#include "framewriter.h"

#include <QSslSocket>
#include <QWebSocket>

#include <sys/socket.h>

namespace SignalGate::Server {

void SignalBatch::append(const QString &text)
{
    const QByteArray payload = text.toUtf8();
    const qsizetype size = payload.size();
    frames.append(char(0x81));   // FIN, text
    if (size < 126) {
        frames.append(char(size));
    } else if (size <= 0xffff) {
        frames.append(char(126));
        frames.append(char(size >> 8));
        frames.append(char(size & 0xff));
    } else {
        frames.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frames.append(char((quint64(size) >> shift) & 0xff));
    }
    frames.append(payload);
    texts.append(text);
}

void SignalBatch::append(const SignalBatch &other)
{
    texts.append(other.texts);
    frames.append(other.frames);
}

FrameWriter::FrameWriter(QWebSocket *socket, QTcpSocket *transport)
    : m_socket(socket)
    , m_transport(transport)
    , m_plain(transport && !qobject_cast<QSslSocket *>(transport))
{}

void FrameWriter::write(const SignalBatch &batch)
{
    if (!m_transport) {
        for (const QString &text : batch.texts)
            m_socket->sendTextMessage(text);
        return;
    }
    const QByteArray &frames = batch.frames;
    qsizetype sent = 0;
    if (m_plain && m_transport->bytesToWrite() == 0) {
        const ssize_t written = ::send(int(m_transport->socketDescriptor()), frames.constData(), size_t(frames.size()),
                                       MSG_NOSIGNAL | MSG_DONTWAIT);
        // An error other than a full buffer is left for Qt to meet on its
        // own write, so it reports and closes the socket as it always does.
        sent = written > 0 ? qsizetype(written) : 0;
    }
    if (sent < frames.size())
        m_transport->write(frames.constData() + sent, frames.size() - sent);
}

}   // namespace SignalGate::Server
