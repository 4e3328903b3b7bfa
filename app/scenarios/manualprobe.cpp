#include "manualprobe.h"

#include "connectionpacer.h"
#include "probeconnection.h"
#include "scenarioengine.h"
#include "tokensource.h"

namespace SignalGate::Scenarios {

ManualProbe::ManualProbe(ScenarioEngine *engine, QObject *parent) : QObject(parent), m_engine(engine) {}

void ManualProbe::connectProbe(const Composition &composition)
{
    abort();
    ProbeRequest request = m_engine->context().request(ProbeRequest::TokenMode::None);
    if (!request.url.isValid() || request.url.isEmpty())
        return Q_EMIT failed(tr("no server yet: sign in for tests first"));
    request.placement = composition.placement;
    request.origin = composition.origin;
    TokenSource *tokens = m_engine->tokens();
    switch (composition.choice) {
    case TokenChoice::None:
        return open(request);
    case TokenChoice::Empty:
        request.tokenMode = ProbeRequest::TokenMode::Empty;
        return open(request);
    case TokenChoice::Custom:
        request.tokenMode = ProbeRequest::TokenMode::Value;
        request.token = composition.customText;
        return open(request);
    case TokenChoice::Current:
        if (tokens->accessToken().isEmpty())
            return Q_EMIT failed(tr("not signed in: there is no current token"));
        request.tokenMode = ProbeRequest::TokenMode::Value;
        request.token = tokens->accessToken();
        return open(request);
    case TokenChoice::Forged: {
        QJsonObject payload = composition.forgedPayload;
        if (composition.expiresAt > 0)
            payload.insert(QStringLiteral("exp"), composition.expiresAt);
        tokens->mint(payload, composition.forgedHeader,
                     [this, request](const QByteArray &token, const QString &error) mutable {
                         if (token.isEmpty())
                             return Q_EMIT failed(error);
                         request.tokenMode = ProbeRequest::TokenMode::Value;
                         request.token = token;
                         open(request);
                     });
        return;
    }
    }
}

void ManualProbe::open(const ProbeRequest &request)
{
    auto *probe = new ProbeConnection(m_engine->redactor(), this);
    probe->setRecognition(m_engine->context().recognition());
    m_probe = probe;
    connect(probe, &ProbeConnection::frameRecorded, this, &ManualProbe::frameRecorded);
    connect(probe, &ProbeConnection::handshakeDone, this, &ManualProbe::connected);
    connect(probe, &ProbeConnection::finished, this, &ManualProbe::finished);
    connect(probe, &ProbeConnection::admitted, this,
            [this](const QJsonObject &welcome) { m_engine->context().noteWelcome(welcome); });
    m_engine->pacer()->acquire(probe, [probe, request] { probe->open(request); });
}

void ManualProbe::sendText(const QString &text)
{
    if (m_probe)
        m_probe->sendText(text);
}

void ManualProbe::sendBinary(const QByteArray &data)
{
    if (m_probe)
        m_probe->sendBinary(data);
}

void ManualProbe::close()
{
    if (m_probe)
        m_probe->close();
}

void ManualProbe::abort()
{
    if (!m_probe)
        return;
    m_probe->abort();
    m_probe->deleteLater();
    m_probe = nullptr;
}

}   // namespace SignalGate::Scenarios
