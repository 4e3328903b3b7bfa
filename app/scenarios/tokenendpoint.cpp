#include "tokenendpoint.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace SignalGate::Scenarios {

namespace {
constexpr int kTransferTimeoutMs = 15000;
// A token answer is small; a huge one is not a token answer.
constexpr qint64 kMaxAnswerBytes = 256 * 1024;

// What servers put in a refusal: FastAPI "detail", OAuth2 "error_description"/"error".
QString refusalText(const QJsonObject &answer, const QByteArray &body)
{
    for (const char *key : {"detail", "error_description", "error", "message"}) {
        const QJsonValue value = answer.value(QLatin1String(key));
        if (value.isString())
            return value.toString();
    }
    return QString::fromUtf8(body.left(120)).simplified();
}
}   // namespace

void TokenEndpoint::post(QNetworkAccessManager *network, const QString &user, const QString &password, QObject *context,
                         const Done &done) const
{
    QNetworkRequest request(url);
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setSslConfiguration(sslConfiguration);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    QByteArray body;
    if (kind == TargetProfile::Login::OAuth2) {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
        form.addQueryItem(QStringLiteral("username"), user);
        form.addQueryItem(QStringLiteral("password"), password);
        // QUrlQuery leaves '+' alone, which a form decoder reads as a space.
        body = form.query(QUrl::FullyEncoded).toLatin1().replace('+', "%2B");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    } else {
        body = QJsonDocument(QJsonObject{{userField, user}, {passwordField, password}}).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QNetworkReply *reply = network->post(request, body);
    const QString where = url.toString(QUrl::RemoveUserInfo);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done, where] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0)
            return done({}, {},
                        QCoreApplication::translate("TokenEndpoint", "login failed: %1 (%2)")
                                .arg(reply->errorString(), where));
        const QByteArray bytes = reply->read(kMaxAnswerBytes);
        const QJsonObject answer = QJsonDocument::fromJson(bytes).object();
        if (status != 200)
            return done({}, {},
                        QCoreApplication::translate("TokenEndpoint", "login failed: HTTP %1 from %2 (%3)")
                                .arg(status)
                                .arg(where, refusalText(answer, bytes)));
        const QByteArray access = answer.value(QLatin1String("access_token")).toString().toUtf8();
        if (access.isEmpty()) {
            return done({}, {},
                        QCoreApplication::translate(
                                "TokenEndpoint",
                                "login failed: HTTP 200 from %1, but the answer has no \"access_token\" (keys: %2)")
                                .arg(where, answer.keys().join(QLatin1String(", "))));
        }
        done(access, answer.value(QLatin1String("refresh_token")).toString().toUtf8(), {});
    });
}

}   // namespace SignalGate::Scenarios
