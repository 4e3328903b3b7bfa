#pragma once

#include "sessioncontroller.h"
#include "signalconnection.h"

#include <QNetworkAccessManager>
#include <QObject>

namespace SignalGate::Client {

class EventLog;
class SignalModel;
class TokenStore;

// Everything the desktop client is, without a widget: the keychain store,
// the session (auth, refresh, the one connection), the live signals model
// and the connection log, wired together. The window, the tests and the
// view benchmark construct exactly this.
//
// Wiring that is not the session's business lives here: every signal batch
// goes to the model, every welcome re-syncs the model's seq tracking (after a
// crash the server's seq jumps ahead; the connection reports the loss itself),
// and every event of the session and the connection becomes a log entry with
// its meaning and what happens next.
class ClientCore : public QObject
{
    Q_OBJECT
public:
    // An empty keychain service uses "signalgate".
    explicit ClientCore(const QString &keychainService = QString(), QObject *parent = nullptr);
    ~ClientCore() override;

    SessionController *session() const { return m_session; }
    SignalConnection *connection() const { return m_session->connection(); }
    SignalModel *signalModel() const { return m_signals; }
    EventLog *eventLog() const { return m_log; }
    TokenStore *tokenStore() const { return m_store; }

private:
    void recordSessionEvents();
    void recordConnectionEvents();

    QNetworkAccessManager m_network;
    TokenStore *m_store;
    SessionController *m_session;
    SignalModel *m_signals;
    EventLog *m_log;
    // One row per thing that happened: a connection attempt that never opened
    // is one "could not connect" row (with the network error), not a network
    // error plus a 1006 close; and a decision already logged with a close is
    // not repeated by the sign-out and stop that follow it.
    bool m_attemptOpened = false;
    QString m_attemptError;
    QString m_lastDecision;
    SignalConnection::State m_lastState = SignalConnection::State::Idle;
};

}   // namespace SignalGate::Client
