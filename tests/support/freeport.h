#pragma once

#include <QHostAddress>
#include <QTcpServer>

// A TCP port on 127.0.0.1 that nothing listens on right now, for engines that
// take a port number rather than choosing one (redis-server, PostgreSQL).
inline quint16 freeLocalPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}
