#include "reconnectpolicy.h"

#include "closecodeinfo.h"
#include "closecodes.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

using namespace SignalGate::Protocol;

namespace SignalGate::Client {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("ReconnectPolicy", text);
}

}   // namespace

ReconnectPolicy::ReconnectPolicy(Random random, qint64 baseMs, qint64 capMs)
    : m_random(std::move(random))
    , m_baseMs(std::max<qint64>(0, baseMs))
    , m_capMs(std::max<qint64>(0, capMs))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

ReconnectPolicy::Decision ReconnectPolicy::closed(quint16 code, const QString &reason)
{
    if (Close::TokenExpired.matches(code, reason) || Close::InvalidToken.matches(code, reason)) {
        // One refresh may cure it; if the connection that follows ends the
        // same way before a welcome, refreshing again would only loop.
        if (m_refreshedOnce) {
            return {Kind::SignIn, 0,
                    translated(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                                 "The server still rejects the access token after a refresh; "
                                                 "please sign in again."))};
        }
        m_refreshedOnce = true;
        ++m_attempt;
        // No delay: the refresh request is the wait, and it happens once only.
        const char *why = Close::TokenExpired.matches(code, reason) ? QT_TRANSLATE_NOOP("ReconnectPolicy", "The access token expired; refreshing it, then reconnecting.")
                                                                    : QT_TRANSLATE_NOOP("ReconnectPolicy",
                                "The server rejected the access token; refreshing it, then reconnecting.");
        return {Kind::RefreshThenReconnect, 0, translated(why)};
    }
    if (Close::AuthenticationRequired.matches(code, reason)) {
        return {Kind::SignIn, 0,
                translated(
                        QT_TRANSLATE_NOOP("ReconnectPolicy", "The server received no access token; please sign in."))};
    }

    const auto stop = [](const char *why) { return Decision{Kind::Stop, 0, translated(why)}; };
    if (Close::TokenRevoked.matches(code, reason)) {
        return stop(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                      "The session was revoked; not reconnecting. Sign in again to continue."));
    }
    if (Close::RefreshRejected.matches(code, reason))
        return stop(QT_TRANSLATE_NOOP("ReconnectPolicy", "The server rejected the token refresh; not reconnecting."));
    if (Close::TooManyConnections.matches(code, reason)) {
        return stop(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                      "This user has too many open connections; not reconnecting. "
                                      "Close another client first."));
    }
    if (Close::RateLimitExceeded.matches(code, reason)) {
        return stop(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                      "The client sent more messages than the server allows; not reconnecting."));
    }

    // The codes below mean one thing whatever the reason text says.
    switch (code) {
    case 1000:
        return stop(QT_TRANSLATE_NOOP("ReconnectPolicy", "The connection was closed on purpose; not reconnecting."));
    case 1003:
        return stop(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                      "The server does not accept the data the client sent; not reconnecting."));
    case 1009:
        return stop(
                QT_TRANSLATE_NOOP("ReconnectPolicy",
                                      "A message was larger than the server allows; not reconnecting."));
    case 1001:
        return backoff(translated(QT_TRANSLATE_NOOP("ReconnectPolicy", "The server is shutting down; reconnecting.")));
    case 1006:
        return backoff(translated(QT_TRANSLATE_NOOP("ReconnectPolicy", "The connection was lost; reconnecting.")));
    case 1011:
        return backoff(
                translated(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                                    "The server had an internal error; reconnecting.")));
    case 1013:
        return backoff(translated(
                QT_TRANSLATE_NOOP("ReconnectPolicy",
                                                    "The client fell behind the server; reconnecting and resuming.")));
    default:
        break;
    }

    // Not in the contract: CloseCodeInfo's reading of the code's range decides,
    // so the log and the behaviour agree.
    if (CloseCodeInfo::describe(code, reason).action == CloseCodeInfo::NextAction::Reconnect) {
        return backoff(translated(
                QT_TRANSLATE_NOOP("ReconnectPolicy", "The connection closed with code %1; reconnecting.")).arg(code));
    }
    return {Kind::Stop, 0,
            translated(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                         "The connection closed with code %1, which this client does not know; "
                                         "not reconnecting."))
                               .arg(code)};
}

ReconnectPolicy::Decision ReconnectPolicy::networkError()
{
    return backoff(
            translated(QT_TRANSLATE_NOOP("ReconnectPolicy", "A network error ended the connection; reconnecting.")));
}

ReconnectPolicy::Decision ReconnectPolicy::httpRefused(int status, qint64 retryAfterMs)
{
    if (status == 429) {
        return backoff(translated(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                                    "The server is taking no new connections for now (HTTP 429); "
                                                    "reconnecting later.")),
                                  retryAfterMs);
    }
    if (status == 403) {
        return {Kind::Stop, 0,
                translated(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                             "The server refused the connection (HTTP 403: origin not allowed); "
                                             "not reconnecting."))};
    }
    if (status == 401) {
        return {Kind::SignIn, 0,
                translated(QT_TRANSLATE_NOOP("ReconnectPolicy", "The server asks for a sign-in (HTTP 401)."))};
    }
    // A proxy or a server starting up: worth trying again, politely.
    if (status >= 500 && status <= 599) {
        return backoff(translated(
                QT_TRANSLATE_NOOP("ReconnectPolicy",
                                                    "The server answered HTTP %1; reconnecting.")).arg(status),
                retryAfterMs);
    }
    // 400, 404, 431 ...: the same request would be refused the same way.
    return {Kind::Stop, 0,
            translated(QT_TRANSLATE_NOOP("ReconnectPolicy",
                                         "The server refused the WebSocket connection (HTTP %1); not reconnecting."))
                               .arg(status)};
}

void ReconnectPolicy::connected()
{
    m_attempt = 0;
    m_refreshedOnce = false;
}

ReconnectPolicy::Decision ReconnectPolicy::backoff(const QString &why, qint64 atLeastMs)
{
    // min(cap, base * 2^attempt) without overflowing: double until the cap is reached.
    qint64 window = m_baseMs;
    for (int i = 0; i < m_attempt && window < m_capMs; ++i)
        window *= 2;
    window = std::min(window, m_capMs);

    // Full jitter spreads clients that lost the same server over the whole
    // window; a random function outside [0, 1] (or NaN) must not leave it.
    double r = m_random();
    if (!(r > 0.0))
        r = 0.0;
    else if (r > 1.0)
        r = 1.0;
    qint64 delay = std::llround(r * static_cast<double>(window));
    delay = std::max(delay, atLeastMs);

    ++m_attempt;
    return {Kind::Reconnect, delay, why};
}

}   // namespace SignalGate::Client
