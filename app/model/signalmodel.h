#pragma once

#include "clock.h"
#include "servermessages.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QModelIndexList>
#include <QSet>
#include <QString>
#include <QTimer>

#include <deque>
#include <map>
#include <optional>

namespace SignalGate::Client {

// One received signal (PROTOCOL.md section 5, type "signal"). Not called
// Signal: the server library has a struct of that name and a test may link both.
// One signal as the table keeps it: the contract's typed frame.
using LiveSignal = SignalGate::Protocol::SignalFrame;

// The live signals table: the last capacity() signals, newest first
// (row 0 = newest). It must stay smooth at thousands of signals per second, so
// append() never touches the view: signals wait in a queue that a timer
// flushes every flushInterval() ms, and one flush is one beginInsertRows(0, k-1)
// (plus, when the ring is full, one beginRemoveRows for the oldest rows at the
// bottom) however many signals arrived.
//
// Counters: signals per second over a sliding window (injectable clock), total
// accepted, gaps (seqs currently missing), recovered (missing seqs that came
// later, e.g. by resume) and duplicates (dropped). countersChanged() is emitted
// at most once per flush interval while signals arrive.
class SignalModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, SeqColumn, SymbolColumn, SideColumn, PriceColumn, ConfidenceColumn, ColumnCount };
    enum Role {
        // The raw value of a cell (qint64 / double / QString) for sorting and charts.
        RawRole = Qt::UserRole + 1,
    };

    static constexpr int DefaultCapacity = 10000;
    static constexpr int DefaultFlushIntervalMs = 50;
    static constexpr qint64 DefaultRateWindowMs = 1000;

    explicit SignalModel(QObject *parent = nullptr);
    // The rate meter counts on the clock's monotonic time; it must outlive the model.
    SignalModel(int capacity, const SignalGate::Clock &clock, QObject *parent = nullptr);
    ~SignalModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queues a signal for the next flush. False (and nothing queued) when it is
    // malformed or a duplicate of a seq already received.
    bool append(const QJsonObject &signal);
    bool append(const LiveSignal &signal);

    // Shows every queued signal now (unless paused). The timer calls it; tests too.
    void flush();

    // While paused the rows stay as they are; signals are still counted and
    // queued (the newest capacity() of them), and resume() shows them at once.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }

    // Removes every row and queued signal; the counters and the seq tracking stay.
    void clear();

    // Call with the last_seq of every "welcome". The server numbers signals in
    // memory, so after a server restart seqs start again at 1; without this they
    // would all look like duplicates. A last_seq at or above ours changes nothing
    // (the missing ones arrive by resume or stay counted as gaps).
    void syncSequence(qint64 serverLastSeq);

    int capacity() const { return m_capacity; }
    int flushInterval() const { return m_flushTimer.interval(); }
    void setFlushInterval(int ms);
    qint64 rateWindow() const { return m_rateWindowMs; }
    void setRateWindow(qint64 ms);   // e.g. 1000 or 5000; resets the rate

    double signalsPerSecond() const;
    qint64 totalReceived() const { return m_total; }   // accepted, so without duplicates
    qint64 gaps() const { return m_gaps; }             // seqs missing right now
    qint64 recovered() const { return m_recovered; }   // were missing, arrived later
    qint64 duplicates() const { return m_duplicates; }
    qint64 lastSeq() const { return m_lastSeq; }                 // highest seq seen, -1 before any
    int pendingCount() const { return int(m_pending.size()); }   // queued, not shown yet

    // Source row (0 = newest), valid for 0 <= row < rowCount().
    const LiveSignal &signalAt(int row) const;

    // Tab-separated lines for the clipboard, one per row, cells as displayed;
    // tabs and line breaks inside a cell become spaces. Rows in the order given
    // by rows (duplicates skipped); withHeader adds the column titles first.
    QString textForRows(const QList<int> &rows, bool withHeader = false) const;
    // The same for a view's selection: indexes of this model or of proxies over
    // it (mapped through QAbstractProxyModel), one line per selected row in the
    // order of the view's rows.
    QString textForIndexes(const QModelIndexList &indexes, bool withHeader = false) const;

Q_SIGNALS:
    void countersChanged();

private:
    int ringIndex(int row) const;
    QString cellText(const LiveSignal &signal, int column) const;
    bool track(qint64 seq);
    void countArrival();
    QString intern(const QString &symbol);
    void scheduleFlush();

    int m_capacity;
    const SignalGate::Clock &m_clock;
    QTimer m_flushTimer;

    // The visible rows live in a ring: m_ring grows to m_capacity and is then
    // reused, so a full model allocates nothing per signal except its strings.
    QList<LiveSignal> m_ring;
    int m_start = 0;                    // ring index of the oldest visible row
    int m_count = 0;                    // visible rows
    std::deque<LiveSignal> m_pending;   // oldest first, at most m_capacity
    bool m_paused = false;

    // Symbols repeat; sharing one QString per symbol keeps 10000 rows small.
    QSet<QString> m_symbols;

    // Sliding-window rate: counts per slot of m_rateWindowMs / RateSlots ms.
    static constexpr int RateSlots = 20;
    qint64 m_rateWindowMs = DefaultRateWindowMs;
    std::deque<std::pair<qint64, qint64>> m_rateSlots;   // (slot number, count)

    // Seq tracking: missing ranges [first, last] still expected by resume.
    static constexpr int MaxMissingRanges = 1024;
    std::map<qint64, qint64> m_missing;
    qint64 m_lastSeq = -1;
    qint64 m_total = 0;
    qint64 m_gaps = 0;
    qint64 m_recovered = 0;
    qint64 m_duplicates = 0;
};

}   // namespace SignalGate::Client
