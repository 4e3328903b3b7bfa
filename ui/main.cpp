// signalgate: the desktop client. Thin: options, language, then the window.
#include "clientcore.h"
#include "clientsettings.h"
#include "languagesetup.h"
#include "mainwindow.h"
#include "serveraddress.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstdio>

using namespace SignalGate::Client;
using namespace SignalGate::Ui;

namespace {

int usageError(const QString &message)
{
    QTextStream(stderr) << "signalgate: " << message << '\n';
    return 2;
}

// Qt aborts when it finds no display; say so in one line instead.
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

}   // namespace

int main(int argc, char **argv)
{
    // The options are read before QApplication exists, so a typo or --help
    // gets its answer even where no display could be opened.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("SignalGate desktop client: live signals behind JWT authentication."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("Server address (remembered)."),
                                          QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("User name (remembered)."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption passwordOption(
            QStringLiteral("password-stdin"),
            QStringLiteral("Read the password from the first line of stdin and sign in at once."));
    const QCommandLineOption settingsOption(
            QStringLiteral("settings"), QStringLiteral("Keep settings in this INI file instead of the default place."),
            QStringLiteral("FILE"));
    const QCommandLineOption languageOption(
            QStringLiteral("language"),
            QStringLiteral("Language for this run: en or de (default: the setting, else the system's)."),
            QStringLiteral("CODE"));
    parser.addOptions({serverOption, userOption, passwordOption, settingsOption, languageOption});
    if (!parser.parse(arguments))
        return usageError(parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(helpOption)) {
        // Without an application object Qt cannot know the program's name.
        QTextStream(stdout) << parser.helpText().replace(QLatin1String("<executable_name>"),
                                                         QLatin1String("signalgate"));
        return 0;
    }
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << "signalgate " << SIGNALGATE_VERSION << '\n';
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
                QStringLiteral("unexpected argument \"%1\" (see --help)").arg(parser.positionalArguments().first()));
    ServerAddress server;
    if (parser.isSet(serverOption)) {
        server = ServerAddress::parse(parser.value(serverOption));
        if (!server.isValid())
            return usageError(server.error());
    }
    const QString language = parser.value(languageOption);
    if (parser.isSet(languageOption) && language != QLatin1String("en") && language != QLatin1String("de"))
        return usageError(QStringLiteral("--language takes en or de, not \"%1\"").arg(language));
    if (!hasDisplay())
        return usageError(QStringLiteral("no display (DISPLAY and WAYLAND_DISPLAY are unset): run it on a desktop, "
                                         "or under xvfb-run"));

    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SignalGate"));
    QApplication::setApplicationName(QStringLiteral("signalgate"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNALGATE_VERSION));
    // The desktop entry's name: Wayland shells find the icon and the AppStream
    // metadata by it.
    QApplication::setDesktopFileName(QStringLiteral("org.signalgate.SignalGate"));

    // Everything is checked before anything is written: a refused start changes no setting.
    ClientSettings settings =
            parser.isSet(settingsOption) ? ClientSettings(parser.value(settingsOption)) : ClientSettings();
    const QString user = parser.isSet(userOption) ? parser.value(userOption) : settings.user();
    QString password;
    if (parser.isSet(passwordOption)) {
        if (user.isEmpty())
            return usageError(QStringLiteral("--password-stdin needs --user NAME"));
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read the password from stdin"));
        password = QString::fromUtf8(input.readLine()).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
        if (password.isEmpty())
            return usageError(QStringLiteral("--password-stdin read an empty password"));
    }
    if (server.isValid())
        settings.setServer(server.text());
    if (parser.isSet(userOption))
        settings.setUser(user);
    LanguageSetup::install(&application, parser.isSet(languageOption) ? language : settings.language());
    Theme::apply(&application, settings.theme());

    ClientCore core;
    MainWindow window(&core, &settings);
    window.show();
    if (parser.isSet(passwordOption))
        window.signInWith(ServerAddress::parse(settings.server()), settings.user(), password);
    else
        window.start();
    return application.exec();
}
