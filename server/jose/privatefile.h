#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace SignalGate::Jose {

// QSaveFile's promise (all of the file or none of it) with the permissions
// set by the open() that creates the file, so a key is never in a file that
// another user could have opened in between (PROTOCOL.md section 10.5).
// QSaveFile creates its temporary file with the umask's mode and only then
// takes a chmod. The temporary file sits next to the target and is renamed
// over it by commit(); destroyed uncommitted, it is removed.
class PrivateFile
{
public:
    explicit PrivateFile(const QString &path);
    ~PrivateFile();
    Q_DISABLE_COPY_MOVE(PrivateFile)

    bool open(QFileDevice::Permissions permissions);
    bool write(const QByteArray &bytes);
    // Flushes to disk and renames into place; false with errorString() set.
    bool commit();
    void cancel();
    QString errorString() const { return m_error; }

private:
    QString m_path;
    QFile m_temporary;
    QString m_error;
};

}   // namespace SignalGate::Jose
