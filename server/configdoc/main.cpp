// Writes the configuration reference made from the option table: docs/CONFIG.md
// (target config_docs) and the signalgate-server(1) man page (built with the
// server, installed). A build tool; it is not installed.
#include "configreference.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

using namespace SignalGate::Server;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (arguments.size() != 4 || (arguments[1] != QLatin1String("markdown") && arguments[1] != QLatin1String("man"))) {
        err << "usage: signalgate-configdoc markdown|man VERSION OUTPUT\n";
        return 2;
    }
    const QString text =
            arguments[1] == QLatin1String("man") ? ConfigReference::manPage(arguments[2]) : ConfigReference::markdown();
    QFile output(arguments[3]);
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate) || output.write(text.toUtf8()) < 0
        || !output.flush()) {
        err << "signalgate-configdoc: cannot write " << arguments[3] << ": " << output.errorString() << '\n';
        return 2;
    }
    return 0;
}
