#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

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
    static QString entryName(const QString &server, const QString &user);

Q_SIGNALS:
    void saved(bool ok);
    void loaded(const TokenStore::Tokens &tokens);   // empty when there is nothing stored
    void removed();
    void keychainUnavailable(const QString &why);

private:
    QString m_service;
    bool m_keychainAvailable = true;
    QHash<QString, Tokens> m_memory;   // only when the keychain is unavailable
};

}   // namespace SignalGate::Client
