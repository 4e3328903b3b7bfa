#include "connection/signalconnection.h"

#include "auth/tokenclaims.h"
#include "closecodes.h"
#include "jsonkeys.h"
#include "messages.h"
#include "servermessages.h"
#include "connection/websocketcompat.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <limits>
#include <utility>

using namespace SignalGate::Protocol;

// State changes, close codes, seqs and counts only: never a token, and never
// a URL with its query (the query transport carries the token there).
Q_LOGGING_CATEGORY(lcConnection, "signalgate.client.connection", QtInfoMsg)

namespace {

QString shownUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment).toString();
}

} // namespace

SignalConnection::SignalConnection(QObject *parent)
    : QObject(parent),
      m_sslConfiguration(QSslConfiguration::defaultConfiguration())
{
    m_handshakeTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    m_resumeTimer.setSingleShot(true);
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(0);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &SignalConnection::onHandshakeTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SignalConnection::attemptConnect);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &SignalConnection::onKeepAlive);
    connect(&m_resumeTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcConnection) << "no answer to resume within" << ResumeTimeoutMs << "ms; delivering live signals";
        finishResume();
    });
    connect(&m_batchTimer, &QTimer::timeout, this, &SignalConnection::flushBatch);
}

SignalConnection::~SignalConnection()
{
    // Qt 6.4 starts a closing handshake from the socket's destructor (and
    // leaks its reason string); nobody would read the answer anyway. That
    // includes a socket stop() left to finish its closing handshake.
    const QList<QWebSocket *> sockets = findChildren<QWebSocket *>(QString(), Qt::FindDirectChildrenOnly);
    for (QWebSocket *socket : sockets)
        WebSocketCompat::drop(socket, this);
}

void SignalConnection::setServer(const QUrl &server)
{
    QUrl url = server;
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/ws"));
    if (url != m_server) {
        // Seqs are numbered per server: another server's seq says nothing here.
        m_resume.reset();
    }
    m_server = url;
}

void SignalConnection::setAccessToken(const QByteArray &token)
{
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token);
    if (!claims || claims->expiresAt <= 0) {
        if (!token.isEmpty())
            qCWarning(lcConnection) << "the access token given cannot be read (no exp); ignoring it";
        m_token.clear();
        m_expiresAt = 0;
    } else {
        m_token = token;
        m_expiresAt = claims->expiresAt;
    }
    m_tokenRefused = false;
    if (m_state == State::WaitingForToken)
        attemptConnect();
}

void SignalConnection::clearAccessToken()
{
    m_token.clear();
    m_expiresAt = 0;
    m_tokenRefused = false;
}

bool SignalConnection::hasUsableToken() const
{
    return !m_token.isEmpty() && !m_tokenRefused && m_expiresAt * 1000 - m_clock->wallMs() >= MinTokenLifetimeMs;
}

void SignalConnection::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_sslConfiguration.setCaCertificates(certificates);
}

void SignalConnection::setKeepAliveMs(int ms)
{
    m_keepAliveMs = qMax(0, ms);
    if (m_keepAliveMs == 0)
        m_keepAliveTimer.stop();
}

qint64 SignalConnection::reconnectRemainingMs() const
{
    return m_reconnectTimer.isActive() ? m_reconnectTimer.remainingTime() : -1;
}

QSslConfiguration SignalConnection::sessionSslConfiguration() const
{
    return m_socket ? m_socket->sslConfiguration() : QSslConfiguration();
}

void SignalConnection::setState(State state)
{
    if (state == m_state)
        return;
    // Signals delivered so far reach batch listeners before they hear of the change.
    flushBatch();
    qCInfo(lcConnection) << "state" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SignalConnection::start()
{
    if (m_state == State::Connecting || m_state == State::Open)
        return;
    attemptConnect();
}

void SignalConnection::reconnectNow()
{
    start();
}

void SignalConnection::stop()
{
    m_reconnectTimer.stop();
    m_handshakeTimer.stop();
    m_keepAliveTimer.stop();
    m_resumeTimer.stop();
    m_resume.abandon();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        if (m_socketConnected && socket->state() == QAbstractSocket::ConnectedState) {
            // A proper closing handshake; the server echoes 1000. If it never
            // does, the socket is dropped after 5 s rather than kept forever.
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
            socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Normal closure"));
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
    m_socketConnected = false;
    m_refreshes.clear();
    if (m_state == State::Stopped)
        return;
    setState(State::Stopped);
    Q_EMIT stopped(tr("Disconnected on request."));
}

void SignalConnection::attemptConnect()
{
    m_reconnectTimer.stop();
    if (!m_server.isValid()
        || (m_server.scheme() != QLatin1String("ws") && m_server.scheme() != QLatin1String("wss"))) {
        setState(State::Stopped);
        Q_EMIT stopped(tr("No WebSocket server address (ws:// or wss://) is set."));
        return;
    }
    if (!hasUsableToken()) {
        enterWaitingForToken();
        return;
    }
    openSocket();
}

void SignalConnection::enterWaitingForToken()
{
    if (m_token.isEmpty())
        qCInfo(lcConnection) << "no access token: not connecting";
    else
        qCInfo(lcConnection) << "the access token has too little time left (or was refused): not connecting";
    const bool changed = m_state != State::WaitingForToken;
    setState(State::WaitingForToken);
    // Once per wait: the owner may answer synchronously (setAccessToken), so
    // this is the last thing done here.
    if (changed)
        Q_EMIT needsToken();
}

void SignalConnection::openSocket()
{
    dropSocket();
    m_socketConnected = false;
    m_closeFrameSeen = false;
    m_closingByUs = false;
    m_lastErrorText.clear();
    m_pongPending = false;

    m_socket = WebSocketCompat::newSocket(QString(), m_sslConfiguration, MaxIncomingMessageBytes, this);
    connect(m_socket, &QWebSocket::connected, this, &SignalConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SignalConnection::onDisconnected);
    WebSocketCompat::onError(m_socket, this, &SignalConnection::onSocketError);
    connect(m_socket, &QWebSocket::sslErrors, this, &SignalConnection::onSslErrors);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &SignalConnection::onTextMessage);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_pongPending = false; });
    // Qt emits aboutToClose when it answers the peer's close frame (or sends
    // ours). "Was there a close frame" decides between a close code and a
    // lost connection (1006), rather than whatever closeCode() keeps when no
    // frame came (6.4 reports 1006 there; its constructor's default is 1000).
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] {
        if (!m_closingByUs)
            m_closeFrameSeen = true;
    });

    QUrl url = m_server;
    QNetworkRequest request;
    QStringList subprotocols{QString(ProtocolName)};
    switch (m_transport) {
    case Transport::Header:
        request.setRawHeader("Authorization", "Bearer " + m_token);
        break;
    case Transport::Subprotocol:
        subprotocols.append(QStringLiteral("bearer.") + QString::fromLatin1(m_token));
        break;
    case Transport::Query: {
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("token"));
        query.addQueryItem(QStringLiteral("token"), QString::fromLatin1(m_token));
        url.setQuery(query);
        break;
    }
    }
    request.setUrl(url);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);

    qCInfo(lcConnection).noquote() << "connecting to" << shownUrl(m_server) << "token in"
                                   << QMetaEnum::fromType<Transport>().valueToKey(int(m_transport));
    setState(State::Connecting);
    if (m_handshakeTimeoutMs > 0)
        m_handshakeTimer.start(m_handshakeTimeoutMs);
    // open() may report an error synchronously (a bad URL): m_socket may be gone after it.
    m_socket->open(request, options);
}

void SignalConnection::dropSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    WebSocketCompat::drop(socket, this);
    socket->deleteLater();
}

void SignalConnection::onConnected()
{
    m_socketConnected = true;
    if (m_socket->subprotocol() != QString(ProtocolName)) {
        qCWarning(lcConnection).noquote() << "the server did not agree to" << QString(ProtocolName)
                                          << "- continuing, but it may speak another protocol";
    }
    // Now waiting for welcome (or the close that refuses the token).
}

void SignalConnection::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_socket)
        return;
    m_lastErrorText = m_socket->errorString();
    if (m_socketConnected) {
        // The disconnected() that follows decides: a close frame may have come first.
        qCDebug(lcConnection) << "socket error on an open connection:" << error;
        return;
    }
    // The handshake failed. Qt 6.4 leaves a refused handshake (403, 429...)
    // connected: finishConnection() aborts it.
    if (error == QAbstractSocket::SslHandshakeFailedError) {
        finishConnection(Ending::TlsFailure, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
        return;
    }
    const int status = error == QAbstractSocket::ConnectionRefusedError ? WebSocketCompat::refusedHttpStatus(m_lastErrorText) : 0;
    if (status > 0) {
        finishConnection(Ending::Refused, 0, {}, status);
        return;
    }
    Q_EMIT networkError(error, m_lastErrorText);
    if (m_socket)   // a slot of networkError may have stopped us
        finishConnection(Ending::NetworkError, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
}

void SignalConnection::onSslErrors(const QList<QSslError> &errors)
{
    // Reported, never ignored: the handshake then fails and the connection stops.
    for (const QSslError &error : errors)
        qCWarning(lcConnection).noquote() << "TLS:" << error.errorString();
    Q_EMIT sslErrors(errors);
}

void SignalConnection::onDisconnected()
{
    if (!m_socket)
        return;
    if (!m_socketConnected) {
        // Ended during the handshake without an error signal first.
        Q_EMIT networkError(m_socket->error(), m_lastErrorText.isEmpty() ? m_socket->errorString() : m_lastErrorText);
        if (m_socket)
            finishConnection(Ending::NetworkError, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
        return;
    }
    if (m_closeFrameSeen) {
        quint16 code = quint16(m_socket->closeCode());
        QString reason = m_socket->closeReason();
        if (WebSocketCompat::isUnreadableCloseCode(code, reason)) {
            qCWarning(lcConnection) << "the server closed with a code Qt 6.4 cannot read (1012-1014);"
                                    << "taking it for 1013, the contract's only such code";
            code = Close::SlowConsumer.code;
            reason.clear();   // Qt dropped the server's text
        }
        finishConnection(Ending::Closed, code, reason, 0);
        return;
    }
    Q_EMIT networkError(m_socket->error(), m_lastErrorText.isEmpty() ? m_socket->errorString() : m_lastErrorText);
    if (m_socket)
        finishConnection(Ending::NetworkError, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
}

void SignalConnection::onHandshakeTimeout()
{
    if (!m_socket || m_state != State::Connecting)
        return;
    qCWarning(lcConnection) << "no welcome within" << m_handshakeTimeoutMs << "ms; giving up on this attempt";
    finishConnection(Ending::Timeout, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
}

void SignalConnection::onKeepAlive()
{
    if (!m_socket || m_state != State::Open)
        return;
    if (m_pongPending) {
        // Nothing at all (no pong, no message) for a whole interval.
        qCWarning(lcConnection) << "no answer to a ping within" << m_keepAliveMs << "ms; the connection is dead";
        Q_EMIT networkError(QAbstractSocket::SocketTimeoutError, tr("The server stopped answering."));
        if (m_socket)
            finishConnection(Ending::Timeout, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
        return;
    }
    m_pongPending = true;
    m_socket->ping();
}

void SignalConnection::finishConnection(Ending ending, quint16 code, const QString &reason, int httpStatus)
{
    if (!m_socket)
        return;
    m_handshakeTimer.stop();
    m_keepAliveTimer.stop();
    m_resumeTimer.stop();
    m_resume.abandon();
    flushBatch();
    dropSocket();
    m_socketConnected = false;

    // A refresh the server did not answer: the owner already treats that
    // token as current (it came from /auth/refresh), so the next connection
    // uses it. "Refresh rejected" stops below anyway.
    const QByteArray newest = m_refreshes.newest();
    if (const auto claims = TokenClaims::decodeUnverified(newest); claims && claims->expiresAt > m_expiresAt) {
        m_token = newest;
        m_expiresAt = claims->expiresAt;
        m_tokenRefused = false;
    }
    m_refreshes.clear();

    ReconnectPolicy::Decision decision;
    switch (ending) {
    case Ending::Closed:
        decision = m_policy.closed(code, reason);
        // A revoked token stays revoked: a later reconnectNow() must ask for another.
        if (Close::TokenRevoked.matches(code, reason))
            m_tokenRefused = true;
        break;
    case Ending::Refused:
        decision = m_policy.httpRefused(httpStatus, 0);
        break;
    case Ending::TlsFailure:
        // Trying again cannot make an untrusted certificate trusted; the user
        // has to fix the CA setting (or find out who is in the middle).
        decision = {ReconnectPolicy::Kind::Stop, 0,
                    tr("The server's TLS certificate is not trusted; not reconnecting. "
                       "Check the CA certificate setting.")};
        break;
    case Ending::NetworkError:
    case Ending::Timeout:
        decision = m_policy.networkError();
        break;
    }

    if (ending == Ending::Refused) {
        qCInfo(lcConnection) << "handshake refused with HTTP" << httpStatus;
        Q_EMIT handshakeRefused(httpStatus, decision);
    } else {
        qCInfo(lcConnection).noquote() << "closed" << code << reason;
        Q_EMIT closed(code, reason, CloseCodeInfo::describe(code, reason), decision);
    }
    // A slot may have started or stopped the connection already.
    if (m_socket || m_state == State::Stopped)
        return;
    apply(decision);
}

void SignalConnection::apply(const ReconnectPolicy::Decision &decision)
{
    switch (decision.kind) {
    case ReconnectPolicy::Kind::Reconnect:
        if (!hasUsableToken()) {
            // No countdown that could only end in "no token".
            enterWaitingForToken();
            return;
        }
        setState(State::Reconnecting);
        m_reconnectTimer.start(int(qBound(qint64(0), decision.delayMs, qint64(std::numeric_limits<int>::max()))));
        qCInfo(lcConnection) << "reconnecting in" << decision.delayMs << "ms";
        Q_EMIT reconnectScheduled(decision.delayMs);
        return;
    case ReconnectPolicy::Kind::RefreshThenReconnect:
        // The server refused this token; only a new one may be tried.
        m_tokenRefused = true;
        setState(State::WaitingForToken);
        Q_EMIT needsRefresh();
        return;
    case ReconnectPolicy::Kind::SignIn:
        clearAccessToken();
        setState(State::WaitingForToken);
        Q_EMIT needsSignIn(decision.why);
        return;
    case ReconnectPolicy::Kind::Stop:
        setState(State::Stopped);
        Q_EMIT stopped(decision.why);
        return;
    }
}

void SignalConnection::onTextMessage(const QString &text)
{
    m_pongPending = false;   // any message shows the connection is alive
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcConnection) << "ignoring a message that is not a JSON object";
        return;
    }
    const QJsonObject message = document.object();
    const QString type = message.value(Key::Type).toString();
    if (type == MessageType::Signal)
        handleSignal(message);
    else if (type == MessageType::Welcome)
        handleWelcome(message);
    else if (type == MessageType::AuthExpiring)
        Q_EMIT expiring(Expiring::fromJson(message).secondsLeft);
    else if (type == MessageType::AuthRefreshed)
        handleRefreshed(message);
    else if (type == MessageType::Resumed)
        finishResume();
    else if (type == MessageType::Error)
        handleError(message);
    else if (type != MessageType::Pong)
        qCDebug(lcConnection) << "ignoring a message of type" << type.left(40);
}

void SignalConnection::handleWelcome(const QJsonObject &message)
{
    if (m_state != State::Connecting) {
        qCWarning(lcConnection) << "ignoring a second welcome";
        return;
    }
    m_handshakeTimer.stop();
    m_welcome = message;
    m_policy.connected();
    const qint64 joinSeq = Welcome::fromJson(message).lastSeq;
    const ResumeTracker::Start start = m_resume.welcomed(joinSeq);
    if (m_keepAliveMs > 0)
        m_keepAliveTimer.start(m_keepAliveMs);

    if (!start.resume) {
        setState(State::Open);
        Q_EMIT welcomed(message);
        return;
    }
    if (start.restarted)
        qCWarning(lcConnection) << "the server's seq restarted (last_seq" << joinSeq << "< our" << start.previous
                                << "): signals after" << start.previous << "on the old server are lost";
    sendJson({{Key::Type, MessageType::Resume}, {Key::Since, start.since}});
    m_resumeTimer.start(ResumeTimeoutMs);
    qCInfo(lcConnection) << "resuming since seq" << start.since << "(server at" << joinSeq << ")";
    setState(State::Open);
    if (start.restarted)
        Q_EMIT sequenceRestarted(start.previous, joinSeq);
    if (m_state == State::Open)
        Q_EMIT welcomed(message);
}

void SignalConnection::handleSignal(const QJsonObject &message)
{
    const qint64 seq = SignalFrame::seqOf(message).value_or(-1);
    if (seq <= 0) {
        qCWarning(lcConnection) << "ignoring a signal without a valid seq";
        return;
    }
    switch (m_resume.signal(seq, message)) {
    case ResumeTracker::Action::Deliver:
        return deliver(message);
    case ResumeTracker::Action::Hold:
        if (m_resume.holdingTooMany()) {
            qCWarning(lcConnection) << "too many live signals held during a resume; delivering them";
            finishResume();
        }
        return;
    case ResumeTracker::Action::Drop:
        qCDebug(lcConnection) << "dropping seq" << seq << "(already delivered up to" << m_resume.lastSeq() << ")";
        return;
    }
}

void SignalConnection::deliver(const QJsonObject &signal)
{
    Q_EMIT signalReceived(signal);
    static const QMetaMethod batchSignal = QMetaMethod::fromSignal(&SignalConnection::signalBatchReceived);
    if (isSignalConnected(batchSignal)) {
        m_batch.append(signal);
        if (!m_batchTimer.isActive())
            m_batchTimer.start();
    }
}

void SignalConnection::flushBatch()
{
    m_batchTimer.stop();
    if (m_batch.isEmpty())
        return;
    const QList<QJsonObject> batch = std::exchange(m_batch, {});
    Q_EMIT signalBatchReceived(batch);
}

void SignalConnection::finishResume()
{
    const std::optional<ResumeTracker::Outcome> outcome = m_resume.finish();
    if (!outcome)
        return;
    m_resumeTimer.stop();
    qCInfo(lcConnection).noquote() << "resume done:" << outcome->recovered << "recovered,"
                                   << (outcome->lost < 0 ? QStringLiteral("unknown") : QString::number(outcome->lost))
                                   << "lost";
    for (const QJsonObject &signal : outcome->due)
        deliver(signal);
    flushBatch();
    Q_EMIT resumeResult(outcome->recovered, outcome->lost);
}

void SignalConnection::handleError(const QJsonObject &message)
{
    const ErrorFrame error = ErrorFrame::fromJson(message);
    const QString &code = error.code;
    const QString &text = error.message;
    qCInfo(lcConnection).noquote() << "server error" << code.left(40);

    if (code == ErrorCode::ResumeGap)
        m_resume.gap(error.firstSeq);

    const bool answersARefresh = m_refreshes.takeFailed(error.id, code == ErrorCode::RefreshFailed);
    Q_EMIT errorMessage(code, text);
    if (answersARefresh)
        Q_EMIT refreshFailed(text, int(error.attemptsLeft));
}

void SignalConnection::handleRefreshed(const QJsonObject &message)
{
    const Refreshed answer = Refreshed::fromJson(message);
    const std::optional<QByteArray> refreshedToken = m_refreshes.takeRefreshed(answer.id);
    if (!refreshedToken) {
        qCWarning(lcConnection) << "auth.refreshed without a refresh outstanding; ignoring it";
        return;
    }
    const QByteArray &token = *refreshedToken;
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token);
    m_token = token;
    m_tokenRefused = false;
    const qint64 exp = answer.exp;
    m_expiresAt = exp > 0 ? exp : (claims ? claims->expiresAt : m_expiresAt);
    qCInfo(lcConnection) << "token refreshed in band; expires at" << m_expiresAt;
    Q_EMIT refreshed(m_expiresAt);
}

void SignalConnection::refreshInBand(const QByteArray &newToken)
{
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(newToken);
    if (!claims || claims->expiresAt <= 0) {
        qCWarning(lcConnection) << "refreshInBand: the token given cannot be read; not sending it";
        Q_EMIT refreshFailed(tr("The new access token cannot be read."), -1);
        return;
    }
    if (m_state != State::Open || !m_socket) {
        // Nothing to refresh on the wire: it simply is the token for the next connection.
        setAccessToken(newToken);
        return;
    }
    const QString id = m_refreshes.add(newToken);
    sendJson({{Key::Type, MessageType::AuthRefresh}, {Key::Token, QString::fromLatin1(newToken)}, {Key::Id, id}});
}

void SignalConnection::sendJson(const QJsonObject &object)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}
