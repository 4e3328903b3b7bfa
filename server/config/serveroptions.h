#pragma once

#include "serverconfig.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <functional>

namespace SignalGate::Server {

// One option of signalgate-server (PROTOCOL.md section 8), spelled once:
// its flag, which is also its INI key, the value it takes, its help with the
// default read from a default ServerConfig, and how a value lands in a
// ServerConfig. --help and the INI reader are made from the table, and so
// can the man page and the configuration reference be.
struct ServerOption
{
    // Whether an INI file (--config) may set it too, or only the command line.
    enum class Where { FlagOrIni, FlagOnly };

    QString name;
    QString valueName;     // empty: a switch
    QString help;          // "%1" stands for the default, when there is one
    QString defaultText;   // from ServerConfig{}; empty when help says it in words
    Where where = Where::FlagOrIni;
    // Stores value in config; returns what was expected when value is not
    // one, empty when it was taken. Null for options ConfigLoader reads itself.
    std::function<QString(ServerConfig &config, const QString &value)> read;
    // Several values (--allowed-origin): each one read in turn.
    bool repeatable = false;

    bool isSwitch() const { return valueName.isEmpty(); }
    QString helpText() const { return defaultText.isEmpty() ? help : help.arg(defaultText); }
    QCommandLineOption commandLineOption() const;
};

// Every option, in --help order.
const QList<ServerOption> &serverOptions();
// The option named name, nullptr when there is none.
const ServerOption *findServerOption(const QString &name);

}   // namespace SignalGate::Server
