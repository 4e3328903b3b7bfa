#include "connectionstatus.h"

#include "sessioncontroller.h"
#include "signalconnection.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QSslCipher>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

namespace {

QString countdown(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QLabel *newField(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}   // namespace

ConnectionStatus::ConnectionStatus(SessionController *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_state(newField(tr("Connection state"), this))
    , m_user(newField(tr("Signed-in user"), this))
    , m_server(newField(tr("Server"), this))
    , m_lock(newField(tr("Encryption"), this))
    , m_expiry(newField(tr("Access token expiry"), this))
    , m_nextRefresh(newField(tr("Next token refresh"), this))
    , m_tokensWhere(newField(tr("Where the tokens are kept"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QLabel *label : {m_state, m_user, m_lock, m_server, m_expiry, m_nextRefresh, m_tokensWhere})
        layout->addWidget(label);
    layout->addStretch(1);

    // The countdowns often enough that they never look stuck; the rest (the
    // lock's icon and certificate, the token place) once a second as before.
    m_countdownTick.setInterval(250);
    connect(&m_countdownTick, &QTimer::timeout, this, &ConnectionStatus::updateCountdowns);
    m_countdownTick.start();
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ConnectionStatus::refresh);
    m_tick.start();
    connect(session, &SessionController::stateChanged, this, &ConnectionStatus::refresh);
    connect(session->connection(), &SignalConnection::stateChanged, this, &ConnectionStatus::refresh);
    refresh();
}

QString ConnectionStatus::stateText() const
{
    if (m_session->state() == SessionController::State::SignedOut)
        return tr("Signed out");
    if (m_session->state() == SessionController::State::SigningIn)
        return m_session->isWaitingForKeychain() ? tr("Waiting for the keychain…") : tr("Signing in…");
    SignalConnection *connection = m_session->connection();
    switch (connection->state()) {
    case SignalConnection::State::Idle:
        return tr("Idle");
    case SignalConnection::State::WaitingForToken:
        return tr("Waiting for a token");
    case SignalConnection::State::Connecting:
        return tr("Connecting…");
    case SignalConnection::State::Open:
        return tr("Connected");
    case SignalConnection::State::Reconnecting:
        return tr("Reconnecting in %1 s").arg(m_reconnectSeconds);
    case SignalConnection::State::Stopped:
        return tr("Disconnected");
    }
    return QString();
}

QString ConnectionStatus::expiryText() const
{
    const qint64 expiresAt = m_session->accessExpiresAt();
    if (expiresAt <= 0)
        return tr("No token");
    const qint64 left = expiresAt - m_session->clock().wallSeconds();
    return left > 0 ? tr("Token: %1 left").arg(countdown(left)) : tr("Token expired");
}

QString ConnectionStatus::lockToolTip() const
{
    return m_lock->toolTip();
}

QString ConnectionStatus::tokensText() const
{
    return m_tokensWhere->text();
}

void ConnectionStatus::updateCountdowns()
{
    SignalConnection *connection = m_session->connection();
    const qint64 remainingMs = connection->reconnectRemainingMs();
    m_reconnectSeconds = connection->state() == SignalConnection::State::Reconnecting && remainingMs >= 0
            ? (remainingMs + 999) / 1000
            : -1;
    m_state->setText(stateText());
    m_expiry->setText(m_session->state() == SessionController::State::SignedIn ? expiryText() : QString());
    Q_EMIT refreshed();
}

void ConnectionStatus::refresh()
{
    SignalConnection *connection = m_session->connection();
    const bool signedIn = m_session->state() == SessionController::State::SignedIn;
    m_user->setText(signedIn ? tr("User: %1").arg(m_session->user()) : QString());
    m_user->setVisible(signedIn);
    m_server->setText(m_session->server().text());

    const bool tls = m_session->server().isTls();
    const bool open = connection->state() == SignalConnection::State::Open;
    m_lock->setPixmap(
            QIcon(tls ? QStringLiteral(":/icons/lock.svg") : QStringLiteral(":/icons/unlocked.svg")).pixmap(16, 16));
    if (tls && open) {
        const QSslConfiguration session = connection->sessionSslConfiguration();
        const QSslCertificate peer = session.peerCertificate();
        m_lock->setToolTip(tr("Encrypted (%1, %2); certificate for %3, issued by %4")
                                   .arg(session.sessionCipher().protocolString(), session.sessionCipher().name(),
                                        peer.subjectDisplayName(), peer.issuerDisplayName()));
    } else {
        m_lock->setToolTip(tls ? tr("TLS (wss://); not connected")
                               : tr("Not encrypted: over http:// and ws:// the tokens and signals can be read on "
                                    "the way"));
    }
    m_lock->setAccessibleDescription(m_lock->toolTip());

    const qint64 next = m_session->nextRefreshAtMs();
    m_tokensWhere->setText(!signedIn                            ? QString()
                                   : m_session->usingKeychain() ? tr("Tokens: keychain")
                                                                : tr("Tokens: memory only"));
    m_tokensWhere->setToolTip(m_session->usingKeychain()
                                      ? tr("The tokens are in the system keychain: the next start signs in by itself.")
                                      : tr("No keychain answered: the tokens are in memory and gone when the client "
                                           "closes."));
    m_nextRefresh->setText(signedIn && next > 0 ? tr("Next refresh: %1")
                                                          .arg(QDateTime::fromMSecsSinceEpoch(next).toString(
                                                                  QStringLiteral("HH:mm:ss")))
                                                : QString());
    updateCountdowns();
}

}   // namespace SignalGate::Ui
