#include "sidedelegate.h"

#include "signalmodel.h"
#include "theme.h"

using namespace SignalGate::Client;

namespace SignalGate::Ui {

QColor SideDelegate::textColor(const QModelIndex &index, const QPalette &palette)
{
    return Theme::sideColor(index.data(SignalModel::RawRole).toString(), palette);
}

void SideDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QColor color = textColor(index, option->palette);
    if (color.isValid() && !(option->state & QStyle::State_Selected))
        option->palette.setColor(QPalette::Text, color);
}

}   // namespace SignalGate::Ui
