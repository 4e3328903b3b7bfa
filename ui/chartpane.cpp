#include "chartpane.h"

#include "signalmodel.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

ChartPane::ChartPane(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout), m_placeholder(new QLabel(this))
{
    auto *content = new QWidget;
    content->setLayout(m_grid);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    scroll->setAccessibleName(tr("Price charts"));
    m_placeholder->setText(tr("No signals yet. A chart appears here for every symbol as its first signal arrives."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_grid->addWidget(m_placeholder, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    m_redrawTimer.setInterval(RedrawIntervalMs);
    connect(&m_redrawTimer, &QTimer::timeout, this, &ChartPane::redraw);
}

QStringList ChartPane::symbols() const
{
    return m_order;
}

int ChartPane::pointCount(const QString &symbol) const
{
    const auto it = m_charts.constFind(symbol);
    return it == m_charts.cend() ? 0 : int(it->series->count());
}

void ChartPane::addSignals(const QList<QJsonObject> &batch)
{
    for (const QJsonObject &object : batch) {
        const std::optional<LiveSignal> signal = LiveSignal::fromJson(object);
        if (!signal || signal->symbol.isEmpty())
            continue;
        SymbolChart *chart = chartFor(signal->symbol);
        if (!chart)
            continue;
        chart->points.emplace_back(double(signal->timestampMs), signal->price);
        chart->decimals = std::max(chart->decimals, SignalModel::decimalsOf(signal->price));
        if (chart->points.size() > MaxPoints)
            chart->points.pop_front();
        chart->dirty = true;
    }
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

void ChartPane::clear()
{
    for (SymbolChart &chart : m_charts) {
        chart.points.clear();
        chart.dirty = true;
    }
    redraw();
}

ChartPane::SymbolChart *ChartPane::chartFor(const QString &symbol)
{
    auto it = m_charts.find(symbol);
    if (it != m_charts.end())
        return &*it;
    if (m_charts.size() >= MaxCharts) {
        // A server with hundreds of symbols would otherwise build hundreds
        // of charts; the table still shows every signal.
        return nullptr;
    }
    m_placeholder->hide();
    SymbolChart chart;
    chart.series = new QLineSeries;
    chart.series->setName(symbol);
    auto *qchart = new QChart;
    qchart->addSeries(chart.series);
    qchart->setTitle(symbol);
    qchart->legend()->hide();
    // Axis labels in the user's locale, like the table's prices.
    qchart->setLocale(SignalModel::numberLocale());
    qchart->setLocalizeNumbers(true);
    qchart->setMargins(QMargins(4, 4, 4, 4));
    chart.timeAxis = new QDateTimeAxis;
    chart.timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    chart.timeAxis->setTickCount(MaxTimeTicks);
    chart.priceAxis = new QValueAxis;
    chart.priceAxis->setLabelFormat(QStringLiteral("%.2f"));
    // The label space is laid out before the first prices arrive; truncating
    // would turn 63145.5 into "63..." for good.
    chart.priceAxis->setTruncateLabels(false);
    chart.timeAxis->setTruncateLabels(false);
    qchart->addAxis(chart.timeAxis, Qt::AlignBottom);
    qchart->addAxis(chart.priceAxis, Qt::AlignLeft);
    chart.series->attachAxis(chart.timeAxis);
    chart.series->attachAxis(chart.priceAxis);
    chart.view = new QChartView(qchart);
    chart.view->setRenderHint(QPainter::Antialiasing);
    chart.view->setMinimumSize(320, 200);
    chart.view->setAccessibleName(tr("Price chart of %1").arg(symbol));
    // The time and price under the pointer.
    connect(chart.series, &QLineSeries::hovered, chart.view, [this, symbol](const QPointF &point, bool inside) {
        if (!inside) {
            QToolTip::hideText();
            return;
        }
        QToolTip::showText(QCursor::pos(), hoverText(symbol, point));
    });
    // Alphabetical, so the charts stand in the same place in every session
    // whichever symbol happens to arrive first.
    m_order.insert(std::lower_bound(m_order.begin(), m_order.end(), symbol), symbol);
    SymbolChart *added = &*m_charts.insert(symbol, chart);
    for (int index = 0; index < m_order.size(); ++index)
        m_grid->addWidget(m_charts.constFind(m_order.at(index))->view, index / 2, index % 2);
    return added;
}

QString ChartPane::priceText(const QString &symbol, double price) const
{
    const auto it = m_charts.constFind(symbol);
    return SignalModel::numberLocale().toString(price, 'f', it == m_charts.cend() ? 2 : it->decimals);
}

QString ChartPane::hoverText(const QString &symbol, const QPointF &point) const
{
    return tr("%1 at %2: %3")
            .arg(symbol, QDateTime::fromMSecsSinceEpoch(qint64(point.x())).toString(QStringLiteral("HH:mm:ss.zzz")),
                 priceText(symbol, point.y()));
}

QString ChartPane::lastPriceText(const QString &symbol) const
{
    const auto it = m_charts.constFind(symbol);
    if (it == m_charts.cend() || it->points.empty())
        return QString();
    return priceText(symbol, it->points.back().y());
}

void ChartPane::redraw()
{
    bool any = false;
    for (auto it = m_charts.begin(); it != m_charts.end(); ++it) {
        SymbolChart &chart = *it;
        const QString &symbol = it.key();
        if (!chart.dirty)
            continue;
        chart.dirty = false;
        any = true;
        const QList<QPointF> points(chart.points.cbegin(), chart.points.cend());
        chart.series->replace(points);
        if (points.isEmpty())
            continue;
        const auto [low, high] = std::minmax_element(points.cbegin(), points.cend(),
                                                     [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
        const double margin = std::max((high->y() - low->y()) * 0.05, std::abs(high->y()) * 1e-6);
        chart.priceAxis->setRange(low->y() - margin, high->y() + margin);
        chart.priceAxis->applyNiceNumbers();   // round ticks, short labels
        // Every label with the decimals the tick step needs (1.0840, 1.0845,
        // not 1.084, 1.0845); the title's last price with the symbol's own.
        const double step =
                (chart.priceAxis->max() - chart.priceAxis->min()) / std::max(1, chart.priceAxis->tickCount() - 1);
        const int axisDecimals = step > 0 ? std::clamp(int(std::ceil(-std::log10(step))), 0, 10) : 2;
        chart.priceAxis->setLabelFormat(QStringLiteral("%.%1f").arg(axisDecimals));
        chart.view->chart()->setTitle(tr("%1 · last %2").arg(symbol, lastPriceText(symbol)));
        const qint64 firstMs = qint64(points.constFirst().x());
        const qint64 spanMs = std::max(qint64(points.constLast().x()) - firstMs, qint64(1000));
        chart.timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(firstMs),
                                 QDateTime::fromMSecsSinceEpoch(firstMs + spanMs));
        // The labels show whole seconds: over a short span, fewer ticks, so
        // two ticks never print the same second.
        chart.timeAxis->setTickCount(int(std::clamp(spanMs / 1000 + 1, qint64(2), qint64(MaxTimeTicks))));
        // Qt Charts sizes the label column once: lay out again only when the
        // labels get wider (a relayout of every chart costs ~20 ms per redraw).
        const qsizetype chars = std::max(QString::number(chart.priceAxis->min(), 'f', axisDecimals).size(),
                                         QString::number(chart.priceAxis->max(), 'f', axisDecimals).size());
        if (chars > chart.labelChars) {
            chart.labelChars = chars;
            chart.view->chart()->layout()->invalidate();
        }
    }
    if (!any)
        m_redrawTimer.stop();   // nothing came since the last redraw
}

}   // namespace SignalGate::Ui
