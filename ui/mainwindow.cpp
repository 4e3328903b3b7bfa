#include "mainwindow.h"

#include "aboutdialog.h"
#include "chartpane.h"
#include "connectionstatus.h"
#include "consolepane.h"
#include "eventlogpane.h"
#include "logindialog.h"
#include "placeholdertips.h"
#include "settingsdialog.h"
#include "signalspane.h"

#include "clientcore.h"
#include "clientsettings.h"
#include "eventlog.h"
#include "sessioncontroller.h"
#include "signalconnection.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

MainWindow::MainWindow(ClientCore *core, ClientSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_core(core)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_signalsPane(new SignalsPane(core->signalModel(), this))
    , m_chartPane(new ChartPane(this))
    , m_logPane(new EventLogPane(core->eventLog(), this))
    , m_consolePane(new ConsolePane(
              settings, [core] { return core->session()->accessToken(); }, this))
    , m_status(new ConnectionStatus(core->session(), this))
    , m_bannerBar(new QWidget(this))
    , m_banner(new QLabel(m_bannerBar))
    , m_bannerSignIn(new QPushButton(QIcon(QStringLiteral(":/icons/signin.svg")), tr("Sign &in…"), m_bannerBar))
    , m_reconnectBar(new QWidget(this))
    , m_reconnectLabel(new QLabel(m_reconnectBar))
    , m_reconnectButton(
              new QPushButton(QIcon(QStringLiteral(":/icons/reconnect.svg")), tr("Reconnect &now"), m_reconnectBar))
{
    setWindowTitle(tr("SignalGate"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/signalgate.svg")));
    resize(1100, 720);

    m_tabs->addTab(m_signalsPane, tr("&Signals"));
    m_tabs->addTab(m_chartPane, tr("C&harts"));
    m_tabs->addTab(m_logPane, tr("Connection &log"));
    m_tabs->addTab(m_consolePane, tr("Test c&onsole"));
    m_tabs->setAccessibleName(tr("Views"));

    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(
            QStringLiteral("background: #fff3cd; color: #5d4300; border: 1px solid #e0c36c; padding: 6px;"));
    m_banner->setAccessibleName(tr("Attention"));
    m_bannerSignIn->setAccessibleName(tr("Sign in again"));
    connect(m_bannerSignIn, &QPushButton::clicked, this, [this] { showSignIn(); });
    auto *bannerLayout = new QHBoxLayout(m_bannerBar);
    bannerLayout->setContentsMargins(0, 0, 0, 0);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_bannerSignIn, 0, Qt::AlignTop);
    m_bannerBar->hide();

    m_reconnectButton->setAccessibleName(tr("Reconnect now"));
    auto *barLayout = new QHBoxLayout(m_reconnectBar);
    barLayout->setContentsMargins(6, 2, 6, 2);
    barLayout->addWidget(m_reconnectLabel, 1);
    barLayout->addWidget(m_reconnectButton);
    m_reconnectBar->hide();
    connect(m_reconnectButton, &QPushButton::clicked, this, &MainWindow::reconnectNow);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_bannerBar);
    layout->addWidget(m_reconnectBar);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);

    createActions();
    createMenus();

    SessionController *session = core->session();
    SignalConnection *connection = core->connection();
    connect(connection, &SignalConnection::signalBatchReceived, m_chartPane, &ChartPane::addSignals);
    connect(session, &SessionController::stateChanged, this, &MainWindow::updateActions);
    connect(session, &SessionController::stateChanged, this, &MainWindow::showSessionState);
    connect(connection, &SignalConnection::stateChanged, this, &MainWindow::updateActions);
    // One countdown: the status bar's, read as it is drawn. The timer starts
    // after the state says Reconnecting.
    connect(m_status, &ConnectionStatus::refreshed, this, &MainWindow::updateReconnectBar);
    connect(connection, &SignalConnection::reconnectScheduled, m_status, &ConnectionStatus::refresh);
    connect(session, &SessionController::signedIn, m_consolePane, &ConsolePane::suggestUser);
    connect(session, &SessionController::signedIn, this, [this](const QString &user) {
        // The dialog held the password for a retry; it is not needed any more.
        if (m_loginDialog)
            m_loginDialog->deleteLater();
        hideBanner();
        setWindowTitle(tr("SignalGate — %1 at %2").arg(user, m_core->session()->server().text()));
    });
    connect(session, &SessionController::signInFailed, this, &MainWindow::showSignIn);
    connect(session, &SessionController::noStoredSession, this, [this] { showSignIn(); });
    connect(session, &SessionController::signedOut, this, [this](const QString &why) {
        setWindowTitle(tr("SignalGate"));
        if (!why.isEmpty())
            showBanner(tr("You are signed out: %1").arg(why));
    });
    // The sentence only; the keychain's own error text is in the connection log.
    connect(session, &SessionController::keychainUnavailable, this, [this](const QString &why) {
        m_keychainWarning = why;
        showBanner(QString());
    });
    connect(connection, &SignalConnection::welcomed, this, [this] { hideBanner(); });
    connect(connection, &SignalConnection::closed, this,
            [this](quint16 code, const QString &reason, const CloseCodeInfo &info,
                   const ReconnectPolicy::Decision &decision) {
                if (decision.kind == ReconnectPolicy::Kind::Stop || decision.kind == ReconnectPolicy::Kind::SignIn)
                    showBanner(tr("The server closed the connection: %1 %2. %3 %4")
                                       .arg(code)
                                       .arg(reason, info.meaning, decision.why));
            });
    connect(connection, &SignalConnection::handshakeRefused, this,
            [this](int status, const ReconnectPolicy::Decision &decision) {
                if (decision.kind == ReconnectPolicy::Kind::Stop)
                    showBanner(tr("The server refused the connection with HTTP %1. %2").arg(status).arg(decision.why));
            });
    connect(connection, &SignalConnection::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        showBanner(tr("The server's TLS certificate was not accepted: %1. The connection log has the certificate's "
                      "details; set the right CA file in Settings.")
                           .arg(texts.join(QLatin1String("; "))));
    });
    showSessionState(session->state());
    updateActions();
    restoreLayout();
    showPlaceholdersAsToolTips(this);
}

MainWindow::~MainWindow() = default;

void MainWindow::restoreLayout()
{
    restoreGeometry(m_settings->layoutState(QStringLiteral("window")));
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(m_settings->layoutState(splitter->objectName()));
    }
}

void MainWindow::saveLayout()
{
    m_settings->setLayoutState(QStringLiteral("window"), saveGeometry());
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            m_settings->setLayoutState(splitter->objectName(), splitter->saveState());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::createActions()
{
    m_signIn = new QAction(QIcon(QStringLiteral(":/icons/signin.svg")), tr("Sign &in…"), this);
    m_signIn->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_signIn, &QAction::triggered, this, [this] { showSignIn(); });
    m_signOut = new QAction(QIcon(QStringLiteral(":/icons/signout.svg")), tr("Sign &out"), this);
    m_signOut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_signOut, &QAction::triggered, this, &MainWindow::signOut);
    m_reconnect = new QAction(QIcon(QStringLiteral(":/icons/reconnect.svg")), tr("&Reconnect now"), this);
    m_reconnect->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_reconnect, &QAction::triggered, this, &MainWindow::reconnectNow);
    m_settingsAction = new QAction(QIcon(QStringLiteral(":/icons/settings.svg")), tr("S&ettings…"), this);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    // Toolbar tooltips name the key too, in the user's language (Strg in German).
    for (QAction *action : {m_signIn, m_signOut, m_reconnect, m_settingsAction}) {
        action->setToolTip(tr("%1 (%2)").arg(action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                                             action->shortcut().toString(QKeySequence::NativeText)));
    }
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        auto *action = new QAction(m_tabs->tabText(tab), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + tab)));
        connect(action, &QAction::triggered, this, [this, tab] { m_tabs->setCurrentIndex(tab); });
        m_tabActions.append(action);
    }
}

void MainWindow::createMenus()
{
    QMenu *sessionMenu = menuBar()->addMenu(tr("&Session"));
    sessionMenu->addActions({m_signIn, m_signOut, m_reconnect});
    sessionMenu->addSeparator();
    sessionMenu->addAction(m_settingsAction);
    sessionMenu->addSeparator();
    sessionMenu->addAction(m_quit);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addActions(m_tabActions);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About SignalGate"), this, [this] {
        auto *about = new AboutDialog(m_core->connection(), this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });

    QToolBar *toolbar = addToolBar(tr("Session"));
    toolbar->setObjectName(QStringLiteral("sessionToolbar"));
    toolbar->addActions({m_signIn, m_signOut, m_reconnect, m_settingsAction});
}

bool MainWindow::prepareSession(const ServerAddress &server)
{
    SessionController *session = m_core->session();
    QList<QSslCertificate> certificates;
    const QString caFile = m_settings->caFile();
    if (!caFile.isEmpty()) {
        QString error;
        if (!SessionController::loadCaFile(caFile, &certificates, &error)) {
            error += QLatin1Char(' ') + tr("Choose a readable PEM file in Settings.");
            showBanner(error);
            m_core->eventLog()->addEvent(CloseCodeInfo::Severity::Error, error);
            return false;
        }
    }
    session->setServer(server);
    session->setCaCertificates(certificates);
    m_core->connection()->setTransport(m_settings->transport());
    return true;
}

void MainWindow::start()
{
    const QString user = m_settings->user();
    const ServerAddress server = ServerAddress::parse(m_settings->server());
    if (user.isEmpty() || !server.isValid() || !prepareSession(server)) {
        showSignIn();
        return;
    }
    m_core->session()->resumeStoredSession(user);
}

void MainWindow::signInWith(const ServerAddress &server, const QString &user, const QString &password)
{
    if (!prepareSession(server))
        return;
    m_settings->setServer(server.text());
    m_settings->setUser(user);
    m_core->session()->signIn(user, password);
}

void MainWindow::showSignIn(const QString &error)
{
    if (m_core->session()->state() != SessionController::State::SignedOut)
        return;
    if (!m_loginDialog) {
        // Kept while the sign-in runs, so a failure (a network error, a
        // mistyped password) comes back with everything still typed in.
        m_loginDialog =
                new LoginDialog(m_settings->server(), m_settings->user(), m_settings->allowPlainTextRemote(), this);
        connect(m_loginDialog, &QDialog::rejected, m_loginDialog, &QObject::deleteLater);
        connect(m_loginDialog, &QDialog::accepted, this, [this] {
            const ServerAddress server = m_loginDialog->server();
            const QString user = m_loginDialog->user();
            const QString password = m_loginDialog->password();
            signInWith(server, user, password);
        });
    }
    m_loginDialog->setError(error);
    m_loginDialog->open();
}

void MainWindow::signOut()
{
    m_core->session()->signOut();
}

void MainWindow::reconnectNow()
{
    if (m_core->session()->state() == SessionController::State::SignedIn)
        m_core->connection()->reconnectNow();
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString MainWindow::bannerText() const
{
    return m_banner->text();
}

bool MainWindow::isBannerShown() const
{
    return !m_bannerBar->isHidden();
}

void MainWindow::showBanner(const QString &text)
{
    QStringList parts;
    if (!m_keychainWarning.isEmpty())
        parts.append(m_keychainWarning);
    if (!text.isEmpty())
        parts.append(text);
    m_banner->setText(parts.join(QLatin1String("\n")));
    m_bannerBar->setVisible(!parts.isEmpty());
}

void MainWindow::hideBanner()
{
    showBanner(QString());   // the keychain warning stays for the session
}

void MainWindow::showSessionState(SessionController::State state)
{
    // Signed out (revoked, refused, or by hand), the way back is one click,
    // and an empty Signals tab says why it is empty.
    const bool signedOut = state == SessionController::State::SignedOut;
    m_bannerSignIn->setVisible(signedOut);
    m_signalsPane->setEmptyHint(signedOut ? tr("Signed out. Sign in (%1) to see the live signals.")
                                                    .arg(m_signIn->shortcut().toString(QKeySequence::NativeText))
                                          : tr("No signals yet: they appear here as the server sends them."));
}

void MainWindow::updateActions()
{
    const SessionController::State state = m_core->session()->state();
    m_signIn->setEnabled(state == SessionController::State::SignedOut);
    m_signOut->setEnabled(state != SessionController::State::SignedOut);
    const SignalConnection::State connectionState = m_core->connection()->state();
    m_reconnect->setEnabled(state == SessionController::State::SignedIn
                            && (connectionState == SignalConnection::State::Reconnecting
                                || connectionState == SignalConnection::State::Stopped));
}

void MainWindow::updateReconnectBar()
{
    const qint64 seconds = m_status->reconnectSeconds();
    m_reconnectBar->setVisible(seconds >= 0);
    if (seconds >= 0)
        m_reconnectLabel->setText(tr("Connection lost. Reconnecting in %1 s…").arg(seconds));
}

QString MainWindow::reconnectText() const
{
    return m_reconnectBar->isVisible() ? m_reconnectLabel->text() : QString();
}

}   // namespace SignalGate::Ui
