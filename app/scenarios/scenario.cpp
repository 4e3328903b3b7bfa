#include "scenario.h"

#include <QCoreApplication>

namespace SignalGate::Scenarios {

namespace {

// Table texts are marked with QT_TRANSLATE_NOOP so lupdate finds them under
// "Scenario"; this looks them up in the UI language at run time.
QString translated(const char *text)
{
    return QCoreApplication::translate("Scenario", text);
}

struct NeedText
{
    Scenario::Need need;
    const char *name;
    const char *description;
};
const NeedText needTexts[] = {
        {Scenario::ValidToken, "token",
         QT_TRANSLATE_NOOP("Scenario", "a valid token (a login, a token file or a signing key)")},
         {Scenario::MintedToken, "minted",
          QT_TRANSLATE_NOOP("Scenario", "minted tokens (/dev/token on a dev-mode server, or the signing key)")},
          {Scenario::InBandRefresh, "refresh", QT_TRANSLATE_NOOP("Scenario", "in-band refresh (feature \"refresh\")")},
           {Scenario::RefreshToken, "refresh-token",
            QT_TRANSLATE_NOOP("Scenario", "a refresh token (the signalgate login)")},
            {Scenario::Logout, "logout", QT_TRANSLATE_NOOP("Scenario", "logout that revokes (the signalgate login)")},
             {Scenario::MessageRate, "msg-rate",
              QT_TRANSLATE_NOOP("Scenario", "a message rate limit (feature \"msg-rate\")")},
};

QString describeNeeds(int needs)
{
    QStringList parts;
    for (const NeedText &text : needTexts) {
        if (needs & text.need)
            parts << translated(text.description);
    }
    if (parts.isEmpty())
        return QCoreApplication::translate("Scenario", "Nothing but the server.");
    QString sentence = parts.join(QLatin1String(", "));
    sentence[0] = sentence[0].toUpper();
    return sentence + QLatin1Char('.');
}

QList<Scenario> build()
{
    using G = Scenario::Group;
    const QString invalid =
            QCoreApplication::translate("Scenario", "1008 \"Invalid or expired token\", no welcome, no signal.");
    const QString required =
            QCoreApplication::translate("Scenario", "1008 \"Authentication required\", no welcome, no signal.");
    struct Row
    {
        const char *id;
        G group;
        const char *title;
        const char *proves;
        int needs;
        QString expected;
    };
    constexpr int token = Scenario::ValidToken;
    constexpr int mint = Scenario::ValidToken | Scenario::MintedToken;
    const QList<Row> rows{
            {"valid-token", G::Authentication,
             QT_TRANSLATE_NOOP("Scenario", "Valid token"),
                     QT_TRANSLATE_NOOP("Scenario", "A genuine token is admitted: welcome, then live signals."), token,
                                       QCoreApplication::translate("Scenario", "welcome, then signals.")},
             {"no-token", G::Authentication,
              QT_TRANSLATE_NOOP("Scenario", "No token"),
                      QT_TRANSLATE_NOOP("Scenario", "A connection without any token is refused before it joins the pool."),
                                        0, required},
              {"empty-token", G::Authentication,
               QT_TRANSLATE_NOOP("Scenario", "Empty token"),
                                 QT_TRANSLATE_NOOP("Scenario", "An empty token counts as none."), 0, required},
               {"null-token", G::Authentication,
                QT_TRANSLATE_NOOP("Scenario", "Null signature"),
                                  QT_TRANSLATE_NOOP("Scenario", "A genuine header and payload with an empty signature segment (header.payload.) are refused."),
                                                    token, invalid},
                {"malformed-token", G::Authentication,
                 QT_TRANSLATE_NOOP("Scenario", "Malformed token"),
                                   QT_TRANSLATE_NOOP("Scenario", "Text that is not a JWS is refused, not half-parsed."),
                                                     0, invalid},
                 {"bad-signature", G::Authentication,
                  QT_TRANSLATE_NOOP("Scenario", "Bad signature"),
                          QT_TRANSLATE_NOOP("Scenario", "A genuine token with one signature character changed is refused."),
                                            token, invalid},
                  {"alg-none", G::Authentication,
                   QT_TRANSLATE_NOOP("Scenario", "alg none"),
                           QT_TRANSLATE_NOOP("Scenario", "A genuine payload under {\"alg\":\"none\"} without a signature is refused."),
                                   token, invalid},
                   {"expired", G::Authentication,
                    QT_TRANSLATE_NOOP("Scenario", "Expired token"),
                                      QT_TRANSLATE_NOOP("Scenario", "A correctly signed token past exp (+ leeway) is refused."),
                                                        mint, invalid},
                    {"not-yet-valid", G::Authentication,
                     QT_TRANSLATE_NOOP("Scenario", "Not yet valid"),
                                       QT_TRANSLATE_NOOP("Scenario", "A correctly signed token with nbf an hour ahead is refused."),
                                                         mint, invalid},
                     {"wrong-issuer", G::Authentication,
                      QT_TRANSLATE_NOOP("Scenario", "Wrong issuer"),
                                        QT_TRANSLATE_NOOP("Scenario", "A correctly signed token from another issuer is refused."),
                                                          mint, invalid},
                      {"wrong-audience", G::Authentication,
                       QT_TRANSLATE_NOOP("Scenario", "Wrong audience"),
                                         QT_TRANSLATE_NOOP("Scenario", "A correctly signed token for another audience is refused."),
                                                           mint, invalid},
                       {"alg-confusion", G::Authentication,
                        QT_TRANSLATE_NOOP("Scenario", "Algorithm confusion"),
                                          QT_TRANSLATE_NOOP("Scenario", "The header's alg never chooses the algorithm: a token whose header names another algorithm (with a key: HS512 "
         "with an HS secret, HS256 keyed with the public key PEM for RSA/EC/Ed25519) is refused."),
                                                            mint, invalid},
                        {"wrong-type", G::Authentication,
                         QT_TRANSLATE_NOOP("Scenario", "Wrong typ"),
                                 QT_TRANSLATE_NOOP("Scenario", "A correctly signed token with typ JWT instead of at+jwt is refused."),
                                         mint, invalid},
                         {"revoked-token", G::Authentication,
                          QT_TRANSLATE_NOOP("Scenario", "Revoked token"),
                                  QT_TRANSLATE_NOOP("Scenario", "An access token is dead after logout, though not expired."),
                                                    token | Scenario::Logout, invalid},
                          {"oversized-token", G::Authentication,
                           QT_TRANSLATE_NOOP("Scenario", "Oversized token"),
                                   QT_TRANSLATE_NOOP("Scenario", "A token over 8 KiB is never admitted."), token,
                                           QCoreApplication::translate(
                                                   "Scenario",
                                                   "1008 \"Invalid or expired token\" or HTTP 400/431, no signal.")},
                           {"bad-origin", G::OriginAndRateLimits,
                            QT_TRANSLATE_NOOP("Scenario", "Foreign Origin"),
                                              QT_TRANSLATE_NOOP("Scenario", "A browser page from an origin not on the allow-list cannot open the stream (CSWSH)."),
                                                                token,
                                                                QCoreApplication::translate("Scenario", "HTTP 403.")},
                            {"message-flood", G::OriginAndRateLimits,
                             QT_TRANSLATE_NOOP("Scenario", "Message flood"),
                                     QT_TRANSLATE_NOOP("Scenario", "The per-connection message rate holds: the limit plus a few messages get rate_limited, then the close."),
                                                       token | Scenario::MessageRate,
                                                       QCoreApplication::translate(
                                                               "Scenario",
                                                               "rate_limited, then 1008 \"Rate limit exceeded\".")},
                             {"connection-flood", G::OriginAndRateLimits,
                              QT_TRANSLATE_NOOP("Scenario", "Connection flood"),
                                      QT_TRANSLATE_NOOP("Scenario", "The per-IP upgrade rate holds: once the published rate is spent the next upgrade is refused."),
                                                        token,
                                                        QCoreApplication::translate(
                                                                "Scenario",
                                                                "HTTP 429 with Retry-After once the rate is spent.")},
                              {"oversized-message", G::Messages,
                               QT_TRANSLATE_NOOP("Scenario", "Oversized message"),
                                       QT_TRANSLATE_NOOP("Scenario", "A message over max_message_bytes closes the connection."),
                                                         token, QCoreApplication::translate("Scenario", "1009.")},
                               {"binary-frame", G::Messages,
                                QT_TRANSLATE_NOOP("Scenario", "Binary frame"),
                                        QT_TRANSLATE_NOOP("Scenario", "The protocol is JSON text: a binary frame closes the connection."),
                                                token, QCoreApplication::translate("Scenario", "1003.")},
                                {"invalid-json", G::Messages,
                                 QT_TRANSLATE_NOOP("Scenario", "Invalid JSON"),
                                         QT_TRANSLATE_NOOP("Scenario", "Garbage gets an error answer and the connection stays usable."),
                                                 token,
                                                 QCoreApplication::translate(
                                                         "Scenario", "error bad_request, connection stays open.")},
                                 {"refresh-in-band", G::RefreshAndExpiry,
                                  QT_TRANSLATE_NOOP("Scenario", "In-band refresh"),
                                          QT_TRANSLATE_NOOP("Scenario", "A fresh token sent on the open connection extends it."),
                                                  token | Scenario::InBandRefresh | Scenario::RefreshToken,
                                                  QCoreApplication::translate("Scenario",
                                                                              "auth.refreshed, no disconnect.")},
                                  {"refresh-other-user", G::RefreshAndExpiry,
                                   QT_TRANSLATE_NOOP("Scenario", "Refresh as another user"),
                                           QT_TRANSLATE_NOOP("Scenario", "An open connection cannot be taken over by another user's valid token."),
                                                             mint | Scenario::InBandRefresh,
                                                             QCoreApplication::translate("Scenario",
                                                                                         "1008 \"Refresh rejected\".")},
                                   {"refresh-exhausted", G::RefreshAndExpiry,
                                    QT_TRANSLATE_NOOP("Scenario", "Refresh attempts exhausted"),
                                            QT_TRANSLATE_NOOP("Scenario", "Failed in-band refreshes are bounded: the attempt after the published number closes."),
                                                              token | Scenario::InBandRefresh,
                                                              QCoreApplication::translate(
                                                                      "Scenario",
                                                                      "1008 \"Refresh rejected\" on the 4th attempt.")},
                                    {"expiry-without-refresh", G::RefreshAndExpiry,
                                     QT_TRANSLATE_NOOP("Scenario", "Expiry without refresh"),
                                             QT_TRANSLATE_NOOP("Scenario", "An open connection does not outlive its token: a warning, then the close."),
                                                               mint,
                                                               QCoreApplication::translate(
                                                                       "Scenario",
                                                                       "auth.expiring, then 1008 \"Token expired\".")},
                                    };
    QList<Scenario> list;
    for (const Row &row : rows) {
        Scenario scenario;
        scenario.id = QString::fromLatin1(row.id);
        scenario.group = row.group;
        scenario.title = translated(row.title);
        scenario.proves = translated(row.proves);
        scenario.needs = row.needs;
        scenario.prerequisites = describeNeeds(row.needs);
        scenario.expected = row.expected;
        list.append(scenario);
    }
    return list;
}

}   // namespace

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

QString Scenario::needNames(int needs)
{
    QStringList names;
    for (const NeedText &text : needTexts) {
        if (needs & text.need)
            names << QLatin1String(text.name);
    }
    return names.isEmpty() ? QStringLiteral("-") : names.join(QLatin1Char(','));
}

QString Scenario::groupName(Group group)
{
    switch (group) {
    case Group::Authentication:
        return QCoreApplication::translate("Scenario", "authentication");
    case Group::OriginAndRateLimits:
        return QCoreApplication::translate("Scenario", "origin and rate limits");
    case Group::Messages:
        return QCoreApplication::translate("Scenario", "messages");
    case Group::RefreshAndExpiry:
        return QCoreApplication::translate("Scenario", "refresh and expiry");
    }
    return {};
}

QList<Scenario::Group> Scenario::groups()
{
    return {Group::Authentication, Group::OriginAndRateLimits, Group::Messages, Group::RefreshAndExpiry};
}

}   // namespace SignalGate::Scenarios
