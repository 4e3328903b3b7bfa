#pragma once

#include "scenarios/tokenforge.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class Redactor;

// Every token a run uses, and where it comes from (issue 6): the login pair
// (AuthApi), minted test tokens from /dev/token on a dev-mode server or from
// a local TokenForge, HTTP refreshes, a logged-out (revoked) token. Each
// token it hands out is registered with the Redactor first.
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
    void setForge(std::optional<TokenForge> forge) { m_forge = std::move(forge); }
    bool hasForge() const { return m_forge.has_value(); }
    QString forgeAlgorithm() const { return m_forge ? m_forge->algorithmName() : QString(); }
    bool hasDevToken() const { return m_devToken; }
    bool canMint() const { return m_forge || m_devToken; }
    // What would enable the minted scenarios, for their SKIP reason.
    static QString mintHint();

    QString user() const { return m_user; }
    QByteArray accessToken() const { return m_access; }
    // The current access token's claims (unverified): the base of forged ones.
    QJsonObject claims() const;

    // Signs in; the pair becomes current. error empty on success.
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
    void devToken(const QJsonObject &body, const TokenCallback &done);

    QNetworkAccessManager *m_network;
    Redactor *m_redactor;
    QUrl m_server;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
    std::optional<TokenForge> m_forge;
    bool m_devToken = false;
    QString m_user;
    QString m_password;   // for revokedToken's second login; never shown
    QByteArray m_access;
    QByteArray m_refresh;
};
