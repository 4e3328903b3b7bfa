#include "sessioncontroller.h"

#include "closecodes.h"
#include "refreshscheduler.h"
#include "signalconnection.h"
#include "tokenclaims.h"

#include <QFile>
#include <QLoggingCategory>

using namespace SignalGate::Protocol;

namespace SignalGate::Client {

// The user name, states and HTTP statuses only: never a token or a password.
Q_LOGGING_CATEGORY(lcSession, "signalgate.client.session", QtInfoMsg)

SessionController::SessionController(TokenStore *store, QNetworkAccessManager *network, const SignalGate::Clock &clock,
                                     QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_auth(new AuthApi(network, this))
    , m_clock(clock)
{
    m_scheduler = new RefreshScheduler(m_clock, {}, this);
    m_connection = new SignalConnection(this);
    m_connection->setClock(m_clock);

    connect(m_auth, &AuthApi::loggedIn, this, [this](const AuthApi::TokenPair &pair) {
        if (m_pending != Pending::Login)
            return;
        m_pending = Pending::None;
        adopt(pair);
    });
    connect(m_auth, &AuthApi::refreshed, this, [this](const AuthApi::TokenPair &pair) {
        if (m_pending != Pending::Resume && m_pending != Pending::Refresh)
            return;
        m_pending = Pending::None;
        adopt(pair);
    });
    connect(m_auth, &AuthApi::failed, this, &SessionController::onAuthFailed);
    connect(m_store, &TokenStore::saved, this, &SessionController::onTokensSaved);
    connect(m_store, &TokenStore::loaded, this, &SessionController::onStoreLoaded);
    connect(m_store, &TokenStore::keychainUnavailable, this, &SessionController::keychainUnavailable);

    connect(m_scheduler, &RefreshScheduler::refreshDue, this, &SessionController::requestRefresh);
    connect(m_scheduler, &RefreshScheduler::gaveUp, this, [this] {
        Q_EMIT refreshFailing(tr("The access token could not be renewed in time; the connection ends when it "
                                 "expires and the client then tries once more."));
    });

    // The connection asks for a token when its own is too short-lived, was
    // refused or expired: a refresh answers all three.
    connect(m_connection, &SignalConnection::needsToken, this, [this] {
        if (m_state == State::SignedIn)
            requestRefresh();
    });
    connect(m_connection, &SignalConnection::needsRefresh, this, &SessionController::requestRefresh);
    connect(m_connection, &SignalConnection::needsSignIn, this, &SessionController::endSession);
    connect(m_connection, &SignalConnection::closed, this, [this](quint16 code, const QString &reason) {
        m_revokedClose = Close::TokenRevoked.matches(code, reason);
    });
    connect(m_connection, &SignalConnection::welcomed, this, [this] { m_revokedClose = false; });
    connect(m_connection, &SignalConnection::stopped, this, [this](const QString &why) {
        // Revocation ends the refresh family too: nothing left to sign in with.
        if (m_revokedClose && m_state == State::SignedIn)
            endSession(why);
    });
}

SessionController::~SessionController() = default;

void SessionController::setServer(const ServerAddress &server)
{
    m_server = server;
    m_auth->setServer(server.httpUrl());
    m_connection->setServer(server.webSocketUrl());
}

void SessionController::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!certificates.isEmpty())
        configuration.setCaCertificates(certificates);
    m_auth->setSslConfiguration(configuration);
    m_connection->setSslConfiguration(configuration);
}

bool SessionController::loadCaFile(const QString &path, QList<QSslCertificate> *certificates, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the CA file %1: %2.").arg(path, file.errorString());
        return false;
    }
    const QList<QSslCertificate> loaded = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (loaded.isEmpty()) {
        *error = tr("The CA file %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----). "
                    "For the bundled server use the cert.pem written by gen-dev-cert.")
                         .arg(path);
        return false;
    }
    *certificates = loaded;
    return true;
}

qint64 SessionController::accessExpiresAt() const
{
    return m_connection->tokenExpiresAt();
}

qint64 SessionController::nextRefreshAtMs() const
{
    return m_scheduler->nextRefreshAtMs();
}

void SessionController::setState(State state)
{
    if (state == m_state)
        return;
    qCInfo(lcSession) << "session" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SessionController::signIn(const QString &user, const QString &password)
{
    if (m_state != State::SignedOut)
        return;
    m_user = user;
    m_fromStore = false;
    m_pending = Pending::Login;
    setState(State::SigningIn);
    m_auth->login(user, password);
}

void SessionController::resumeStoredSession(const QString &user)
{
    if (m_state != State::SignedOut || user.isEmpty() || !m_server.isValid())
        return;
    m_user = user;
    m_loading = true;
    setState(State::SigningIn);
    m_store->load(m_server.text(), user);
}

void SessionController::onStoreLoaded(const TokenStore::Tokens &tokens)
{
    if (!m_loading)
        return;
    m_loading = false;
    if (m_state != State::SigningIn)
        return;
    if (tokens.refresh.isEmpty()) {
        setState(State::SignedOut);
        Q_EMIT noStoredSession();
        return;
    }
    // Rotated at once rather than trusting the stored access token: a session
    // revoked while the client was closed is found now, not at the first close.
    m_tokens = tokens;
    m_fromStore = true;
    m_pending = Pending::Resume;
    qCInfo(lcSession) << "signing in" << m_user << "with the stored refresh token";
    m_auth->refresh(tokens.refresh);
}

void SessionController::adopt(const AuthApi::TokenPair &pair)
{
    m_tokens = {pair.accessToken, pair.refreshToken};
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(pair.accessToken);
    const qint64 nowSec = m_clock.wallSeconds();
    const qint64 issuedAt = claims && claims->issuedAt > 0 ? claims->issuedAt : nowSec;
    const qint64 expiresAt = claims && claims->expiresAt > 0 ? claims->expiresAt : nowSec + pair.expiresIn;
    m_scheduler->setToken(issuedAt, expiresAt);
    // The keychain first: the old refresh token is spent now, and a crash
    // before the write would leave only a dead one behind.
    m_store->save(m_server.text(), m_user, m_tokens);
}

void SessionController::onTokensSaved()
{
    if (m_tokens.access.isEmpty())
        return;   // signed out while the write was under way
    if (m_state == State::SigningIn) {
        setState(State::SignedIn);
        Q_EMIT signedIn(m_user);
        m_connection->setAccessToken(m_tokens.access);
        m_connection->start();
        return;
    }
    if (m_state != State::SignedIn)
        return;
    if (m_connection->state() == SignalConnection::State::Open)
        m_connection->refreshInBand(m_tokens.access);
    else
        m_connection->setAccessToken(m_tokens.access);   // starts a connection that waited for it
    // The new token's exp: an open connection still reports the old one
    // until the server answers auth.refreshed.
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(m_tokens.access);
    Q_EMIT tokenRefreshed(claims ? claims->expiresAt : 0);
}

void SessionController::requestRefresh()
{
    if (m_state != State::SignedIn || m_pending == Pending::Refresh)
        return;
    if (m_tokens.refresh.isEmpty()) {
        endSession(tr("There is no refresh token to renew the session with. Please sign in again."));
        return;
    }
    m_pending = Pending::Refresh;
    m_auth->refresh(m_tokens.refresh);
}

void SessionController::onAuthFailed(AuthApi::Operation operation, int status, const QString &message, qint64)
{
    // 400, 401 and 403 are the server's "no" to these credentials; anything
    // else (network, 429, 5xx) may pass.
    const bool refused = status == 400 || status == 401 || status == 403;
    switch (operation) {
    case AuthApi::Operation::Login:
        if (m_pending != Pending::Login)
            return;
        m_pending = Pending::None;
        setState(State::SignedOut);
        Q_EMIT signInFailed(message);
        return;
    case AuthApi::Operation::Refresh:
        if (m_pending == Pending::Resume) {
            m_pending = Pending::None;
            m_tokens = {};
            setState(State::SignedOut);
            if (refused) {
                m_store->remove(m_server.text(), m_user);
                Q_EMIT signInFailed(tr("Your saved session has ended (%1). Please sign in again.").arg(message));
            } else {
                // Kept: the server may just be down, and the token still good.
                Q_EMIT signInFailed(message);
            }
            return;
        }
        if (m_pending != Pending::Refresh)
            return;
        m_pending = Pending::None;
        if (refused) {
            endSession(tr("The server refused to renew the session (%1). Please sign in again.").arg(message));
            return;
        }
        m_scheduler->refreshFailed();
        Q_EMIT refreshFailing(message);
        return;
    case AuthApi::Operation::Logout:
        Q_EMIT logoutFailed(message);
        return;
    }
}

void SessionController::signOut()
{
    if (m_state == State::SignedOut)
        return;
    const TokenStore::Tokens tokens = m_tokens;
    endSession(QString());
    if (!tokens.access.isEmpty())
        m_auth->logout(tokens.access, tokens.refresh);
}

void SessionController::endSession(const QString &why)
{
    if (m_state == State::SignedOut)
        return;
    qCInfo(lcSession) << "session of" << m_user << "ends" << (why.isEmpty() ? "on request" : "");
    m_pending = Pending::None;
    m_loading = false;
    m_revokedClose = false;
    m_connection->stop();
    m_connection->clearAccessToken();
    m_scheduler->clear();
    m_tokens = {};
    m_store->remove(m_server.text(), m_user);
    setState(State::SignedOut);
    Q_EMIT signedOut(why);
}

}   // namespace SignalGate::Client
