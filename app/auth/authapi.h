#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace SignalGate::Client {

// The HTTP auth endpoints of PROTOCOL.md section 1 from the client side.
// Every answer comes back as a signal; failures carry the HTTP status (0 for
// a network error), a message for people and Retry-After when given.
class AuthApi : public QObject
{
    Q_OBJECT
public:
    struct TokenPair
    {
        QByteArray accessToken;
        QByteArray refreshToken;
        qint64 expiresIn = 0;
        qint64 refreshExpiresIn = 0;
    };
    enum class Operation { Login, Refresh, Logout };

    AuthApi(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setServer(const QUrl &server);   // http(s)://host:port
    QUrl server() const { return m_server; }
    // For https: the CA certificates to trust (Qt's default configuration otherwise).
    void setSslConfiguration(const QSslConfiguration &configuration) { m_sslConfiguration = configuration; }

    void login(const QString &user, const QString &password);
    void refresh(const QByteArray &refreshToken);
    void logout(const QByteArray &accessToken, const QByteArray &refreshToken);

Q_SIGNALS:
    void loggedIn(const AuthApi::TokenPair &pair);
    void refreshed(const AuthApi::TokenPair &pair);
    void loggedOut();
    void failed(AuthApi::Operation operation, int httpStatus, const QString &message, qint64 retryAfterMs);

private:
    // login and refresh share the answer: a token pair or a failure.
    void requestTokenPair(Operation operation, const QString &path, const QJsonObject &body,
                          void (AuthApi::*succeeded)(const AuthApi::TokenPair &));
    // timeoutMs 0: the default transfer timeout.
    QNetworkReply *post(const QString &path, const QByteArray &body, const QByteArray &bearer = {}, int timeoutMs = 0);

    QNetworkAccessManager *m_network;
    QUrl m_server;
    QSslConfiguration m_sslConfiguration = QSslConfiguration::defaultConfiguration();
};

}   // namespace SignalGate::Client
