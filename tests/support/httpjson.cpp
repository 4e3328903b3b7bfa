#include "httpjson.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>

namespace HttpJson {

Answer post(const QUrl &url, const QJsonObject &body, const QByteArray &bearer, int timeoutMs)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs);
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return answer;
}

QByteArray login(const QUrl &base, const QString &user, const QString &password)
{
    const Answer answer = post(base.resolved(QUrl(QStringLiteral("/auth/login"))),
                               {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
    return answer.status == 200 ? answer.body.value(QLatin1String("access_token")).toString().toLatin1() : QByteArray();
}

} // namespace HttpJson
