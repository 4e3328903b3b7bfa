#include "languagesetup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace SignalGate::Ui {

namespace LanguageSetup {

QLocale localeFor(const QString &language)
{
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QString install(QCoreApplication *application, const QString &language)
{
    const QLocale locale = localeFor(language);
    QLocale::setDefault(locale);
    auto *own = new QTranslator(application);
    if (!own->load(locale, QStringLiteral("signalgate"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    // Buttons of QMessageBox and QFileDialog; missing (qt6-translations-l10n) is fine.
    auto *qt = new QTranslator(application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return own->language().section(QLatin1Char('_'), 0, 0);
}

}   // namespace LanguageSetup

}   // namespace SignalGate::Ui
