#pragma once

#include "serverconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace SignalGate::Server {

// A subcommand of signalgate-server (PROTOCOL.md sections 8 and 10.6), spelled
// once: its words, its argument, the command-line-only flags it takes. The
// parser, --help and the man page are made from this table.
struct ServerCommand
{
    QStringList words;   // "user", "add"
    QString argument;    // "NAME", "DIR"; empty: none
    ServerConfig::Command command;
    QStringList flags;      // the flag-only options it takes
    QStringList required;   // those of flags it cannot run without
    QString summary;

    // "user add NAME --password-stdin [--scope S]"
    QString usage() const;
};

// Every subcommand, in --help order.
const QList<ServerCommand> &serverCommands();

}   // namespace SignalGate::Server
