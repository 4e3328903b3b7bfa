#include "verdictdelegate.h"

#include "scenarioresult.h"
#include "scenarioresultsmodel.h"

#include <QColor>

using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

namespace {

QColor verdictColor(ScenarioResult::Verdict verdict)
{
    switch (verdict) {
    case ScenarioResult::Verdict::Pass:
        return QColor(0xc8, 0xe6, 0xc9);
    case ScenarioResult::Verdict::Fail:
        return QColor(0xf8, 0xd7, 0xda);
    case ScenarioResult::Verdict::Skip:
        return QColor(0xe0, 0xe0, 0xe0);
    }
    return QColor();
}

}   // namespace

void VerdictDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant verdict = index.data(ScenarioResultsModel::VerdictRole);
    // The title keeps the view's own background: only the result's cells are coloured.
    if (verdict.isValid() && index.column() != ScenarioResultsModel::TitleColumn)
        option->backgroundBrush = verdictColor(ScenarioResult::Verdict(verdict.toInt()));
}

}   // namespace SignalGate::Ui
