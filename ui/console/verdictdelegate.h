#pragma once

#include <QStyledItemDelegate>

namespace SignalGate::Ui {

// Paints a result row's background in its verdict's colour (green PASS, red
// FAIL, grey SKIP), read from ScenarioResultsModel::VerdictRole: the model
// stays free of widgets and colours.
class VerdictDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

}   // namespace SignalGate::Ui
