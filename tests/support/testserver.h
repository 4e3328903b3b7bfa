#pragma once

#include "jwskey.h"
#include "manualclock.h"
#include "server.h"
#include "serverconfig.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>

// A real signalgate server on 127.0.0.1 with a random port, its own data dir
// and a known HS256 key, so tests can forge tokens the server will (or must not) accept.
// The per-IP connection and login rates are off by default (see the constructor).
class TestServer
{
public:
    using Tweak = std::function<void(SignalGate::Server::ServerConfig &)>;

    // The server reads time from clock(): by default the system's plus
    // whatever the test advances; Frozen stands still unless advanced.
    explicit TestServer(const Tweak &tweak = {},
                        SignalGate::ManualClock::Flow flow = SignalGate::ManualClock::Flow::FollowsSystem);
    // A tweak for RS256/ES256/EdDSA servers: sets the algorithm and PEM key files
    // (either may be empty) and drops the HS256 secret file. mint() then makes
    // tokens such a server refuses; sign asymmetric ones with a JwsKey of your own.
    static Tweak asymmetricKeys(const QString &algorithm, const QString &privateKeyFile, const QString &publicKeyFile);
    ~TestServer();

    bool start();
    // Destroys the server and keeps its data dir and key, so start() again is a restart.
    void stop();
    // start() on the port the last stop() released, so clients that knew the
    // server find it again (start() alone binds a new random port).
    bool startOnPreviousPort();
    QString error() const { return m_error; }
    SignalGate::Server::Server *server() const { return m_server.get(); }
    SignalGate::ManualClock &clock() { return m_clock; }
    const SignalGate::Server::ServerConfig &config() const { return m_config; }
    QString dataDir() const { return m_dir.path(); }
    QByteArray secret() const { return m_secret; }
    QString secretPath() const;

    // ws:// and http://, or wss:// and https:// when the config has TLS files.
    QUrl wsUrl(const QString &query = {}) const;
    QUrl httpUrl(const QString &path) const;

    // A token the server accepts (defaults), with claims and header members
    // overridden; a null value removes the member.
    QByteArray mint(const QJsonObject &claimOverrides = {}, const QJsonObject &headerOverrides = {}) const;
    // header.payload signed with HMAC over the given digest ("SHA256", "SHA384", ...)
    // and an arbitrary key: for tokens the pinned verifier must refuse.
    static QByteArray forge(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key,
                            const char *digest = "SHA256");
    QJsonObject defaultClaims() const;
    static qint64 now();

private:
    QTemporaryDir m_dir;
    QByteArray m_secret;
    SignalGate::Server::ServerConfig m_config;
    SignalGate::ManualClock m_clock;
    std::unique_ptr<SignalGate::Server::Server> m_server;
    QString m_error;
    quint16 m_previousPort = 0;
};
