#pragma once

#include <QIdentityProxyModel>

namespace SignalGate::Ui {

// Colours the rows of a model that reports CloseCodeInfo::Severity as an int
// under severityRole (the connection log) and puts the severity icon in the
// first column. The words are in Qt::AccessibleDescriptionRole already, so
// the colour is never the only carrier of the meaning.
class SeverityProxyModel : public QIdentityProxyModel
{
    Q_OBJECT
public:
    SeverityProxyModel(int severityRole, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    int m_severityRole;
};

}   // namespace SignalGate::Ui
