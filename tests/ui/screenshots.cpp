// signalgate-screenshots OUTDIR: every tab of the desktop client, signed in to
// a dev-mode server with live signals, in English and German at 1280x800 and
// 900x600, as PNG files. Widgets are rendered offscreen (QWidget::grab), so
// no display is needed; scripts/screenshots.sh runs it. The README's pictures
// can come from here.
#include "testserver.h"

#include "clientcore.h"
#include "clientsettings.h"
#include "languagesetup.h"
#include "mainwindow.h"
#include "signalmodel.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUuid>

#include <cstdio>

using namespace SignalGate;
using namespace SignalGate::Client;
using SignalGate::Server::ServerConfig;
using namespace SignalGate::Ui;

namespace {

// Grabs every tab of one window; false when the window never got signals.
bool shootWindow(const QString &server, const QString &language, const QSize &size, const QDir &out)
{
    QTemporaryDir dir;
    ClientSettings settings(dir.filePath(QStringLiteral("signalgate.ini")));
    ClientCore core(QStringLiteral("signalgate-screenshots-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow window(&core, &settings);
    window.resize(size);
    window.show();
    window.signInWith(ServerAddress::parse(server), QStringLiteral("demo"), QStringLiteral("demo"));
    if (!QTest::qWaitFor([&core] { return core.signalModel()->rowCount() >= 20; }, 20000))
        return false;
    QTest::qWait(600);   // the charts redraw a few times per second
    for (int tab = 0; tab < window.tabs()->count(); ++tab) {
        window.tabs()->setCurrentIndex(tab);
        QTest::qWait(100);
        const QString name =
                QStringLiteral("%1-%2x%3-tab%4.png").arg(language).arg(size.width()).arg(size.height()).arg(tab);
        if (!window.grab().save(out.filePath(name)))
            return false;
        std::printf("%s\n", qPrintable(out.filePath(name)));
    }
    window.signOut();
    QTest::qWait(200);
    return true;
}

void removeTranslators()
{
    for (QTranslator *translator : qApp->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

}   // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral("screenshots"));
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!QDir().mkpath(out.path())) {
        std::fprintf(stderr, "cannot create %s\n", argv[1]);
        return 1;
    }
    TestServer server([](ServerConfig &config) { config.dev = true; });
    if (!server.start()) {
        std::fprintf(stderr, "the dev server did not start: %s\n", qPrintable(server.error()));
        return 1;
    }
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")}) {
        LanguageSetup::install(&application, language);
        for (const QSize &size : {QSize(1280, 800), QSize(900, 600)}) {
            if (!shootWindow(server.server()->baseUrl(), language, size, out)) {
                std::fprintf(stderr, "no signals arrived for %s at %dx%d\n", qPrintable(language), size.width(),
                             size.height());
                return 1;
            }
        }
        removeTranslators();
    }
    return 0;
}
