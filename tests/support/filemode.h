#pragma once

#include <QFile>
#include <QString>

#include <sys/stat.h>

// The permission bits of path as chmod writes them (0600), -1 when it cannot be read.
inline int fileMode(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}
