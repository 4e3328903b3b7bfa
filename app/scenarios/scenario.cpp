#include "scenarios/scenario.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Scenario", text);
}

QList<Scenario> build()
{
    using G = Scenario::Group;
    const QString login = tr("A login (user and password).");
    const QString minted = tr("A login, and /dev/token on a dev-mode server or a signing key (--key).");
    const QString invalid = tr("1008 \"Invalid or expired token\", no welcome, no signal.");
    const QString required = tr("1008 \"Authentication required\", no welcome, no signal.");
    struct Row
    {
        const char *id;
        G group;
        const char *title;
        const char *proves;
        int kind;   // 0 login, 1 minted, 2 minted + in-band refresh, 3 login + in-band refresh
        QString expected;
    };
    const QList<Row> rows{
        {"valid-token", G::Authentication, "Valid token", "A genuine token is admitted: welcome, then live signals.", 0,
         tr("welcome, then signals.")},
        {"no-token", G::Authentication, "No token", "A connection without any token is refused before it joins the pool.", 0, required},
        {"empty-token", G::Authentication, "Empty token", "An empty token counts as none.", 0, required},
        {"null-token", G::Authentication, "Null signature",
         "A genuine header and payload with an empty signature segment (header.payload.) are refused.", 0, invalid},
        {"malformed-token", G::Authentication, "Malformed token", "Text that is not a JWS is refused, not half-parsed.", 0, invalid},
        {"bad-signature", G::Authentication, "Bad signature", "A genuine token with one signature character changed is refused.", 0, invalid},
        {"alg-none", G::Authentication, "alg none", "A genuine payload under {\"alg\":\"none\"} without a signature is refused.", 0, invalid},
        {"expired", G::Authentication, "Expired token", "A correctly signed token past exp (+ leeway) is refused.", 1, invalid},
        {"not-yet-valid", G::Authentication, "Not yet valid", "A correctly signed token with nbf an hour ahead is refused.", 1, invalid},
        {"wrong-issuer", G::Authentication, "Wrong issuer", "A correctly signed token from another issuer is refused.", 1, invalid},
        {"wrong-audience", G::Authentication, "Wrong audience", "A correctly signed token for another audience is refused.", 1, invalid},
        {"alg-confusion", G::Authentication, "Algorithm confusion",
         "The header's alg never chooses the algorithm: a token whose header names another algorithm (with a key: HS512 "
         "with an HS secret, HS256 keyed with the public key PEM for RSA/EC/Ed25519) is refused.", 1, invalid},
        {"wrong-type", G::Authentication, "Wrong typ", "A correctly signed token with typ JWT instead of at+jwt is refused.", 1, invalid},
        {"revoked-token", G::Authentication, "Revoked token", "An access token is dead after logout, though not expired.", 0, invalid},
        {"oversized-token", G::Authentication, "Oversized token", "A token over 8 KiB is never admitted.", 0,
         tr("1008 \"Invalid or expired token\" or HTTP 400/431, no signal.")},
        {"bad-origin", G::OriginAndRateLimits, "Foreign Origin",
         "A browser page from an origin not on the allow-list cannot open the stream (CSWSH).", 0, tr("HTTP 403.")},
        {"message-flood", G::OriginAndRateLimits, "Message flood",
         "The per-connection message rate holds: the limit plus a few messages get rate_limited, then the close.", 0,
         tr("rate_limited, then 1008 \"Rate limit exceeded\".")},
        {"connection-flood", G::OriginAndRateLimits, "Connection flood",
         "The per-IP upgrade rate holds: once the published rate is spent the next upgrade is refused.", 0,
         tr("HTTP 429 with Retry-After once the rate is spent.")},
        {"oversized-message", G::Messages, "Oversized message", "A message over max_message_bytes closes the connection.", 0,
         tr("1009.")},
        {"binary-frame", G::Messages, "Binary frame", "The protocol is JSON text: a binary frame closes the connection.", 0,
         tr("1003.")},
        {"invalid-json", G::Messages, "Invalid JSON", "Garbage gets an error answer and the connection stays usable.", 0,
         tr("error bad_request, connection stays open.")},
        {"refresh-in-band", G::RefreshAndExpiry, "In-band refresh", "A fresh token sent on the open connection extends it.", 3,
         tr("auth.refreshed, no disconnect.")},
        {"refresh-other-user", G::RefreshAndExpiry, "Refresh as another user",
         "An open connection cannot be taken over by another user's valid token.", 2, tr("1008 \"Refresh rejected\".")},
        {"refresh-exhausted", G::RefreshAndExpiry, "Refresh attempts exhausted",
         "Failed in-band refreshes are bounded: the attempt after the published number closes.", 3,
         tr("1008 \"Refresh rejected\" on the 4th attempt.")},
        {"expiry-without-refresh", G::RefreshAndExpiry, "Expiry without refresh",
         "An open connection does not outlive its token: a warning, then the close.", 1,
         tr("auth.expiring, then 1008 \"Token expired\".")},
    };
    QList<Scenario> list;
    for (const Row &row : rows) {
        Scenario scenario;
        scenario.id = QString::fromLatin1(row.id);
        scenario.group = row.group;
        scenario.title = tr(row.title);
        scenario.proves = tr(row.proves);
        scenario.needsMintedToken = row.kind == 1 || row.kind == 2;
        scenario.needsInBandRefresh = row.kind == 2 || row.kind == 3;
        scenario.prerequisites = scenario.needsMintedToken ? minted : login;
        if (scenario.needsInBandRefresh)
            scenario.prerequisites += tr(" In-band refresh (profile signalgate).");
        scenario.expected = row.expected;
        list.append(scenario);
    }
    return list;
}

} // namespace

const QList<Scenario> &Scenario::catalogue()
{
    static const QList<Scenario> list = build();
    return list;
}

std::optional<Scenario> Scenario::find(const QString &id)
{
    for (const Scenario &scenario : catalogue()) {
        if (scenario.id == id)
            return scenario;
    }
    return std::nullopt;
}

QString Scenario::groupName(Group group)
{
    switch (group) {
    case Group::Authentication:
        return tr("authentication");
    case Group::OriginAndRateLimits:
        return tr("origin and rate limits");
    case Group::Messages:
        return tr("messages");
    case Group::RefreshAndExpiry:
        return tr("refresh and expiry");
    }
    return {};
}

QList<Scenario::Group> Scenario::groups()
{
    return {Group::Authentication, Group::OriginAndRateLimits, Group::Messages, Group::RefreshAndExpiry};
}
