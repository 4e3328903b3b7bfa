// signalgate-screenshots OUTDIR: every tab of the desktop client, signed in to
// a dev-mode server with live signals, in English and German at 1280x800 and
// 900x600, as PNG files. Widgets are rendered offscreen (QWidget::grab), so
// no display is needed; scripts/screenshots.sh runs it.
// signalgate-screenshots --readme OUTDIR: the README's three pictures, the
// signals tab, the connection log after an admin revoked the session, and
// the console after a run of every scenario. scripts/screenshots.sh --readme
// runs it under Xvfb, so they show the desktop platform's own rendering.
#include "testhttp.h"
#include "testserver.h"

#include "clientcore.h"
#include "clientsettings.h"
#include "consolepane.h"
#include "languagesetup.h"
#include "mainwindow.h"
#include "scenarioengine.h"
#include "signalmodel.h"
#include "targetform.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QSignalSpy>
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

bool save(QWidget *window, const QDir &out, const QString &name)
{
    // PNG at its strongest compression: the README's pictures stay small.
    if (!window->grab().save(out.filePath(name), "PNG", 0))
        return false;
    std::printf("%s\n", qPrintable(out.filePath(name)));
    return true;
}

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
        if (!save(&window, out, name))
            return false;
    }
    window.signOut();
    QTest::qWait(200);
    return true;
}

// The README's pictures; each failure names the step.
int shootReadme(const QDir &out)
{
    TestServer server([](ServerConfig &config) {
        config.dev = true;
        config.connRate = {60, 6};   // a console run in seconds, as in tst_consolepane
        config.leewaySeconds = 1;
    });
    if (!server.start()) {
        std::fprintf(stderr, "the dev server did not start: %s\n", qPrintable(server.error()));
        return 1;
    }
    const QString base = server.server()->baseUrl();
    QTemporaryDir dir;
    ClientSettings settings(dir.filePath(QStringLiteral("signalgate.ini")));
    ClientCore core(QStringLiteral("signalgate-screenshots-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow window(&core, &settings);
    window.resize(1100, 700);
    window.show();
    window.signInWith(ServerAddress::parse(base), QStringLiteral("demo"), QStringLiteral("demo"));
    if (!QTest::qWaitFor([&core] { return core.signalModel()->rowCount() >= 40; }, 30000)) {
        std::fprintf(stderr, "no signals arrived\n");
        return 1;
    }
    QTest::qWait(600);   // the charts redraw a few times per second
    window.tabs()->setCurrentIndex(MainWindow::SignalsTab);
    QTest::qWait(100);
    if (!save(&window, out, QStringLiteral("signals.png")))
        return 1;

    const QByteArray admin = TestHttp::login(QUrl(base), QStringLiteral("admin"), QStringLiteral("admin"));
    server.clock().advance(1000);   // a revocation covers tokens issued up to its own second
    const TestHttp::Reply revoked = TestHttp::post(QUrl(base + QStringLiteral("/admin/revoke")),
                                                   {{QStringLiteral("sub"), QStringLiteral("demo")}}, admin);
    if (revoked.status != 204) {
        std::fprintf(stderr, "the admin revoke answered %d\n", revoked.status);
        return 1;
    }
    window.tabs()->setCurrentIndex(MainWindow::LogTab);
    QTest::qWait(1500);   // the close, its meaning and the sign-out reach the log
    if (!save(&window, out, QStringLiteral("connection-log.png")))
        return 1;

    window.tabs()->setCurrentIndex(MainWindow::ConsoleTab);
    ConsolePane *console = window.consolePane();
    console->targetForm()->serverEdit()->setText(base);
    console->targetForm()->userEdit()->setText(QStringLiteral("demo"));
    console->targetForm()->passwordEdit()->setText(QStringLiteral("demo"));
    QSignalSpy finished(console->engine(), &Scenarios::ScenarioEngine::finished);
    console->runAll();
    if (!finished.wait(300000)) {
        std::fprintf(stderr, "the console run did not finish\n");
        return 1;
    }
    QTest::qWait(200);
    return save(&window, out, QStringLiteral("console.png")) ? 0 : 1;
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
    const bool readme = argc == 3 && qstrcmp(argv[1], "--readme") == 0;
    // The README's pictures are taken on a display (Xvfb); the tab set needs none.
    if (!readme || qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral("screenshots"));
    if (argc != 2 && !readme) {
        std::fprintf(stderr, "usage: %s [--readme] OUTDIR\n", argv[0]);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[argc - 1]));
    if (!QDir().mkpath(out.path())) {
        std::fprintf(stderr, "cannot create %s\n", argv[argc - 1]);
        return 1;
    }
    if (readme) {
        LanguageSetup::install(&application, QStringLiteral("en"));
        return shootReadme(out);
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
