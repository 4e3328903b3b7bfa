#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace SignalGate::Scenarios {

// The server under test, described: where its WebSocket is, where
// the token goes, how a token is obtained, what counts as a refusal, what an
// admitted connection and a signal look like, and which features it claims.
// Built in: "signalgate" (PROTOCOL.md as written) and "seed" (accept-then-
// close 1008 with any reason, token in the query, no refresh). A user's own
// is a JSON file with the same keys as toJson() writes; keys left out keep
// the built-in signalgate values, unknown keys are an error.
struct TargetProfile
{
    enum class TokenPlacement { Header, Query, Subprotocol, SubprotocolBare };
    enum class Login { None, SignalGate, Json, OAuth2 };
    enum class Feature { Refresh = 1, Resume = 2, MessageRate = 4 };

    QString name = QStringLiteral("signalgate");
    // Path (and query) of the WebSocket on the server; "{session}" is filled
    // with a fresh random id per connection.
    QString wsPath = QStringLiteral("/ws");
    TokenPlacement tokenIn = TokenPlacement::Header;
    // The query parameter (Query) or the prefix before the token (Subprotocol).
    QString tokenName = QStringLiteral("token");
    QString subprotocolPrefix = QStringLiteral("bearer.");
    QStringList offerSubprotocols{QStringLiteral("signalgate.v1")};

    Login login = Login::SignalGate;
    QString loginPath = QStringLiteral("/auth/login");
    QString userField = QStringLiteral("username");
    QString passwordField = QStringLiteral("password");

    QList<int> refusalCloses{1008};
    bool compareReasons = true;
    int originRefusalStatus = 403;
    int rateRefusalStatus = 429;
    // Empty: no welcome; "admitted" means still open after admitAfterMs.
    QString welcomeType = QStringLiteral("welcome");
    int admitAfterMs = 1000;
    // Empty: any message counts as a signal.
    QString signalType = QStringLiteral("signal");
    int features = int(Feature::Refresh) | int(Feature::Resume) | int(Feature::MessageRate);

    static TargetProfile signalGate();
    static TargetProfile seed();
    static QStringList builtInNames();
    // A built-in name, or a JSON file; nullopt with *error (one line naming
    // the file, the key and what it should be) otherwise.
    static std::optional<TargetProfile> load(const QString &nameOrFile, QString *error);
    static std::optional<TargetProfile> fromJson(const QJsonObject &object, QString *error);
    QJsonObject toJson() const;
    bool save(const QString &file, QString *error) const;

    bool supports(Feature feature) const { return features & int(feature); }
    // server's scheme and authority with wsPath, http(s) turned into ws(s),
    // "{session}" filled in.
    QUrl webSocketUrl(const QUrl &server) const;

    static QString placementName(TokenPlacement placement);
    static std::optional<TokenPlacement> placementFromName(const QString &name);
    static QString loginName(Login login);
    static std::optional<Login> loginFromName(const QString &name);
};

}   // namespace SignalGate::Scenarios
