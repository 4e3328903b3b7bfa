#include "testhttp.h"

#include "testserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTest>

namespace TestHttp {

namespace {

enum class Method { Get, Post };

Reply send(Method method, const QUrl &url, const QByteArray &body, const QByteArray &bearer, int timeoutMs)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = nullptr;
    if (method == Method::Post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = network.post(request, body);
    } else {
        reply = network.get(request);
    }
    (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs);
    Reply answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    answer.headers = reply->rawHeaderPairs();
    delete reply;
    return answer;
}

}   // namespace

QByteArray Reply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

Reply post(const QUrl &url, const QJsonObject &body, const QByteArray &bearer, int timeoutMs)
{
    return send(Method::Post, url, QJsonDocument(body).toJson(QJsonDocument::Compact), bearer, timeoutMs);
}

Reply post(const TestServer &server, const QString &path, const QJsonObject &body, const QByteArray &bearer)
{
    return post(server.httpUrl(path), body, bearer);
}

Reply postBytes(const TestServer &server, const QString &path, const QByteArray &body)
{
    return send(Method::Post, server.httpUrl(path), body, {}, DefaultTimeoutMs);
}

Reply get(const TestServer &server, const QString &path)
{
    return send(Method::Get, server.httpUrl(path), {}, {}, DefaultTimeoutMs);
}

QByteArray login(const QUrl &base, const QString &user, const QString &password)
{
    const Reply answer = post(base.resolved(QUrl(QStringLiteral("/auth/login"))),
                              {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
    return answer.status == 200 ? answer.json.value(QLatin1String("access_token")).toString().toLatin1() : QByteArray();
}

}   // namespace TestHttp
