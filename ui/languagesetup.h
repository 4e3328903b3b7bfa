#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace SignalGate::Ui {

// Installs the client's translation (embedded by qt_add_translations under
// :/i18n) and Qt's own for the standard dialogs. language "" follows the
// system locale; English is the source language and needs no file.
namespace LanguageSetup {

// The language actually used ("en" when nothing matched).
QString install(QCoreApplication *application, const QString &language);
QLocale localeFor(const QString &language);

}   // namespace LanguageSetup

}   // namespace SignalGate::Ui
