#pragma once

#include "probeconnection.h"
#include "probeframe.h"
#include "proberequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

namespace SignalGate::Scenarios {

class ScenarioEngine;

// The console's manual mode, without widgets: compose one
// connection by hand (token source, placement, Origin), connect through the
// engine's pacer, send any text or binary message, watch every frame and
// the close. A widget fills a Composition and calls connectProbe().
class ManualProbe : public QObject
{
    Q_OBJECT
public:
    enum class TokenChoice {
        Current,   // the engine's signed-in access token
        None,      // no token at all
        Empty,     // an empty one in the chosen transport
        Custom,    // customText exactly as typed
        Forged,    // header and payload JSON signed by /dev/token or the local key
    };
    Q_ENUM(TokenChoice)

    struct Composition
    {
        TokenChoice choice = TokenChoice::Current;
        QByteArray customText;
        QJsonObject forgedHeader;    // members over {"alg": <key's>, "typ": "at+jwt"}; null removes
        QJsonObject forgedPayload;   // claims over the signed-in user's; null removes
        qint64 expiresAt = 0;        // Unix seconds for exp (the expiry picker); 0 keeps the payload's
        ProbeRequest::Placement placement = ProbeRequest::Placement::Header;   // name, prefix, offers: the profile's
        QString origin;                                                        // empty: none
    };

    // engine must be prepared (signed in) for Current and Forged; it outlives this object.
    explicit ManualProbe(ScenarioEngine *engine, QObject *parent = nullptr);

    ProbeConnection *probe() const { return m_probe; }

public Q_SLOTS:
    // Drops any previous connection (abort) and opens a new one.
    void connectProbe(const ManualProbe::Composition &composition);
    void sendText(const QString &text);
    void sendBinary(const QByteArray &data);
    void close();
    void abort();

Q_SIGNALS:
    void frameRecorded(const ProbeFrame &frame);
    void connected(bool upgraded);
    // Closed, refused or lost; the probe has the code, reason and status.
    void finished();
    // The composition could not be turned into a request (no token to forge with...).
    void failed(const QString &why);

private:
    void open(const ProbeRequest &request);

    ScenarioEngine *m_engine;
    QPointer<ProbeConnection> m_probe;
};

}   // namespace SignalGate::Scenarios
