#include "tokenextractor.h"

#include <QUrl>

namespace SignalGate::Server {

namespace {

constexpr QByteArrayView bearerScheme("bearer");
constexpr QByteArrayView subprotocolPrefix("bearer.");

}   // namespace

ExtractedToken TokenExtractor::extract(const HttpRequest &request)
{
    QList<QByteArray> candidates;

    for (const QByteArray &value : request.headerValues("authorization")) {
        const qsizetype space = value.indexOf(' ');
        const QByteArray scheme = (space < 0 ? value : value.left(space)).toLower();
        if (scheme != bearerScheme)
            continue;   // another scheme carries no token for us
        candidates.append(space < 0 ? QByteArray() : value.mid(space + 1).trimmed());
    }

    for (const QByteArray &value : request.headerValues("sec-websocket-protocol")) {
        for (const QByteArray &offer : value.split(',')) {
            const QByteArray trimmed = offer.trimmed();
            if (trimmed.toLower().startsWith(subprotocolPrefix))
                candidates.append(trimmed.mid(subprotocolPrefix.size()));
        }
    }

    const QList<QString> queryTokens = request.query.allQueryItemValues(QStringLiteral("token"), QUrl::FullyDecoded);
    for (const QString &value : queryTokens)
        candidates.append(value.toUtf8());

    ExtractedToken result;
    for (const QByteArray &candidate : candidates) {
        if (result.status == ExtractedToken::Status::Missing) {
            result.status = ExtractedToken::Status::Found;
            result.token = candidate;
        } else if (candidate != result.token) {
            return {ExtractedToken::Status::Conflict, {}};
        }
    }
    if (result.status == ExtractedToken::Status::Found && result.token.isEmpty())
        return {};
    return result;
}

}   // namespace SignalGate::Server
