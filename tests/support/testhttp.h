#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

class TestServer;

// The tests' one HTTP client: a request with the event loop running until
// the answer, for the endpoints under test and for what a test does next to
// the client under test (an admin revoking a user, a refresh spent by hand).
namespace TestHttp {

struct Reply
{
    int status = 0;   // 0: no HTTP answer
    QByteArray body;
    QJsonObject json;   // empty unless the body is a JSON object
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const;   // case-insensitive; empty when absent
};

constexpr int DefaultTimeoutMs = 60000;

// A JSON body, with a bearer token when one is given.
Reply post(const QUrl &url, const QJsonObject &body, const QByteArray &bearer = {}, int timeoutMs = DefaultTimeoutMs);
Reply post(const TestServer &server, const QString &path, const QJsonObject &body, const QByteArray &bearer = {});
// Any bytes as a JSON-typed body: for bodies that are not JSON objects.
Reply postBytes(const TestServer &server, const QString &path, const QByteArray &body);
Reply get(const TestServer &server, const QString &path);
// POST /auth/login and return the access token ("" on failure).
QByteArray login(const QUrl &base, const QString &user, const QString &password);

}   // namespace TestHttp
