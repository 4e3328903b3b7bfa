#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SignalGate::Server {

// Where a node's Redis is: redis://[user@]HOST:PORT[/DB] (PROTOCOL.md
// section 10.7). The password never sits in the URL, where ps and shell
// history would show it; it comes from a file.
struct RedisAddress
{
    QString host;
    quint16 port = 6379;
    QString user;   // ACL user; empty: the default user
    int database = 0;

    // std::nullopt with one sentence in *error for anything else, rediss:// included.
    static std::optional<RedisAddress> parse(const QString &url, QString *error);
    QString toString() const;
};

}   // namespace SignalGate::Server
