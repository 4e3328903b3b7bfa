#pragma once

#include "serverconfig.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace SignalGate::Server {

// Flags (QCommandLineParser) over an optional INI file (--config) over
// defaults. Every problem is one line naming the flag and the fix.
class ConfigLoader
{
public:
    struct Result
    {
        ServerConfig config;
        QString error;      // non-empty: print it, exit 2
        QString helpText;   // non-empty: --help or --version was asked for; print it, exit 0
        // The options set by the INI file or a flag, by name, with the values
        // that counted (config check prints them).
        QMap<QString, QStringList> given;
        bool ok() const { return error.isEmpty(); }
    };

    static Result load(const QStringList &arguments);
};

}   // namespace SignalGate::Server
