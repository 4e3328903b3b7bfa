#pragma once

#include "authapi.h"
#include "clock.h"
#include "serveraddress.h"
#include "tokenstore.h"

#include <QObject>
#include <QSslCertificate>
#include <QString>

class QNetworkAccessManager;

namespace SignalGate::Client {

class RefreshScheduler;
class SignalConnection;

// The signed-in session of the desktop client: it owns the one
// SignalConnection and ties together AuthApi (HTTP), TokenStore (keychain)
// and RefreshScheduler. GUI-free; the window only calls signIn/signOut and
// shows what this object reports.
//
//  - signIn(): /auth/login, the pair goes to the keychain, then the
//    connection starts (it opens a socket only with a usable access token).
//  - resumeStoredSession(): a refresh token from the keychain signs in
//    silently (rotated at once, so a stale or revoked one is found now).
//  - Proactive refresh when the scheduler says so, and a refresh when the
//    connection asks (its token was refused or expired): rotate over HTTP,
//    write the new pair to the keychain, THEN hand it to the connection (in
//    band when open). A 401 ends the session with a clear message; other
//    failures retry with the scheduler's backoff.
//  - "Token revoked", a second expiry or "Authentication required" end the
//    session too: the refresh token is dead, so the entry is deleted.
//  - signOut(): close the socket, delete the keychain entry, call /auth/logout.
class SessionController : public QObject
{
    Q_OBJECT
public:
    enum class State { SignedOut, SigningIn, SignedIn };
    Q_ENUM(State)

    // The scheduler and the connection read this clock too; it must outlive the controller.
    SessionController(TokenStore *store, QNetworkAccessManager *network,
                      const SignalGate::Clock &clock = SignalGate::Clock::system(), QObject *parent = nullptr);
    ~SessionController() override;

    // Signed out only: the server, its CA certificates (empty = system CAs)
    // and the token transport of the connection.
    void setServer(const ServerAddress &server);
    ServerAddress server() const { return m_server; }
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    // Reads a PEM file of CA certificates; false and a sentence when it cannot.
    static bool loadCaFile(const QString &path, QList<QSslCertificate> *certificates, QString *error);

    SignalConnection *connection() const { return m_connection; }
    RefreshScheduler *scheduler() const { return m_scheduler; }
    State state() const { return m_state; }
    QString user() const { return m_user; }
    qint64 accessExpiresAt() const;   // Unix seconds, 0 when there is none
    // The time the session counts in: what a countdown of its expiry reads.
    const SignalGate::Clock &clock() const { return m_clock; }
    // For the token inspector, which decodes it in place; never log or store it.
    QByteArray accessToken() const { return m_tokens.access; }
    qint64 nextRefreshAtMs() const;   // 0 when nothing is scheduled
    bool usingKeychain() const { return m_store->usingKeychain(); }
    // Signing in and the keychain has not answered yet (it may take the
    // D-Bus timeout when no keyring service runs).
    bool isWaitingForKeychain() const { return m_state == State::SigningIn && m_store->isBusy(); }
    // The last sign-in used the session stored in the keychain, no password.
    bool signedInFromStore() const { return m_fromStore; }

public Q_SLOTS:
    void signIn(const QString &user, const QString &password);
    // Silent sign-in from the keychain; noStoredSession() when there is nothing to use.
    void resumeStoredSession(const QString &user);
    void signOut();

Q_SIGNALS:
    void stateChanged(SessionController::State state);
    void signedIn(const QString &user);
    void signInFailed(const QString &message);
    void noStoredSession();
    // why is empty when the user asked; otherwise it says what ended the session.
    void signedOut(const QString &why);
    void tokenRefreshed(qint64 expiresAt);
    void refreshFailing(const QString &message);
    void keychainUnavailable(const QString &why, const QString &detail);
    // Signed out here, but the server could not be told (its sessions end at their expiry).
    void logoutFailed(const QString &message);

private:
    enum class Pending { None, Login, Resume, Refresh };

    void setState(State state);
    void adopt(const AuthApi::TokenPair &pair);
    void onTokensSaved();
    void requestRefresh();
    void onAuthFailed(AuthApi::Operation operation, int status, const QString &message, qint64 retryAfterMs);
    void onStoreLoaded(const TokenStore::Tokens &tokens);
    void endSession(const QString &why);

    TokenStore *m_store;
    AuthApi *m_auth;
    RefreshScheduler *m_scheduler;
    SignalConnection *m_connection;
    const SignalGate::Clock &m_clock;

    ServerAddress m_server;
    State m_state = State::SignedOut;
    QString m_user;
    TokenStore::Tokens m_tokens;
    Pending m_pending = Pending::None;
    bool m_fromStore = false;
    bool m_loading = false;        // resumeStoredSession waits for the keychain
    bool m_revokedClose = false;   // the last close was "Token revoked"
};

}   // namespace SignalGate::Client
