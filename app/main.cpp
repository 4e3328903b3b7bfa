// signalgate: the desktop client. Thin: options, language, then the window.
#include "languagesetup.h"
#include "mainwindow.h"
#include "session/clientcore.h"
#include "session/clientsettings.h"
#include "session/serveraddress.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace {

int usageError(const QString &message)
{
    QTextStream(stderr) << "signalgate: " << message << '\n';
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SignalGate"));
    QApplication::setApplicationName(QStringLiteral("signalgate"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNALGATE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("signalgate"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SignalGate desktop client: live signals behind JWT authentication."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("Server address (remembered)."), QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("User name (remembered)."), QStringLiteral("NAME"));
    const QCommandLineOption passwordOption(QStringLiteral("password-stdin"),
                                            QStringLiteral("Read the password from the first line of stdin and sign in at once."));
    const QCommandLineOption settingsOption(QStringLiteral("settings"),
                                            QStringLiteral("Keep settings in this INI file instead of the default place."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("Language for this run: en or de (default: the setting, else the system's)."),
                                            QStringLiteral("CODE"));
    parser.addOptions({serverOption, userOption, passwordOption, settingsOption, languageOption});
    if (!parser.parse(QApplication::arguments()))
        return usageError(parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument \"%1\" (see --help)").arg(parser.positionalArguments().first()));

    ClientSettings settings = parser.isSet(settingsOption) ? ClientSettings(parser.value(settingsOption)) : ClientSettings();
    if (parser.isSet(serverOption)) {
        const ServerAddress server = ServerAddress::parse(parser.value(serverOption));
        if (!server.isValid())
            return usageError(server.error());
        settings.setServer(server.text());
    }
    if (parser.isSet(userOption))
        settings.setUser(parser.value(userOption));
    QString password;
    if (parser.isSet(passwordOption)) {
        if (settings.user().isEmpty())
            return usageError(QStringLiteral("--password-stdin needs --user NAME"));
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read the password from stdin"));
        password = QString::fromUtf8(input.readLine()).remove(QLatin1Char('\n')).remove(QLatin1Char('\r'));
        if (password.isEmpty())
            return usageError(QStringLiteral("--password-stdin read an empty password"));
    }
    LanguageSetup::install(&application, parser.isSet(languageOption) ? parser.value(languageOption) : settings.language());

    ClientCore core;
    MainWindow window(&core, &settings);
    window.show();
    if (parser.isSet(passwordOption))
        window.signInWith(ServerAddress::parse(settings.server()), settings.user(), password);
    else
        window.start();
    return application.exec();
}
