#include "signaldelivery.h"

#include <QLoggingCategory>

#include <utility>

namespace SignalGate::Client {

// Seqs and counts only, never a signal's payload.
Q_LOGGING_CATEGORY(lcDelivery, "signalgate.client.delivery", QtInfoMsg)

SignalDelivery::SignalDelivery(QObject *parent) : QObject(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(0);
    m_resumeTimer.setSingleShot(true);
    connect(&m_batchTimer, &QTimer::timeout, this, &SignalDelivery::flush);
    connect(&m_resumeTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcDelivery) << "no answer to resume within" << ResumeTimeoutMs << "ms; delivering live signals";
        finishResume();
    });
}

ResumeTracker::Start SignalDelivery::welcomed(qint64 joinSeq)
{
    const ResumeTracker::Start start = m_resume.welcomed(joinSeq);
    if (start.resume) {
        if (start.restarted)
            qCWarning(lcDelivery) << "the server's seq restarted (last_seq" << joinSeq << "< our" << start.previous
                                  << "): signals after" << start.previous << "on the old server are lost";
        qCInfo(lcDelivery) << "resuming since seq" << start.since << "(server at" << joinSeq << ")";
        m_resumeTimer.start(ResumeTimeoutMs);
    }
    return start;
}

void SignalDelivery::signal(qint64 seq, const QJsonObject &frame)
{
    switch (m_resume.signal(seq, frame)) {
    case ResumeTracker::Action::Deliver:
        if (const qint64 skipped = m_resume.takeSkipped()) {
            qCWarning(lcDelivery) << "seq" << seq << "came after" << seq - skipped - 1 << "; the server skipped"
                                  << skipped;
            Q_EMIT signalsSkipped(skipped);
        }
        return deliver(frame);
    case ResumeTracker::Action::Hold:
        if (m_resume.holdingTooMany()) {
            qCWarning(lcDelivery) << "too many live signals held during a resume; delivering them";
            finishResume();
        }
        return;
    case ResumeTracker::Action::Drop:
        qCDebug(lcDelivery) << "dropping seq" << seq << "(already delivered up to" << m_resume.lastSeq() << ")";
        return;
    }
}

void SignalDelivery::finishResume()
{
    const std::optional<ResumeTracker::Outcome> outcome = m_resume.finish();
    if (!outcome)
        return;
    m_resumeTimer.stop();
    qCInfo(lcDelivery).noquote() << "resume done:" << outcome->recovered << "recovered,"
                                 << (outcome->lost < 0 ? QStringLiteral("unknown") : QString::number(outcome->lost))
                                 << "lost";
    for (const QJsonObject &signal : outcome->due)
        deliver(signal);
    flush();
    Q_EMIT resumeResult(outcome->recovered, outcome->lost);
}

void SignalDelivery::abandon()
{
    m_resumeTimer.stop();
    m_resume.abandon();
    flush();
}

void SignalDelivery::deliver(const QJsonObject &signal)
{
    Q_EMIT signalReceived(signal);
    if (m_batchesWanted && m_batchesWanted()) {
        m_batch.append(signal);
        if (!m_batchTimer.isActive())
            m_batchTimer.start();
    }
}

void SignalDelivery::flush()
{
    m_batchTimer.stop();
    if (m_batch.isEmpty())
        return;
    const QList<QJsonObject> batch = std::exchange(m_batch, {});
    Q_EMIT signalBatchReceived(batch);
}

}   // namespace SignalGate::Client
