#include "placeholdertips.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace SignalGate::Ui {

namespace {

void mirror(QWidget *field, const QString &placeholder)
{
    if (!placeholder.isEmpty() && field->toolTip().isEmpty())
        field->setToolTip(placeholder);
}

}   // namespace

void showPlaceholdersAsToolTips(QWidget *root)
{
    for (QLineEdit *field : root->findChildren<QLineEdit *>())
        mirror(field, field->placeholderText());
    for (QPlainTextEdit *field : root->findChildren<QPlainTextEdit *>())
        mirror(field, field->placeholderText());
    for (QTextEdit *field : root->findChildren<QTextEdit *>())
        mirror(field, field->placeholderText());
}

}   // namespace SignalGate::Ui
