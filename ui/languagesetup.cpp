#include "languagesetup.h"

#include <QCoreApplication>
#include <QDebug>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace SignalGate::Ui {

namespace {
// Quiet unless asked (QT_LOGGING_RULES="signalgate.ui.language.info=true"):
// the install test reads it to see an installed client speak German.
Q_LOGGING_CATEGORY(lcLanguage, "signalgate.ui.language", QtWarningMsg)
}   // namespace

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
    // Qt's own words: dialog buttons, key names (Strg), file dialogs. English
    // needs none; any other language without them is half translated.
    auto *qt = new QTranslator(application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qCInfo(lcLanguage).noquote() << "language" << own->language() << "from" << own->filePath() << "and"
                                     << qt->filePath() << "; \"Sign in to SignalGate\" reads"
                                     << QCoreApplication::translate("SignalGate::Ui::LoginDialog",
                                                                    "Sign in to SignalGate");
    } else {
        delete qt;
        if (locale.language() != QLocale::English && locale.language() != QLocale::C)
            qWarning().noquote() << "Qt's own translations for" << locale.name() << "are not in"
                                 << QLibraryInfo::path(QLibraryInfo::TranslationsPath)
                                 << "; buttons and key names stay English (on Debian: apt install "
                                    "qt6-translations-l10n)";
    }
    return own->language().section(QLatin1Char('_'), 0, 0);
}

}   // namespace LanguageSetup

}   // namespace SignalGate::Ui
