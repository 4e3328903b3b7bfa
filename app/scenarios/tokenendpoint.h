#pragma once

#include "targetprofile.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace SignalGate::Scenarios {

// A foreign target's token endpoint: a JSON login posting
// {"<user field>","<password field>"}, or the OAuth2 password grant as a form
// post (grant_type=password, username, password: FastAPI's
// OAuth2PasswordRequestForm and most identity servers). Either answers
// {"access_token", ...}; a refresh_token is taken when one comes along.
struct TokenEndpoint
{
    // access empty and error set (one line) on failure.
    using Done = std::function<void(const QByteArray &access, const QByteArray &refresh, const QString &error)>;

    QUrl url;
    TargetProfile::Login kind = TargetProfile::Login::Json;
    QString userField = QStringLiteral("username");
    QString passwordField = QStringLiteral("password");
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();

    // done runs once, in context's thread, unless context is gone first.
    void post(QNetworkAccessManager *network, const QString &user, const QString &password, QObject *context,
              const Done &done) const;
};

}   // namespace SignalGate::Scenarios
