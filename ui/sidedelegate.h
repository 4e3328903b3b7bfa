#pragma once

#include <QStyledItemDelegate>

namespace SignalGate::Ui {

// Draws the Side column's word in green for Buy and red for Sell, in shades
// chosen for the view's palette. The word stays, so the colour is never the
// only sign.
class SideDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The colour the side of index is drawn in on palette; invalid (the
    // palette's own text colour) for a side that is neither buy nor sell.
    static QColor textColor(const QModelIndex &index, const QPalette &palette);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

}   // namespace SignalGate::Ui
