#pragma once

#include "serverprocess.h"

#include <QString>
#include <QStringList>

// A foreign WebSocket server of tests/peers/: the FastAPI app
// tutorial_server.py, run by Debian's python3 with python3-fastapi and
// python3-uvicorn, on a free port, stopped with this object. It signs HS256
// tokens with keyFile, so a test can forge them too; its user is demo/demo.
class PeerServer
{
public:
    enum class Variant {
        Json,     // POST /auth/login JSON, /ws?token=, welcome {"type":"connected"}, "price" signals
        OAuth2,   // POST /token form, /ws/agent/{session_id}, the token as a subprotocol, "tick" signals
    };

    // False with *error: what it printed, and what to install when Python lacks a package.
    bool start(Variant variant, const QString &keyFile, QString *error);
    quint16 port() const { return m_process.port(); }
    QString url() const;
    // The {session_id} of every /ws/agent connection so far (OAuth2 variant).
    QStringList sessions();

private:
    ServerProcess m_process;
};
