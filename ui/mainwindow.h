#pragma once

#include "logindialog.h"
#include "serveraddress.h"
#include "sessioncontroller.h"

#include <QMainWindow>
#include <QPointer>

namespace SignalGate::Client {
class ClientCore;
class ClientSettings;
}   // namespace SignalGate::Client
class QAction;
class QCloseEvent;
class QLabel;
class QPushButton;
class QTabWidget;

namespace SignalGate::Ui {

class ChartPane;
class ConsolePane;
class ConnectionStatus;
class EventLogPane;
class SignalsPane;

// The desktop client's window: tabs for live signals, charts and the
// connection log, a banner for what needs the user's attention (no keychain,
// a TLS problem, a session that ended), a reconnect countdown with
// "Reconnect now", and the status bar. It only shows what ClientCore
// reports and forwards the user's commands; it holds no protocol logic.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Tab { SignalsTab, ChartTab, LogTab, ConsoleTab };

    MainWindow(Client::ClientCore *core, Client::ClientSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Size, position and splitter positions as the user left them
    // (named splitters only; the window saves them when it closes).
    void restoreLayout();
    void saveLayout();

    // Silent sign-in from the keychain when a user is remembered, else the login dialog.
    void start();
    // Sign in without the dialog (--password-stdin).
    void signInWith(const Client::ServerAddress &server, const QString &user, const QString &password);

    QTabWidget *tabs() const { return m_tabs; }
    // The reconnect banner's text, empty while it is hidden.
    QString reconnectText() const;
    SignalsPane *signalsPane() const { return m_signalsPane; }
    ChartPane *chartPane() const { return m_chartPane; }
    EventLogPane *eventLogPane() const { return m_logPane; }
    ConsolePane *consolePane() const { return m_consolePane; }
    ConnectionStatus *connectionStatus() const { return m_status; }
    LoginDialog *loginDialog() const { return m_loginDialog; }
    QString bannerText() const;
    bool isBannerShown() const;
    QAction *signInAction() const { return m_signIn; }
    QAction *signOutAction() const { return m_signOut; }
    QAction *reconnectAction() const { return m_reconnect; }
    QPushButton *bannerSignInButton() const { return m_bannerSignIn; }

public Q_SLOTS:
    void showSignIn(const QString &error = QString());
    void signOut();
    void reconnectNow();
    void showSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    bool prepareSession(const Client::ServerAddress &server);
    void showBanner(const QString &text);
    void hideBanner();
    void updateActions();
    void showSessionState(Client::SessionController::State state);
    void updateReconnectBar();

    Client::ClientCore *m_core;
    Client::ClientSettings *m_settings;
    QTabWidget *m_tabs;
    SignalsPane *m_signalsPane;
    ChartPane *m_chartPane;
    EventLogPane *m_logPane;
    ConsolePane *m_consolePane;
    ConnectionStatus *m_status;
    QWidget *m_bannerBar;
    QLabel *m_banner;
    QPushButton *m_bannerSignIn;
    QWidget *m_reconnectBar;
    QLabel *m_reconnectLabel;
    QPushButton *m_reconnectButton;
    QPointer<LoginDialog> m_loginDialog;
    QString m_keychainWarning;   // stays in the banner for the whole session

    QAction *m_signIn = nullptr;
    QAction *m_signOut = nullptr;
    QAction *m_reconnect = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quit = nullptr;
    QList<QAction *> m_tabActions;
};

}   // namespace SignalGate::Ui
