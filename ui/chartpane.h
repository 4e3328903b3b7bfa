#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <deque>

class QChartView;
class QDateTimeAxis;
class QGridLayout;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace SignalGate::Ui {

// A live price chart per symbol (QtCharts), in a grid. Signals are only
// collected as they come; the charts are redrawn a few times per second from
// the last MaxPoints prices, so a flood of signals costs one replace() per
// symbol and redraw, never one repaint per signal.
class ChartPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxPoints = 300;
    static constexpr int MaxCharts = 16;
    static constexpr int MaxTimeTicks = 4;
    static constexpr int RedrawIntervalMs = 250;

    explicit ChartPane(QWidget *parent = nullptr);

    // Alphabetical: the order the charts stand in.
    QStringList symbols() const;
    int pointCount(const QString &symbol) const;
    // In the user's locale with the symbol's decimals; empty before any point.
    QString lastPriceText(const QString &symbol) const;
    QString hoverText(const QString &symbol, const QPointF &point) const;

public Q_SLOTS:
    void addSignals(const QList<QJsonObject> &batch);
    void clear();

private:
    struct SymbolChart
    {
        QChartView *view = nullptr;
        QLineSeries *series = nullptr;
        QDateTimeAxis *timeAxis = nullptr;
        QValueAxis *priceAxis = nullptr;
        std::deque<QPointF> points;   // (ms since epoch, price), oldest first
        bool dirty = false;
        qsizetype labelChars = 0;   // the widest price label laid out so far
        int decimals = 0;           // of the most precise price seen
    };

    QString priceText(const QString &symbol, double price) const;

    SymbolChart *chartFor(const QString &symbol);
    void redraw();

    QGridLayout *m_grid;
    QLabel *m_placeholder;
    QHash<QString, SymbolChart> m_charts;
    QStringList m_order;   // symbols in the order they first appeared
    QTimer m_redrawTimer;
};

}   // namespace SignalGate::Ui
