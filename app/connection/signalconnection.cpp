#include "signalconnection.h"

#include "closecodes.h"
#include "closing.h"
#include "jsonkeys.h"
#include "messages.h"
#include "servermessages.h"
#include "tokenclaims.h"
#include "websocketcompat.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <limits>
#include <utility>

namespace SignalGate::Client {

using namespace SignalGate::Protocol;

// State changes, close codes, seqs and counts only: never a token, and never
// a URL with its query (the query transport carries the token there).
Q_LOGGING_CATEGORY(lcConnection, "signalgate.client.connection", QtInfoMsg)

namespace {

QString shownUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment).toString();
}

}   // namespace

SignalConnection::SignalConnection(QObject *parent)
    : QObject(parent)
    , m_sslConfiguration(QSslConfiguration::defaultConfiguration())
{
    m_handshakeTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &SignalConnection::onHandshakeTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SignalConnection::attemptConnect);
    connect(&m_keepAlive, &KeepAlive::pingDue, this, [this] {
        if (m_socket && m_state == State::Open)
            m_socket->ping();
    });
    connect(&m_keepAlive, &KeepAlive::silent, this, &SignalConnection::onSilentPeer);
    connect(&m_reader, &ServerMessageReader::welcome, this, &SignalConnection::handleWelcome);
    connect(&m_reader, &ServerMessageReader::signalFrame, &m_delivery, &SignalDelivery::signal);
    connect(&m_reader, &ServerMessageReader::expiring, this, &SignalConnection::expiring);
    connect(&m_reader, &ServerMessageReader::refreshed, this, &SignalConnection::handleRefreshed);
    connect(&m_reader, &ServerMessageReader::resumed, &m_delivery, &SignalDelivery::finishResume);
    connect(&m_reader, &ServerMessageReader::error, this, &SignalConnection::handleError);
    connect(&m_delivery, &SignalDelivery::signalReceived, this, &SignalConnection::signalReceived);
    connect(&m_delivery, &SignalDelivery::signalBatchReceived, this, &SignalConnection::signalBatchReceived);
    // Not from connectNotify(): Qt may hold its connection lock there, and
    // isSignalConnected() takes the same lock.
    // The method is looked up once: the predicate runs for every signal.
    m_delivery.setBatchesWanted([this, batchSignal = QMetaMethod::fromSignal(&SignalConnection::signalBatchReceived)] {
        return isSignalConnected(batchSignal);
    });
    connect(&m_delivery, &SignalDelivery::resumeResult, this, &SignalConnection::resumeResult);
    connect(&m_delivery, &SignalDelivery::signalsSkipped, this, &SignalConnection::signalsSkipped);
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
        m_delivery.reset();
    }
    m_server = url;
}

void SignalConnection::setAccessToken(const QByteArray &token)
{
    if (!m_token.set(token) && !token.isEmpty())
        qCWarning(lcConnection) << "the access token given cannot be read (no exp); ignoring it";
    if (m_state == State::WaitingForToken)
        attemptConnect();
}

bool SignalConnection::hasUsableToken() const
{
    return m_token.usable(m_clock->wallMs(), MinTokenLifetimeMs);
}

void SignalConnection::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_sslConfiguration.setCaCertificates(certificates);
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
    m_delivery.flush();
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
    m_keepAlive.stop();
    m_delivery.abandon();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        if (m_socketConnected && socket->state() == QAbstractSocket::ConnectedState) {
            // The server echoes 1000; one that never does is dropped after CloseAnswerMs.
            closeGracefully(socket, Close::NormalClosure);
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
    m_lastErrorText.clear();
    m_keepAlive.stop();

    m_socket = WebSocketCompat::newSocket(QString(), m_sslConfiguration, MaxIncomingMessageBytes, this);
    connect(m_socket, &QWebSocket::connected, this, &SignalConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SignalConnection::onDisconnected);
    WebSocketCompat::onError(m_socket, this, &SignalConnection::onSocketError);
    connect(m_socket, &QWebSocket::sslErrors, this, &SignalConnection::onSslErrors);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &SignalConnection::onTextMessage);
    connect(m_socket, &QWebSocket::pong, &m_keepAlive, &KeepAlive::heard);
    // Qt emits aboutToClose when it answers the peer's close frame (or sends
    // ours). "Was there a close frame" decides between a close code and a
    // lost connection (1006), rather than whatever closeCode() keeps when no
    // frame came (6.4 reports 1006 there; its constructor's default is 1000).
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closeFrameSeen = true; });

    QNetworkRequest request(m_server);
    QStringList subprotocols{QString(ProtocolName)};
    m_token.place(m_transport, request, subprotocols);
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
    const int status =
            error == QAbstractSocket::ConnectionRefusedError ? WebSocketCompat::refusedHttpStatus(m_lastErrorText) : 0;
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
    if (m_socketConnected && m_closeFrameSeen) {
        const WebSocketCompat::PeerClose close = WebSocketCompat::peerClose(m_socket);
        if (close.repaired)
            qCWarning(lcConnection) << "the server closed with a code Qt 6.4 cannot read (1012-1014);"
                                    << "taking it for 1013, the contract's only such code";
        finishConnection(Ending::Closed, close.code, close.reason, 0);
        return;
    }
    // Ended during the handshake without an error signal first, or lost without a close frame.
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

void SignalConnection::onSilentPeer()
{
    if (!m_socket || m_state != State::Open)
        return;
    qCWarning(lcConnection) << "no answer to a ping within" << m_keepAlive.intervalMs() << "ms; the connection is dead";
    Q_EMIT networkError(QAbstractSocket::SocketTimeoutError, tr("The server stopped answering."));
    if (m_socket)
        finishConnection(Ending::Timeout, QWebSocketProtocol::CloseCodeAbnormalDisconnection, {}, 0);
}

void SignalConnection::finishConnection(Ending ending, quint16 code, const QString &reason, int httpStatus)
{
    if (!m_socket)
        return;
    m_handshakeTimer.stop();
    m_keepAlive.stop();
    m_delivery.abandon();
    dropSocket();
    m_socketConnected = false;

    // A refresh the server did not answer: the owner already treats that
    // token as current (it came from /auth/refresh), so the next connection
    // uses it. "Refresh rejected" stops below anyway.
    m_token.adoptIfNewer(m_refreshes.newest());
    m_refreshes.clear();

    ReconnectPolicy::Decision decision;
    switch (ending) {
    case Ending::Closed:
        decision = m_policy.closed(code, reason);
        // A revoked token stays revoked: a later reconnectNow() must ask for another.
        if (Close::TokenRevoked.matches(code, reason))
            m_token.refuse();
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
        m_token.refuse();
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
    m_keepAlive.heard();   // any message shows the connection is alive
    m_reader.read(text);
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
    const Welcome welcome = Welcome::fromJson(message);
    const qint64 joinSeq = welcome.lastSeq;
    // The seqs this client holds came from the last welcome's stream; a
    // resume names it, so a node of another epoch answers resume_gap.
    const QString heldEpoch = std::exchange(m_epoch, welcome.epoch);
    const ResumeTracker::Start start = m_delivery.welcomed(joinSeq);
    m_keepAlive.start();

    if (!start.resume) {
        setState(State::Open);
        Q_EMIT welcomed(message);
        return;
    }
    QJsonObject resume{{Key::Type, MessageType::Resume}, {Key::Since, start.since}};
    if (!heldEpoch.isEmpty())
        resume.insert(Key::Epoch, heldEpoch);
    sendJson(resume);
    setState(State::Open);
    if (start.restarted)
        Q_EMIT sequenceRestarted(start.previous, joinSeq);
    if (m_state == State::Open)
        Q_EMIT welcomed(message);
}

void SignalConnection::handleError(const ErrorFrame &error)
{
    const QString &code = error.code;
    const QString &text = error.message;
    qCInfo(lcConnection).noquote() << "server error" << code.left(40);

    const bool answersARefresh = m_refreshes.takeFailed(error.id, code == ErrorCode::RefreshFailed);
    Q_EMIT errorMessage(code, text);
    if (answersARefresh)
        Q_EMIT refreshFailed(text, int(error.attemptsLeft));
}

void SignalConnection::handleRefreshed(const Refreshed &answer)
{
    const std::optional<QByteArray> refreshedToken = m_refreshes.takeRefreshed(answer.id);
    if (!refreshedToken) {
        qCWarning(lcConnection) << "auth.refreshed without a refresh outstanding; ignoring it";
        return;
    }
    m_token.refreshed(*refreshedToken, answer.exp);
    qCInfo(lcConnection) << "token refreshed in band; expires at" << m_token.expiresAt();
    Q_EMIT refreshed(m_token.expiresAt());
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

}   // namespace SignalGate::Client
