// libFuzzer target: the front door's HTTP request head parser
// (HttpRequest::parseHead), and on every complete head what the gate does next
// with it: TokenExtractor::extract and the redacted target that gets logged.
#include "httprequest.h"
#include "tokenextractor.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>

using namespace SignalGate::Server;

extern "C" const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

constexpr qsizetype MaxHeadBytes = 16384;

[[noreturn]] void violated()
{
    __builtin_trap();
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

void checkHead(QByteArrayView input, const HttpRequest &request)
{
    const qsizetype end = input.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0 || request.headLength != end + 4 || request.headLength > MaxHeadBytes)
        violated();
    if (request.method.isEmpty() || !request.target.startsWith('/'))
        violated();
    for (const auto &header : request.headers) {
        if (header.first.isEmpty())
            violated();
        for (const char c : header.first) {
            if ((c >= 'A' && c <= 'Z') || c == ':' || isSpace(c))
                violated();
        }
        if (!header.second.isEmpty() && (isSpace(header.second.front()) || isSpace(header.second.back())))
            violated();
        // PROTOCOL.md section 10.1: no control byte but tab in a value we accepted...
        for (const char c : header.second) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && u != '\t') || u == 0x7f)
                violated();
        }
        // ...and nothing but printable ASCII once it is written to a log.
        for (const QChar c : HttpRequest::printable(header.second)) {
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                violated();
        }
    }
    if (request.hasHeader("transfer-encoding") || request.headerValues("content-length").size() > 1
        || request.contentLength < 0)
        violated();
    (void)request.isWebSocketUpgrade();
}

void checkToken(const HttpRequest &request)
{
    const ExtractedToken extracted = TokenExtractor::extract(request);
    switch (extracted.status) {
    case ExtractedToken::Status::Found:
        if (extracted.token.isEmpty())
            violated();
        break;
    case ExtractedToken::Status::Missing:
    case ExtractedToken::Status::Conflict:
        if (!extracted.token.isEmpty())
            violated();
        break;
    }
    // No place that can carry a token: nothing may be found.
    if (extracted.status != ExtractedToken::Status::Missing && !request.hasHeader("authorization")
        && !request.hasHeader("sec-websocket-protocol") && !request.query.hasQueryItem(QStringLiteral("token")))
        violated();
}

// What redactedTarget guarantees (and what is logged): the part up to the first
// '?' is kept, the query keeps its '&'-separated items in order and their keys,
// and every value is replaced by [REDACTED]; all of it escaped as printable().
void checkRedaction(const HttpRequest &request)
{
    const QString redacted = request.redactedTarget();
    const QByteArray &target = request.target;
    const qsizetype q = target.indexOf('?');
    QByteArray expected = target;
    if (q >= 0) {
        QList<QByteArray> items = target.mid(q + 1).split('&');
        for (QByteArray &item : items) {
            // Keys stay, every value is replaced: "k=v" -> "k=[REDACTED]", "k" stays "k".
            const qsizetype equals = item.indexOf('=');
            if (equals >= 0)
                item = item.left(equals) + "=[REDACTED]";
        }
        expected = target.left(q + 1) + items.join('&');
    }
    if (redacted != HttpRequest::printable(expected))
        violated();
    for (const QChar c : redacted) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            violated();
    }
}

// PROTOCOL.md section 7: no token the server would take from the query may
// reach a log, however its key is spelled ("tok%65n" decodes to "token").
void checkRedactionContract(const HttpRequest &request)
{
    if (!request.query.hasQueryItem(QStringLiteral("token")))
        return;
    // The logged target, read back the way the server reads a target.
    const QUrlQuery logged(QUrl(request.redactedTarget(), QUrl::TolerantMode));
    const QStringList values = logged.allQueryItemValues(QStringLiteral("token"), QUrl::FullyDecoded);
    for (const QString &value : values) {
        if (!value.isEmpty() && value != QLatin1String("[REDACTED]"))
            violated();
    }
}

}   // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    HttpRequest request;
    const HttpRequest::ParseResult result = HttpRequest::parseHead(input, MaxHeadBytes, &request);
    switch (result.status) {
    case HttpRequest::ParseStatus::Incomplete:
        if (input.contains(QByteArrayView("\r\n\r\n")) || input.size() > MaxHeadBytes)
            violated();
        return 0;
    case HttpRequest::ParseStatus::Bad:
    case HttpRequest::ParseStatus::HeadTooLarge:
        if (result.error.isEmpty())
            violated();
        return 0;
    case HttpRequest::ParseStatus::Complete:
        break;
    }
    if (!result.error.isEmpty())
        violated();
    checkHead(input, request);
    checkToken(request);
    checkRedaction(request);
    checkRedactionContract(request);
    return 0;
}
