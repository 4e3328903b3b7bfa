#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace SignalGate::Client {

// Keeps the token pair in the OS keychain through QtKeychain (service
// "signalgate", one entry per server and user, insecure fallback off). When
// no keychain can be reached, it says so once (keychainUnavailable) and keeps
// the tokens in memory for this session only. Never writes a token anywhere
// else (no QSettings, no file, no log). All operations are asynchronous.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    struct Tokens
    {
        QByteArray access;
        QByteArray refresh;
        bool isEmpty() const { return access.isEmpty() && refresh.isEmpty(); }
    };

    explicit TokenStore(const QString &service = QStringLiteral("signalgate"), QObject *parent = nullptr);

    void save(const QString &server, const QString &user, const Tokens &tokens);
    void load(const QString &server, const QString &user);
    void remove(const QString &server, const QString &user);
    bool usingKeychain() const { return m_keychainAvailable; }
    // A keychain operation is under way; with no keyring service answering
    // it can take the D-Bus timeout (about 25 s).
    bool isBusy() const { return m_pendingJobs > 0; }
    static QString entryName(const QString &server, const QString &user);

Q_SIGNALS:
    void saved(bool ok);
    void loaded(const TokenStore::Tokens &tokens);   // empty when there is nothing stored
    void removed();
    // why: a sentence for the user; detail: the keychain's own error text.
    void keychainUnavailable(const QString &why, const QString &detail);

private:
    void fallBackToMemory(const QKeychain::Job *job, const QString &key);
    void startCounted(QKeychain::Job *job);

    QString m_service;
    int m_pendingJobs = 0;
    bool m_keychainAvailable = true;
    QHash<QString, Tokens> m_memory;   // only when the keychain is unavailable
};

}   // namespace SignalGate::Client
