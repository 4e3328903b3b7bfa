#pragma once

#include "resumetracker.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace SignalGate::Client {

// The signals of one connection on their way to its listeners: each seq
// once and in order (ResumeTracker decides), live signals held while a
// resume replays what was missed but never longer than ResumeTimeoutMs, and
// the same signals again in one batch per event-loop pass for listeners that
// insert many at once. The connection owns the socket and says what came.
class SignalDelivery : public QObject
{
    Q_OBJECT
public:
    // From sending resume to "resumed": live signals wait this long at most.
    static constexpr int ResumeTimeoutMs = 10 * 1000;

    explicit SignalDelivery(QObject *parent = nullptr);

    // Batches cost a copy per signal: collected only while wanted() says
    // someone listens. Asked per signal, so listeners may come and go.
    void setBatchesWanted(std::function<bool()> wanted) { m_batchesWanted = std::move(wanted); }
    qint64 lastSeq() const { return m_resume.lastSeq(); }
    // Another server: its seqs say nothing about the last one's.
    void reset() { m_resume.reset(); }

    // welcome.last_seq; when the answer says resume, the resume timer runs.
    ResumeTracker::Start welcomed(qint64 joinSeq);
    // A signal frame with its seq (> 0).
    void signal(qint64 seq, const QJsonObject &frame);
    // "resumed" came, or the wait is over: held signals are delivered.
    void finishResume();
    // The connection ended: a resume in flight is forgotten (the next one
    // brings its signals), and what was delivered reaches batch listeners.
    void abandon();
    // Delivered signals reach batch listeners now (before a state change).
    void flush();

Q_SIGNALS:
    void signalReceived(const QJsonObject &signal);
    void signalBatchReceived(const QList<QJsonObject> &batch);
    void resumeResult(qint64 recovered, qint64 lost);
    // A live signal came count seqs after the last one, outside a resume.
    void signalsSkipped(qint64 count);

private:
    void deliver(const QJsonObject &signal);

    ResumeTracker m_resume;
    std::function<bool()> m_batchesWanted;
    QList<QJsonObject> m_batch;
    QTimer m_batchTimer;
    QTimer m_resumeTimer;
};

}   // namespace SignalGate::Client
