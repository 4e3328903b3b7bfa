#include "configreference.h"

#include "servercommands.h"
#include "serveroptions.h"

namespace SignalGate::Server::ConfigReference {

namespace {

const QString Summary = QStringLiteral("JWT-gated live signals over WebSocket, with HTTP auth endpoints");

QString markdownCell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

// roff text: a backslash is \e, a dash \- (a real minus in flags), and a
// line must not start with a control character.
QString roff(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\e")).replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (text.startsWith(QLatin1Char('.')) || text.startsWith(QLatin1Char('\'')))
        text.prepend(QStringLiteral("\\&"));
    return text;
}

QString flagOnlyNote(const ServerOption &option)
{
    return option.where == ServerOption::Where::FlagOnly ? QStringLiteral(" Command line only.") : QString();
}

}   // namespace

QString markdown()
{
    QString text = QStringLiteral(
            "# signalgate-server configuration\n\n"
            "<!-- Generated from server/config/serveroptions.cpp and servercommands.cpp; do not edit.\n"
            "     Renew: cmake --build --preset default --target config_docs -->\n\n"
            "Every option is a long flag (`--listen 127.0.0.1:8765`) and, unless it says *command line only*,\n"
            "a key of the INI file given with `--config FILE` (`listen = 127.0.0.1:8765`). Flags win over\n"
            "the file. A repeatable option (`allowed-origin`) takes a comma-separated list in the file, and\n"
            "given on the command line its flags replace the file's list. Values are checked at start, and by\n"
            "`signalgate-server config check`; a bad one stops the server with one line naming its key.\n"
            "SIGHUP (`systemctl reload signalgate-server`) loads them again and applies `allowed-origin`,\n"
            "`tls-cert` and `tls-key` to new connections; everything else needs a restart.\n\n"
            "The installed example is `/usr/share/doc/signalgate-server/examples/signalgate-server.ini`;\n"
            "the Debian package's service reads `/etc/signalgate/signalgate-server.ini`.\n\n"
            "## Subcommands\n\n"
            "| command | what it does |\n| --- | --- |\n");
    for (const ServerCommand &command : serverCommands())
        text += QStringLiteral("| `%1` | %2 |\n").arg(command.usage(), markdownCell(command.summary));
    text += QStringLiteral("\n## Options\n\n| key | value | INI | description |\n| --- | --- | --- | --- |\n");
    for (const ServerOption &option : serverOptions()) {
        text += QStringLiteral("| `%1` | %2 | %3 | %4 |\n")
                        .arg(option.name,
                             option.isSwitch() ? QStringLiteral("switch")
                                               : QLatin1Char('`') + option.valueName + QLatin1Char('`'),
                             option.where == ServerOption::Where::FlagOrIni
                                     ? (option.repeatable ? QStringLiteral("yes, a list") : QStringLiteral("yes"))
                                     : QStringLiteral("command line only"),
                             markdownCell(option.helpText()));
    }
    return text;
}

QString manPage(const QString &version)
{
    QString page = QStringLiteral(".\\\" Generated from server/config/serveroptions.cpp; do not edit.\n"
                                  ".TH SIGNALGATE-SERVER 1 \"\" \"SignalGate %1\" \"User Commands\"\n"
                                  ".SH NAME\nsignalgate-server \\- %2\n"
                                  ".SH SYNOPSIS\n.B signalgate-server\n[\\fIOPTION\\fR]...\n")
                           .arg(version, roff(Summary));
    for (const ServerCommand &command : serverCommands())
        page += QStringLiteral(".br\n.B signalgate-server\n%1 [\\fIOPTION\\fR]...\n").arg(roff(command.usage()));
    page += QStringLiteral(
            ".SH DESCRIPTION\n"
            "Without a command, serves one port: the WebSocket \\fB/ws\\fR of live signals, behind access "
            "tokens (JWT), and the HTTP endpoints \\fB/auth/login\\fR, \\fB/auth/refresh\\fR, "
            "\\fB/auth/logout\\fR, \\fB/healthz\\fR, \\fB/readyz\\fR and \\fB/metrics\\fR.\n"
            ".SH COMMANDS\n");
    for (const ServerCommand &command : serverCommands())
        page += QStringLiteral(".TP\n.B %1\n%2\n").arg(roff(command.usage()), roff(command.summary));
    page += QStringLiteral(".SH OPTIONS\n");
    for (const ServerOption &option : serverOptions()) {
        page += QStringLiteral(".TP\n\\fB\\-\\-%1\\fR%2\n%3\n")
                        .arg(roff(option.name),
                             option.isSwitch() ? QString() : QStringLiteral(" \\fI%1\\fR").arg(roff(option.valueName)),
                             roff(option.helpText() + flagOnlyNote(option)));
    }
    page += QStringLiteral(
            ".SH CONFIGURATION FILE\n"
            "\\fB\\-\\-config\\fR \\fIFILE\\fR reads an INI file whose keys are the long option names without "
            "dashes, one \\fIkey\\fR = \\fIvalue\\fR per line; flags win over it. An unknown key, or a bad value, "
            "stops the start with one line naming the key.\n"
            ".SH SIGNALS\n"
            ".TP\n.B SIGTERM, SIGINT\nClose every WebSocket with 1001 and exit 0.\n"
            ".TP\n.B SIGHUP\nLoad the configuration again from the same flags and INI file and take from it what "
            "can change live: \\fBallowed\\-origin\\fR, and \\fBtls\\-cert\\fR with \\fBtls\\-key\\fR for "
            "connections from then on. A configuration or TLS pair that does not load changes nothing; the log "
            "says why.\n"
            ".SH EXIT STATUS\n"
            "0 on success; 1 when \\fBtoken inspect \\-\\-verify\\fR refuses the token; 2 on a bad command line, "
            "configuration or file, with one line on standard error.\n"
            ".SH FILES\n"
            ".TP\n.I /etc/signalgate/signalgate\\-server.ini\nThe configuration the packaged service reads.\n"
            ".TP\n.I /var/lib/signalgate\nThe packaged service's data directory: the database, the generated "
            "HS256 key, the audit log.\n"
            ".SH SEE ALSO\n"
            ".BR signalgate (1),\n.BR signalgate\\-check (1),\n"
            "the configuration reference /usr/share/doc/signalgate\\-server/CONFIG.md\n");
    return page;
}

}   // namespace SignalGate::Server::ConfigReference
