#pragma once

#include "clock.h"
#include "servermessages.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QModelIndexList>
#include <QSet>
#include <QString>
#include <QTimer>

#include <deque>
#include <optional>

namespace SignalGate::Client {

// One signal as the table keeps it: the contract's typed frame.
using LiveSignal = SignalGate::Protocol::SignalFrame;

// The live signals table: the last capacity() signals, newest first
// (row 0 = newest). It must stay smooth at thousands of signals per second, so
// append() never touches the view: signals wait in a queue that a timer
// flushes every flushInterval() ms, and one flush is one beginInsertRows(0, k-1)
// (plus, when the ring is full, one beginRemoveRows for the oldest rows at the
// bottom) however many signals arrived.
//
// The connection delivers each seq once and in order, and says what its
// resumes recovered and what was lost; the model adds those up. Counters:
// signals per second over a sliding window (injectable clock), total shown,
// recovered, lost, and server restarts (after which the loss is unknown).
// countersChanged() is emitted at most once per flush interval while signals
// arrive, and at once when a count from the connection changes.
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
    // malformed.
    bool append(const QJsonObject &signal);
    bool append(const LiveSignal &signal);

    // Shows every queued signal now (unless paused). The timer calls it; tests too.
    void flush();

    // While paused the rows stay as they are; signals are still counted and
    // queued (the newest capacity() of them), and resume() shows them at once.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }

    // Starts over: removes every row and queued signal, and the counters
    // begin again at zero.
    void clear();

    // Whether a stream is open. While not, the rate reads 0 (nothing can
    // arrive) and the rows are history, not live.
    void setLive(bool live);
    bool isLive() const { return m_live; }

    // SignalConnection::resumeResult: lost -1 is a server restart.
    void countResume(qint64 recovered, qint64 lost);
    // SignalConnection::signalsSkipped.
    void countSkipped(qint64 count);

    int capacity() const { return m_capacity; }
    int flushInterval() const { return m_flushTimer.interval(); }
    void setFlushInterval(int ms);
    qint64 rateWindow() const { return m_rateWindowMs; }
    void setRateWindow(qint64 ms);   // e.g. 1000 or 5000; resets the rate

    double signalsPerSecond() const;
    qint64 totalReceived() const { return m_total; }
    qint64 recovered() const { return m_recovered; }   // brought back by resumes
    qint64 lost() const { return m_lost; }             // seqs that never came, as far as known
    qint64 serverRestarts() const { return m_serverRestarts; }
    int pendingCount() const { return int(m_pending.size()); }   // queued, not shown yet

    // Prices of a symbol are shown with as many decimals as the most precise
    // one seen for it, so that a column of them lines up (1.0850 over 1.0848).
    // The user's locale for prices: its decimal mark, no thousands grouping
    // (64000.5, 64000,5), so columns stay narrow and a copy pastes as a number.
    static QLocale numberLocale();
    // The decimals of a price's shortest exact form (1.085: 3), at most 10.
    static int decimalsOf(double price);
    // QLocale::FloatingPointShortest for a symbol not seen.
    int priceDecimals(const QString &symbol) const
    {
        return m_priceDecimals.value(symbol, QLocale::FloatingPointShortest);
    }

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
    // The same rows as the contract's JSON, one compact object per line
    // (JSON Lines): the signal as received, re-encoded from its typed fields.
    QString jsonForIndexes(const QModelIndexList &indexes) const;

Q_SIGNALS:
    void countersChanged();

private:
    int ringIndex(int row) const;
    QString cellText(const LiveSignal &signal, int column) const;
    // Source rows of a view's selection, in the order of the view's rows.
    QList<int> sourceRowsOf(const QModelIndexList &indexes) const;
    void countArrival();
    QString intern(const QString &symbol);
    void notePrecision(const LiveSignal &signal);
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
    QHash<QString, int> m_priceDecimals;   // bounded with m_symbols
    bool m_live = false;

    // Sliding-window rate: counts per slot of m_rateWindowMs / RateSlots ms.
    static constexpr int RateSlots = 20;
    qint64 m_rateWindowMs = DefaultRateWindowMs;
    std::deque<std::pair<qint64, qint64>> m_rateSlots;   // (slot number, count)

    qint64 m_total = 0;
    qint64 m_recovered = 0;
    qint64 m_lost = 0;
    qint64 m_serverRestarts = 0;
};

}   // namespace SignalGate::Client
