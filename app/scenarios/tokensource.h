#pragma once

#include "targetprofile.h"
#include "tokenforge.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace SignalGate::Scenarios {

class Redactor;

// Every token a run uses, and where it comes from (issues 6 and 11): the
// login (our pair through AuthApi, or a foreign JSON or OAuth2 login through
// TokenEndpoint), a token given as it is, minted test tokens from /dev/token
// on a dev-mode server or from a local TokenForge, HTTP refreshes, a
// logged-out (revoked) token. Each token it hands out is registered with the
// Redactor first.
class TokenSource : public QObject
{
    Q_OBJECT
public:
    // token empty and error set on failure.
    using TokenCallback = std::function<void(const QByteArray &token, const QString &error)>;
    using DoneCallback = std::function<void(const QString &error)>;

    TokenSource(QNetworkAccessManager *network, Redactor *redactor, QObject *parent = nullptr);

    void setServer(const QUrl &httpBase);   // http(s)://host:port
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }
    // What a forged token claims beyond the current token's claims (empty: keep those).
    struct ForgeClaims
    {
        QString issuer;
        QString audience;
        QString type;   // the header's typ; empty: at+jwt
        int lifetimeS = 600;
    };

    void setForge(std::optional<TokenForge> forge, const ForgeClaims &claims)
    {
        m_forge = std::move(forge);
        m_forgeClaims = claims;
    }
    // How login() gets a token: which kind, the path on the server, the field names.
    void setLogin(const TargetProfile &profile)
    {
        m_profile = profile;
        m_devToken = false;
    }
    // A token used as it is (--token-file, pasted in the console).
    void setAccessToken(const QByteArray &token);
    // Without a login or a given token: a token forged with the key, for sub
    // user, becomes the current one. False when there is no key.
    bool forgeCurrent(const QString &user);
    bool hasForge() const { return m_forge.has_value(); }
    QString forgeAlgorithm() const { return m_forge ? m_forge->algorithmName() : QString(); }
    bool hasDevToken() const { return m_devToken; }
    bool canMint() const { return m_forge || m_devToken; }
    // What would enable the minted scenarios, for their SKIP reason.
    static QString mintHint();

    QString user() const { return m_user; }
    QByteArray accessToken() const { return m_access; }
    bool hasRefreshToken() const { return !m_refresh.isEmpty(); }
    // Where the current token came from, for the report ("login json /auth/login", "forged (HS256)", "none").
    QString origin() const { return m_access.isEmpty() ? tr("none") : m_origin; }
    // A typ the target does not expect: JWT, or at+jwt when the forge claims JWT.
    QString otherType() const;
    // The current access token's claims (unverified): the base of forged ones.
    QJsonObject claims() const;

    // Signs in the way setLogin() said; the token (pair) becomes current. error empty on success.
    void login(const QString &user, const QString &password, const DoneCallback &done);
    // Asks POST /dev/token once; hasDevToken() says the answer.
    void detectDevToken(const DoneCallback &done);
    // A token signed with the server's key: the current user's claims with
    // fresh iat/exp/jti, claim overrides (null removes) and header overrides.
    void mint(const QJsonObject &claimOverrides, const QJsonObject &headerOverrides, const TokenCallback &done);
    // alg-confusion: local forge (TokenForge::confusedAlgorithm) or a server-signed
    // token whose header names another algorithm than the one that signed it.
    void mintConfused(const TokenCallback &done);
    // POST /auth/refresh; the new pair becomes current.
    void refreshAccess(const TokenCallback &done);
    // A second login, then logout: its access token is revoked but not expired.
    void revokedToken(const TokenCallback &done);

private:
    QByteArray keep(const QByteArray &token);
    QJsonObject freshClaims() const;
    QJsonObject forgeHeader() const;   // {"typ": --forge-typ} when one was given
    void devToken(const QJsonObject &body, const TokenCallback &done);

    QNetworkAccessManager *m_network;
    Redactor *m_redactor;
    QUrl m_server;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
    std::optional<TokenForge> m_forge;
    ForgeClaims m_forgeClaims;
    TargetProfile m_profile;
    bool m_devToken = false;
    QString m_user;
    QString m_password;   // for revokedToken's second login; never shown
    QByteArray m_access;
    QString m_origin;
    QByteArray m_refresh;
};

}   // namespace SignalGate::Scenarios
