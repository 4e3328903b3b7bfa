#include "severityproxymodel.h"

#include "severitystyle.h"

using namespace SignalGate::Client;

namespace SignalGate::Ui {

SeverityProxyModel::SeverityProxyModel(int severityRole, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_severityRole(severityRole)
{}

QVariant SeverityProxyModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::BackgroundRole && role != Qt::ForegroundRole
        && !(role == Qt::DecorationRole && index.column() == 0))
        return QIdentityProxyModel::data(index, role);
    const QVariant severity = QIdentityProxyModel::data(index, m_severityRole);
    if (!severity.isValid())
        return QIdentityProxyModel::data(index, role);
    const auto value = CloseCodeInfo::Severity(severity.toInt());
    switch (role) {
    case Qt::BackgroundRole:
        return SeverityStyle::background(value);
    case Qt::ForegroundRole:
        return QColor(Qt::black);   // the tints are light in any palette
    default:
        return SeverityStyle::icon(value);
    }
}

}   // namespace SignalGate::Ui
