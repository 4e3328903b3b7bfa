#include "tokenstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QUrl>

#include <qt6keychain/keychain.h>

namespace SignalGate::Client {

// Only entry names, error codes and QtKeychain's error strings are logged:
// never a token, never the stored value.
Q_LOGGING_CATEGORY(lcTokenStore, "signalgate.client.tokenstore", QtInfoMsg)

namespace {

// The keychain value: {"access":"...","refresh":"..."}. Tokens are ASCII
// (JWS and base64url); Latin-1 keeps any byte as it is either way.
QByteArray encode(const TokenStore::Tokens &tokens)
{
    const QJsonObject object{{QLatin1String("access"), QString::fromLatin1(tokens.access)},
                             {QLatin1String("refresh"), QString::fromLatin1(tokens.refresh)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// An entry we cannot read as ours is treated as absent (the caller then signs
// in again, which overwrites it).
TokenStore::Tokens decode(const QByteArray &value, bool *ok)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(value, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    if (!*ok)
        return {};
    const QJsonObject object = document.object();
    const QJsonValue access = object.value(QLatin1String("access"));
    const QJsonValue refresh = object.value(QLatin1String("refresh"));
    *ok = access.isString() && refresh.isString();
    if (!*ok)
        return {};
    return {access.toString().toLatin1(), refresh.toString().toLatin1()};
}

// Jobs have no parent: QtKeychain's libsecret callbacks hold a pointer into the
// job, so a job must live until it has finished (setAutoDelete deletes it
// then). The connections to the store use the store as context, so a store
// destroyed first is simply not called back.
template<typename Job>
Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);   // never a plain-text file
    job->setKey(key);
    return job;
}

}   // namespace

TokenStore::TokenStore(const QString &service, QObject *parent) : QObject(parent), m_service(service) {}

void TokenStore::fallBackToMemory(const QKeychain::Job *job, const QString &key)
{
    // The key names server and user; no secret is part of the error.
    qCWarning(lcTokenStore).noquote() << "keychain operation for" << key << "failed with error" << int(job->error())
                                      << job->errorString();
    if (!m_keychainAvailable)
        return;   // said once; memory from now on
    m_keychainAvailable = false;
    const QString detail = job->errorString().isEmpty() ? tr("error %1").arg(int(job->error())) : job->errorString();
    Q_EMIT keychainUnavailable(tr("No keychain answered. The tokens are kept in memory for this session only; "
                                  "you will have to sign in again next time."),
                               detail);
}

void TokenStore::startCounted(QKeychain::Job *job)
{
    ++m_pendingJobs;
    connect(job, &QKeychain::Job::finished, this, [this] { --m_pendingJobs; });
    job->start();
}

QString TokenStore::entryName(const QString &server, const QString &user)
{
    // "http://Host:8765/" and "http://host:8765" are the same server.
    QString normalized = server.trimmed();
    const QUrl url(normalized);
    if (url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty()) {
        QUrl adjusted = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                                     | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
        if (adjusted.path() == QLatin1String("/"))
            adjusted.setPath(QString());
        normalized = adjusted.toString();
    }
    return user + QLatin1Char('@') + normalized;
}

void TokenStore::save(const QString &server, const QString &user, const Tokens &tokens)
{
    const QString key = entryName(server, user);
    if (!m_keychainAvailable) {
        m_memory.insert(key, tokens);
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT saved(true); }, Qt::QueuedConnection);
        return;
    }
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setBinaryData(encode(tokens));
    connect(job, &QKeychain::Job::finished, this, [this, key, tokens](QKeychain::Job *job) {
        if (job->error() == QKeychain::NoError && m_keychainAvailable) {
            Q_EMIT saved(true);
            return;
        }
        // A failed write means the keychain cannot hold the tokens (with a
        // locked keyring, reads may even claim EntryNotFound, so the write
        // is the reliable test): this session keeps them in memory instead.
        m_memory.insert(key, tokens);
        if (job->error() != QKeychain::NoError) {
            fallBackToMemory(job, key);
        }
        Q_EMIT saved(true);
    });
    startCounted(job);
}

void TokenStore::load(const QString &server, const QString &user)
{
    const QString key = entryName(server, user);
    if (!m_keychainAvailable) {
        QMetaObject::invokeMethod(
                this, [this, key] { Q_EMIT loaded(m_memory.value(key)); }, Qt::QueuedConnection);
        return;
    }
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *job) {
        const QKeychain::Error error = job->error();
        Tokens tokens;
        if (error == QKeychain::NoError) {
            bool ok = false;
            tokens = decode(static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData(), &ok);
            if (!ok)
                qCWarning(lcTokenStore).noquote() << "ignoring an unreadable keychain entry for" << key;
        } else if (error != QKeychain::EntryNotFound) {
            fallBackToMemory(job, key);
        }
        // In memory mode (perhaps since a write queued before this read
        // failed) memory holds the newest tokens of this session.
        if (!m_keychainAvailable && m_memory.contains(key))
            tokens = m_memory.value(key);
        Q_EMIT loaded(tokens);
    });
    startCounted(job);
}

void TokenStore::remove(const QString &server, const QString &user)
{
    const QString key = entryName(server, user);
    m_memory.remove(key);
    if (!m_keychainAvailable) {
        QMetaObject::invokeMethod(
                this, [this] { Q_EMIT removed(); }, Qt::QueuedConnection);
        return;
    }
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *job) {
        const QKeychain::Error error = job->error();
        if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
            fallBackToMemory(job, key);
        }
        m_memory.remove(key);   // a save may have landed in memory meanwhile
        Q_EMIT removed();
    });
    startCounted(job);
}

}   // namespace SignalGate::Client
