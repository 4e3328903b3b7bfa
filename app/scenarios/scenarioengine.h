#pragma once

#include "probeframe.h"
#include "redactor.h"
#include "runreport.h"
#include "scenario.h"
#include "scenariocontext.h"
#include "scenarioresult.h"
#include "targetprofile.h"
#include "tokensource.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

namespace SignalGate::Scenarios {

class ConnectionPacer;
class ScenarioRun;

// Runs a selection of the catalogue's scenarios one after the other over
// real connections, for the console and signalgate-check alike.
// prepare() signs in and finds out how tokens can be minted; run() starts the
// scenarios; every step is a signal. The connection-flood scenario always
// runs last: it spends the server's upgrade budget, which costs least when
// the others have already used it.
class ScenarioEngine : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QUrl server;            // http(s):// or ws(s)://host:port: login and token endpoints
        QUrl webSocketServer;   // ws(s)://host:port of the WebSocket when elsewhere; empty: server
        TargetProfile profile;
        QString user;   // for profile.login other than none
        QString password;
        QByteArray token;   // given as it is (token file, pasted); used without a login
        QString keyFile;    // optional: forge minted tokens locally
        TokenSource::ForgeClaims forgeClaims;
        QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();
        QString foreignOrigin;   // empty: ScenarioContext's default
        int answerWaitMs = 5000;
        int signalWaitMs = 5000;
    };

    explicit ScenarioEngine(QObject *parent = nullptr);
    ~ScenarioEngine() override;

    // ws/wss and http/https forms of a server address; false with *error for anything else.
    static bool serverUrls(const QUrl &given, QUrl *http, QUrl *ws, QString *error);
    // Unknown ids make it false with *error naming them; empty means all.
    static bool validateSelection(const QStringList &ids, QString *error);

    bool isPrepared() const { return m_prepared; }
    bool isRunning() const { return m_running; }
    ScenarioContext &context() { return m_context; }
    ConnectionPacer *pacer() const { return m_pacer; }
    TokenSource *tokens() const { return m_tokens; }
    const Redactor *redactor() const { return &m_redactor; }
    // The run so far (results of finished scenarios), or the last one.
    RunReport report() const;

public Q_SLOTS:
    // Load the key, get the valid token (login, given, or forged), look for
    // /dev/token on our login: prepared() or failed().
    void prepare(const ScenarioEngine::Settings &settings);
    // After prepared(): the scenarios with these ids (empty: all), in catalogue order.
    void run(const QStringList &ids = {});
    // prepare(), then run(ids).
    void start(const ScenarioEngine::Settings &settings, const QStringList &ids = {});
    // Ends the scenario in progress (SKIP) and the run; finished() follows.
    void stop();

Q_SIGNALS:
    void prepared();
    // The run could not start or go on: login refused, server unreachable, bad key. One line.
    void failed(const QString &cause);
    void runStarted(int total);
    void scenarioStarted(const QString &id, int index, int total);
    void frameRecorded(const QString &id, const ProbeFrame &frame);
    void scenarioFinished(const ScenarioResult &result);
    // done of total finished; etaMs: estimated time left (pacing included).
    void progress(int done, int total, qint64 etaMs);
    // The pacer holds the next upgrade back for ms (the server's connection rate).
    void pacing(qint64 ms);
    void finished();

private:
    void next();
    qint64 estimateMs() const;
    void emitProgress();
    void finishPreparing();

    QNetworkAccessManager *m_network;
    ConnectionPacer *m_pacer;
    TokenSource *m_tokens;
    Redactor m_redactor;
    ScenarioContext m_context;
    Settings m_settings;
    bool m_prepared = false;
    bool m_running = false;
    bool m_stopping = false;
    QList<ScenarioRun *> m_pending;
    QPointer<ScenarioRun> m_current;
    int m_total = 0;
    QList<ScenarioResult> m_results;
    QDateTime m_startedAt;
    QDateTime m_finishedAt;
};

}   // namespace SignalGate::Scenarios
