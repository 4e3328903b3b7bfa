#include "signalmodel.h"

#include <QAbstractProxyModel>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

namespace SignalGate::Client {

namespace {

// Past this many distinct symbols the cache is dropped and refilled: a
// publisher sending random symbols must not grow it without bound.
constexpr int MaxInternedSymbols = 4096;
// A double carries about 17 significant digits; more decimals are noise.
constexpr int MaxPriceDecimals = 10;

// A clipboard cell must not break the tab-separated layout.
QString clipboardCell(QString text)
{
    for (QChar &c : text) {
        if (c == u'\t' || c == u'\n' || c == u'\r')
            c = u' ';
    }
    return text;
}

}   // namespace

SignalModel::SignalModel(QObject *parent) : SignalModel(DefaultCapacity, SignalGate::Clock::system(), parent) {}

SignalModel::SignalModel(int capacity, const SignalGate::Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
    , m_clock(clock)
{
    // One shot, started by the first signal after a flush: an idle model
    // costs no wake-ups.
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &SignalModel::flush);
}

SignalModel::~SignalModel() = default;

int SignalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int SignalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int SignalModel::ringIndex(int row) const
{
    // Row 0 is the newest, the last one written.
    return (m_start + m_count - 1 - row) % m_capacity;
}

const LiveSignal &SignalModel::signalAt(int row) const
{
    Q_ASSERT(row >= 0 && row < m_count);
    return m_ring.at(ringIndex(row));
}

QString SignalModel::cellText(const LiveSignal &signal, int column) const
{
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(signal.timestampMs).toString(QStringLiteral("hh:mm:ss.zzz"));
    case SeqColumn:
        return QString::number(signal.seq);
    case SymbolColumn:
        return signal.symbol;
    case SideColumn:
        if (signal.side == QLatin1String("buy"))
            return tr("Buy");
        if (signal.side == QLatin1String("sell"))
            return tr("Sell");
        return signal.side;
    case PriceColumn:
        // In the user's locale, like every number on screen, so a copied row
        // pastes into a spreadsheet of that locale as numbers. The symbol's
        // decimals are never fewer than the price's (a symbol the bounded
        // cache forgot shows its shortest exact form).
        return numberLocale().toString(signal.price, 'f', priceDecimals(signal.symbol));
    case ConfidenceColumn:
        return numberLocale().toString(signal.confidence, 'f', 2);
    }
    return QString();
}

QVariant SignalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const LiveSignal &signal = signalAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cellText(signal, index.column());
    case Qt::ToolTipRole:
        // The time cell leaves out the date; a signal from yesterday says so here.
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(signal.timestampMs).toString(Qt::ISODateWithMs);
        break;
    case Qt::TextAlignmentRole:
        // An int: what every Qt 6 delegate reads for this role.
        switch (index.column()) {
        case SeqColumn:
        case PriceColumn:
        case ConfidenceColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case RawRole:
        switch (index.column()) {
        case TimeColumn:
            return signal.timestampMs;
        case SeqColumn:
            return signal.seq;
        case SymbolColumn:
            return signal.symbol;
        case SideColumn:
            return signal.side;
        case PriceColumn:
            return signal.price;
        case ConfidenceColumn:
            return signal.confidence;
        }
        break;
    }
    return QVariant();
}

QVariant SignalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SeqColumn:
        return tr("Seq");
    case SymbolColumn:
        return tr("Symbol");
    case SideColumn:
        return tr("Side");
    case PriceColumn:
        return tr("Price");
    case ConfidenceColumn:
        return tr("Confidence");
    }
    return QVariant();
}

bool SignalModel::append(const QJsonObject &signal)
{
    const std::optional<LiveSignal> parsed = LiveSignal::fromJson(signal);
    return parsed && append(*parsed);
}

bool SignalModel::append(const LiveSignal &signal)
{
    if (signal.seq < 0)
        return false;
    ++m_total;
    countArrival();
    m_pending.push_back(signal);
    m_pending.back().symbol = intern(signal.symbol);
    notePrecision(m_pending.back());
    // Older queued signals would be pushed out of the ring by this batch anyway.
    if (int(m_pending.size()) > m_capacity)
        m_pending.pop_front();
    scheduleFlush();
    return true;
}

void SignalModel::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

QString SignalModel::intern(const QString &symbol)
{
    const auto it = m_symbols.constFind(symbol);
    if (it != m_symbols.constEnd())
        return *it;
    if (m_symbols.size() >= MaxInternedSymbols) {
        m_symbols.clear();
        m_priceDecimals.clear();
    }
    m_symbols.insert(symbol);
    return symbol;
}

QLocale SignalModel::numberLocale()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    return locale;
}

int SignalModel::decimalsOf(double price)
{
    const QString shortest = QString::number(price, 'f', QLocale::FloatingPointShortest);
    const qsizetype point = shortest.indexOf(u'.');
    return point < 0 ? 0 : int(std::min<qsizetype>(shortest.size() - point - 1, MaxPriceDecimals));
}

void SignalModel::notePrecision(const LiveSignal &signal)
{
    int &known = m_priceDecimals[signal.symbol];
    known = std::max(known, decimalsOf(signal.price));
}

void SignalModel::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    m_rateSlots.clear();
    Q_EMIT countersChanged();
}

void SignalModel::countResume(qint64 recovered, qint64 lost)
{
    m_recovered += recovered;
    if (lost < 0)
        ++m_serverRestarts;
    else
        m_lost += lost;
    Q_EMIT countersChanged();
}

void SignalModel::countSkipped(qint64 count)
{
    m_lost += count;
    Q_EMIT countersChanged();
}

void SignalModel::countArrival()
{
    const qint64 slotMs = std::max<qint64>(1, m_rateWindowMs / RateSlots);
    const qint64 slot = m_clock.monotonicMs() / slotMs;
    if (!m_rateSlots.empty() && m_rateSlots.back().first == slot)
        ++m_rateSlots.back().second;
    else
        m_rateSlots.emplace_back(slot, 1);
    while (!m_rateSlots.empty() && m_rateSlots.front().first <= slot - RateSlots)
        m_rateSlots.pop_front();
}

double SignalModel::signalsPerSecond() const
{
    const qint64 slotMs = std::max<qint64>(1, m_rateWindowMs / RateSlots);
    const qint64 slot = m_clock.monotonicMs() / slotMs;
    qint64 inWindow = 0;
    for (const auto &[number, count] : m_rateSlots) {
        if (number > slot - RateSlots && number <= slot)
            inWindow += count;
    }
    return double(inWindow) * 1000.0 / double(slotMs * RateSlots);
}

void SignalModel::setRateWindow(qint64 ms)
{
    m_rateWindowMs = std::max<qint64>(RateSlots, ms);
    m_rateSlots.clear();   // slots of the old width mean nothing in the new one
}

void SignalModel::setFlushInterval(int ms)
{
    m_flushTimer.setInterval(std::max(0, ms));
}

void SignalModel::flush()
{
    m_flushTimer.stop();
    if (!m_paused && !m_pending.empty()) {
        const int incoming = int(m_pending.size());   // <= m_capacity
        const int overflow = m_count + incoming - m_capacity;
        if (overflow > 0) {
            // The oldest rows leave at the bottom, in one step, before the new
            // ones take their ring slots.
            beginRemoveRows(QModelIndex(), m_count - overflow, m_count - 1);
            m_start = (m_start + overflow) % m_capacity;
            m_count -= overflow;
            endRemoveRows();
        }
        beginInsertRows(QModelIndex(), 0, incoming - 1);
        for (LiveSignal &signal : m_pending) {
            const int slot = (m_start + m_count) % m_capacity;
            // Slots are written in order, so the next one is either reused or
            // exactly one past the end while the ring still grows.
            if (slot == m_ring.size())
                m_ring.append(std::move(signal));
            else
                m_ring[slot] = std::move(signal);
            ++m_count;
        }
        m_pending.clear();
        endInsertRows();
    }
    Q_EMIT countersChanged();
}

void SignalModel::pause()
{
    m_paused = true;
}

void SignalModel::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    flush();
}

void SignalModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_start = 0;
    m_count = 0;
    m_pending.clear();
    endResetModel();
    m_total = 0;
    m_recovered = 0;
    m_lost = 0;
    m_serverRestarts = 0;
    m_rateSlots.clear();
    Q_EMIT countersChanged();
}

QString SignalModel::textForRows(const QList<int> &rows, bool withHeader) const
{
    QString text;
    if (withHeader) {
        for (int column = 0; column < ColumnCount; ++column) {
            if (column)
                text += u'\t';
            text += clipboardCell(headerData(column, Qt::Horizontal).toString());
        }
        text += u'\n';
    }
    QSet<int> done;
    for (int row : rows) {
        if (row < 0 || row >= m_count || done.contains(row))
            continue;
        done.insert(row);
        const LiveSignal &signal = signalAt(row);
        for (int column = 0; column < ColumnCount; ++column) {
            if (column)
                text += u'\t';
            text += clipboardCell(cellText(signal, column));
        }
        text += u'\n';
    }
    return text;
}

QString SignalModel::textForIndexes(const QModelIndexList &indexes, bool withHeader) const
{
    return textForRows(sourceRowsOf(indexes), withHeader);
}

QString SignalModel::jsonForIndexes(const QModelIndexList &indexes) const
{
    QString text;
    QSet<int> done;
    for (int row : sourceRowsOf(indexes)) {
        if (row < 0 || row >= m_count || done.contains(row))
            continue;
        done.insert(row);
        text += QString::fromUtf8(QJsonDocument(signalAt(row).toJson()).toJson(QJsonDocument::Compact));
        text += u'\n';
    }
    return text;
}

QList<int> SignalModel::sourceRowsOf(const QModelIndexList &indexes) const
{
    // (row in the view's model, row here): sorted by the first so the text
    // follows what the user sees, even through a sorting proxy.
    std::vector<std::pair<int, int>> rows;
    rows.reserve(indexes.size());
    for (const QModelIndex &viewIndex : indexes) {
        QModelIndex index = viewIndex;
        while (index.isValid() && index.model() != this) {
            const auto *proxy = qobject_cast<const QAbstractProxyModel *>(index.model());
            if (!proxy)
                break;
            index = proxy->mapToSource(index);
        }
        if (index.isValid() && index.model() == this)
            rows.emplace_back(viewIndex.row(), index.row());
    }
    std::sort(rows.begin(), rows.end());
    QList<int> sourceRows;
    sourceRows.reserve(int(rows.size()));
    for (const auto &row : rows)
        sourceRows.append(row.second);
    return sourceRows;
}

}   // namespace SignalGate::Client
