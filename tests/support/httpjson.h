#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QUrl>

// One JSON POST with the event loop running until the answer (tests only):
// for what a test does next to the client under test, such as an admin
// revoking a user or the test spending a refresh token itself.
namespace HttpJson {

struct Answer
{
    int status = 0;          // 0: no HTTP answer
    QJsonObject body;        // empty unless the answer was a JSON object
};

Answer post(const QUrl &url, const QJsonObject &body, const QByteArray &bearer = {}, int timeoutMs = 60000);
// POST /auth/login and return the access token ("" on failure).
QByteArray login(const QUrl &base, const QString &user, const QString &password);

} // namespace HttpJson
