#include "clientcore.h"

#include "eventlog.h"
#include "jsonkeys.h"
#include "signalconnection.h"
#include "signalmodel.h"
#include "tokenstore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>
#include <QSslError>

#include <utility>

namespace SignalGate::Client {

namespace Key = SignalGate::Protocol::Key;

namespace {

using Severity = CloseCodeInfo::Severity;

QString clockTime(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds).toString(QStringLiteral("HH:mm:ss"));
}

// What a person needs to judge a certificate: who it names, who signed it,
// until when, and the fingerprint to compare with the server's.
QString describeCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return QString();
    const QByteArray fingerprint = certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    return ClientCore::tr("subject %1, issued by %2, valid %3 to %4, SHA-256 %5")
            .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName(),
                 certificate.effectiveDate().toString(Qt::ISODate), certificate.expiryDate().toString(Qt::ISODate),
                 QString::fromLatin1(fingerprint));
}

}   // namespace

ClientCore::ClientCore(const QString &keychainService, QObject *parent)
    : QObject(parent)
    , m_store(new TokenStore(keychainService.isEmpty() ? QStringLiteral("signalgate") : keychainService, this))
    , m_session(new SessionController(m_store, &m_network, SignalGate::Clock::system(), this))
    , m_signals(new SignalModel(this))
    , m_log(new EventLog(this))
{
    SignalConnection *connection = m_session->connection();
    connect(connection, &SignalConnection::signalBatchReceived, m_signals, [this](const QList<QJsonObject> &batch) {
        for (const QJsonObject &signal : batch)
            m_signals->append(signal);
    });
    connect(connection, &SignalConnection::stateChanged, m_signals,
            [this](SignalConnection::State state) { m_signals->setLive(state == SignalConnection::State::Open); });
    connect(connection, &SignalConnection::resumeResult, m_signals, &SignalModel::countResume);
    connect(connection, &SignalConnection::signalsSkipped, m_signals, &SignalModel::countSkipped);
    recordSessionEvents();
    recordConnectionEvents();
}

ClientCore::~ClientCore()
{
    // Children die in ~QObject, after m_network: the session's replies and
    // socket must go first, before the manager and the models they feed.
    delete m_session;
}

void ClientCore::recordSessionEvents()
{
    connect(m_session, &SessionController::signedIn, m_log, [this](const QString &user) {
        const QString where = m_session->server().text();
        m_log->addEvent(Severity::Info,
                        m_session->signedInFromStore()
                                ? tr("Signed in as %1 at %2 with the session kept in the keychain.").arg(user, where)
                                : tr("Signed in as %1 at %2.").arg(user, where),
                        m_session->usingKeychain() ? tr("Connect as soon as the access token is in the keychain.")
                                                   : tr("Connect; the tokens stay in memory only."));
    });
    connect(m_session, &SessionController::signInFailed, m_log, [this](const QString &message) {
        m_log->addEvent(Severity::Error, tr("Sign-in failed: %1").arg(message), tr("Wait for you to sign in."));
    });
    connect(m_session, &SessionController::signedOut, m_log, [this](const QString &why) {
        if (why.isEmpty())
            m_log->addEvent(Severity::Info, tr("Signed out; the tokens were deleted from the keychain."),
                            tr("Stay disconnected until you sign in."));
        else if (why != m_lastDecision)
            m_log->addEvent(Severity::Warning, tr("Session ended: %1").arg(why), tr("Wait for you to sign in."));
    });
    connect(m_session, &SessionController::tokenRefreshed, m_log, [this](qint64 expiresAt) {
        m_log->addEvent(Severity::Info, tr("Access token renewed; valid until %1.").arg(clockTime(expiresAt)),
                        tr("Hand it to the open connection (auth.refresh)."));
    });
    connect(m_session, &SessionController::refreshFailing, m_log, [this](const QString &message) {
        m_log->addEvent(Severity::Warning, tr("Could not renew the access token: %1").arg(message),
                        tr("Try again with a growing delay until 30 s before it expires."));
    });
    connect(m_session, &SessionController::keychainUnavailable, m_log,
            [this](const QString &why, const QString &detail) {
                m_log->addEvent(Severity::Warning, tr("%1 Details: %2").arg(why, detail),
                                tr("Keep the tokens in memory for this session only."));
            });
    connect(m_session, &SessionController::logoutFailed, m_log, [this](const QString &message) {
        m_log->addEvent(Severity::Warning, tr("Signed out here, but the server could not be told: %1").arg(message),
                        tr("Nothing: the server ends the session when its tokens expire."));
    });
}

void ClientCore::recordConnectionEvents()
{
    SignalConnection *connection = m_session->connection();
    connect(connection, &SignalConnection::stateChanged, m_log, [this, connection](SignalConnection::State state) {
        const bool retry = std::exchange(m_lastState, state) == SignalConnection::State::Reconnecting;
        if (state == SignalConnection::State::Connecting) {
            m_attemptOpened = false;
            m_attemptError.clear();
            // A retry is counted on its "could not connect" row instead.
            if (!retry)
                m_log->addEvent(Severity::Info,
                                tr("Connecting to %1.").arg(connection->server().toString(QUrl::RemoveQuery)));
        } else if (state == SignalConnection::State::Open) {
            m_attemptOpened = true;
        } else if (state == SignalConnection::State::WaitingForToken)
            m_log->addEvent(Severity::Info, tr("No usable access token: not connecting."),
                            tr("Connect once a token with at least 30 s left is there."));
    });
    connect(connection, &SignalConnection::welcomed, m_log, [this](const QJsonObject &welcome) {
        m_log->addEvent(Severity::Info,
                        tr("Connected: welcome for %1, token valid until %2, last seq %3.")
                                .arg(welcome.value(Key::Sub).toString(),
                                     clockTime(welcome.value(QLatin1String("exp")).toInteger()))
                                .arg(welcome.value(QLatin1String("last_seq")).toInteger()));
    });
    connect(connection, &SignalConnection::closed, m_log,
            [this](quint16 code, const QString &reason, const CloseCodeInfo &,
                   const ReconnectPolicy::Decision &decision) {
                m_lastDecision = decision.why;
                if (code == 1006 && !m_attemptOpened)
                    m_log->addEvent(Severity::Warning,
                                    tr("Could not connect: %1")
                                            .arg(m_attemptError.isEmpty() ? tr("no answer") : m_attemptError),
                                    decision.why);
                else
                    m_log->addClose(code, reason, decision.why);
            });
    connect(connection, &SignalConnection::handshakeRefused, m_log,
            [this](int status, const ReconnectPolicy::Decision &decision) {
                m_log->addEvent(status == 429 ? Severity::Warning : Severity::Error,
                                tr("The server refused the connection with HTTP %1.").arg(status), decision.why);
            });
    connect(connection, &SignalConnection::networkError, m_log,
            [this](QAbstractSocket::SocketError, const QString &message) {
                if (m_attemptOpened)
                    m_log->addEvent(Severity::Warning, tr("Network error: %1").arg(message));
                else
                    m_attemptError = message;   // said once, with the close that follows
            });
    connect(connection, &SignalConnection::sslErrors, m_log, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors) {
            const QString details = describeCertificate(error.certificate());
            m_log->addEvent(
                    Severity::Error,
                    details.isEmpty() ? tr("TLS: %1").arg(error.errorString())
                                      : tr("TLS: %1 (%2)").arg(error.errorString(), details),
                    tr("Not ignored: fix the CA file in Settings or find out who answers instead of the server."));
        }
    });
    connect(connection, &SignalConnection::expiring, m_log, [this](qint64 secondsLeft) {
        m_log->addEvent(Severity::Info,
                        tr("The server says the access token expires in %n s.", nullptr, int(secondsLeft)));
    });
    connect(connection, &SignalConnection::refreshed, m_log, [this](qint64 expiresAt) {
        m_log->addEvent(
                Severity::Info,
                tr("The server accepted the new token (auth.refreshed); valid until %1.").arg(clockTime(expiresAt)));
    });
    connect(connection, &SignalConnection::refreshFailed, m_log, [this](const QString &message, int attemptsLeft) {
        m_log->addEvent(Severity::Warning,
                        attemptsLeft >= 0
                                ? tr("In-band refresh refused: %1 (%2 attempts left)").arg(message).arg(attemptsLeft)
                                : tr("In-band refresh refused: %1").arg(message));
    });
    connect(connection, &SignalConnection::errorMessage, m_log, [this](const QString &code, const QString &message) {
        if (code == QLatin1String("refresh_failed"))
            return;   // refreshFailed says it with the attempts left
        m_log->addEvent(Severity::Warning, tr("Server error %1: %2").arg(code, message));
    });
    connect(connection, &SignalConnection::resumeResult, m_log, [this](qint64 recovered, qint64 lost) {
        if (lost < 0)
            m_log->addEvent(Severity::Warning,
                            tr("Resumed after a server restart: %n signal(s) recovered; "
                               "what the old server sent meanwhile is lost.",
                               nullptr, int(recovered)));
        else
            m_log->addEvent(lost > 0 ? Severity::Warning : Severity::Info,
                            tr("Resumed: %n signal(s) recovered", nullptr, int(recovered))
                                    + tr(", %n lost.", nullptr, int(lost)));
    });
    connect(connection, &SignalConnection::signalsSkipped, m_log, [this](qint64 count) {
        m_log->addEvent(Severity::Warning,
                        tr("The server skipped %n signal(s) without closing; they are lost.", nullptr, int(count)));
    });
    connect(connection, &SignalConnection::stopped, m_log, [this](const QString &why) {
        if (why != m_lastDecision)
            m_log->addEvent(Severity::Info, tr("Disconnected: %1").arg(why), tr("Stay disconnected."));
    });
}

}   // namespace SignalGate::Client
