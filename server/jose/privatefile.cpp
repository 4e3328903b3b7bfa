#include "privatefile.h"

#include "securerandom.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace SignalGate::Jose {

PrivateFile::PrivateFile(const QString &path) : m_path(path) {}

PrivateFile::~PrivateFile()
{
    cancel();
}

bool PrivateFile::open(QFileDevice::Permissions permissions)
{
    // NewOnly is O_EXCL: never a file (or a link) someone placed there first.
    m_temporary.setFileName(m_path + QStringLiteral(".tmp-") + QString::fromLatin1(SecureRandom::token(6)));
    if (m_temporary.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
        return true;
    m_error = m_temporary.errorString();
    return false;
}

bool PrivateFile::write(const QByteArray &bytes)
{
    if (m_temporary.isOpen() && m_temporary.write(bytes) == bytes.size())
        return true;
    m_error = m_temporary.errorString();
    return false;
}

bool PrivateFile::commit()
{
    if (!m_temporary.isOpen()) {
        m_error = QStringLiteral("not open");
        return false;
    }
    if (!m_temporary.flush() || ::fsync(m_temporary.handle()) != 0) {
        m_error = m_temporary.error() != QFileDevice::NoError ? m_temporary.errorString()
                                                              : QString::fromLocal8Bit(std::strerror(errno));
        cancel();
        return false;
    }
    m_temporary.close();
    if (std::rename(QFile::encodeName(m_temporary.fileName()).constData(), QFile::encodeName(m_path).constData())
        != 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(m_temporary.fileName());
        return false;
    }
    m_temporary.setFileName(QString());
    return true;
}

void PrivateFile::cancel()
{
    if (m_temporary.fileName().isEmpty())
        return;
    m_temporary.close();
    QFile::remove(m_temporary.fileName());
    m_temporary.setFileName(QString());
}

}   // namespace SignalGate::Jose
