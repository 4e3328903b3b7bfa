#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
namespace SignalGate::Client {
class SessionController;
}

namespace SignalGate::Ui {

// The status bar's content: connection state, user, server, a TLS lock, the
// access token's remaining time and the next refresh. Refreshed once a
// second (the countdowns) and on every state change.
class ConnectionStatus : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionStatus(Client::SessionController *session, QWidget *parent = nullptr);

    QString stateText() const;
    QString expiryText() const;
    QString tokensText() const;
    QString lockToolTip() const;
    // Whole seconds until the next connection attempt as last shown, -1
    // when none is counting down. The reconnect banner shows this same
    // figure, so the two never disagree.
    qint64 reconnectSeconds() const { return m_reconnectSeconds; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // The countdowns were drawn (at least every 250 ms).
    void refreshed();

private:
    void updateCountdowns();

    Client::SessionController *m_session;
    QLabel *m_state;
    QLabel *m_user;
    QLabel *m_server;
    QLabel *m_lock;
    QLabel *m_expiry;
    QLabel *m_nextRefresh;
    QLabel *m_tokensWhere;
    QTimer m_tick;
    QTimer m_countdownTick;
    qint64 m_reconnectSeconds = -1;
};

}   // namespace SignalGate::Ui
