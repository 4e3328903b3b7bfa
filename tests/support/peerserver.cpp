#include "peerserver.h"

#include <QRegularExpression>

bool PeerServer::start(Variant variant, const QString &keyFile, QString *error)
{
    // Debian's interpreter, whatever python3 comes first in PATH: the packages are Debian's.
    const QStringList arguments{QStringLiteral(SIGNALGATE_PEERS_DIR "/tutorial_server.py"), QStringLiteral("--variant"),
                                variant == Variant::Json ? QStringLiteral("json") : QStringLiteral("oauth2"),
                                QStringLiteral("--key-file"), keyFile};
    if (m_process.start(QStringLiteral("/usr/bin/python3"), arguments))
        return true;
    const QByteArray output = m_process.allOutput();
    *error = QStringLiteral("the peer server did not start: %1%2")
                     .arg(QString::fromUtf8(output.right(600)),
                          output.contains("ModuleNotFoundError")
                                  ? QStringLiteral(" (install python3-fastapi python3-uvicorn python3-websockets "
                                                   "python3-multipart: scripts/signalgate.sh test does)")
                                  : QString());
    return false;
}

QString PeerServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

QStringList PeerServer::sessions()
{
    static const QRegularExpression line(QStringLiteral("^session (\\S+)$"), QRegularExpression::MultilineOption);
    QStringList ids;
    for (auto it = line.globalMatch(QString::fromUtf8(m_process.allOutput())); it.hasNext();)
        ids << it.next().captured(1);
    return ids;
}
