#include "datadir.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace SignalGate::Server {

bool DataDir::prepare(const QString &path, QString *error)
{
    const QString dir = QDir::cleanPath(QDir(path).absolutePath());
    // Each missing level is made owner-only as it is created: keys, password
    // hashes and refresh-token hashes live here. A folder that exists is left
    // as the operator made it.
    QStringList missing;
    for (QString level = dir; !QFileInfo::exists(level); level = QFileInfo(level).absolutePath()) {
        missing.prepend(level);
        if (QFileInfo(level).absolutePath() == level)
            break;
    }
    for (const QString &level : std::as_const(missing)) {
        if (!QDir().mkdir(level, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
            *error = QStringLiteral("cannot create data directory %1; create it or pass another --data-dir").arg(level);
            return false;
        }
    }
    const QFileInfo info(dir);
    if (!info.isDir() || !info.isWritable()) {
        *error = QStringLiteral("data directory %1 is not writable; fix its permissions or pass another --data-dir")
                         .arg(dir);
        return false;
    }
    return true;
}

}   // namespace SignalGate::Server
