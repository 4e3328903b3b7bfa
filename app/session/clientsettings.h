#pragma once

#include "signalconnection.h"

#include <QSettings>
#include <QString>

namespace SignalGate::Client {

// What the client remembers between runs (QSettings, organisation
// "SignalGate", application "signalgate"): the server, the user name, the CA
// file, the token transport, the language, the plain-text opt-in, the export
// folder and the window layout. Never a
// password and never a token: those live only in the keychain (TokenStore).
class ClientSettings
{
public:
    static constexpr const char *DefaultServer = "http://127.0.0.1:8765";

    // The default QSettings location, or a given INI file (tests, --settings).
    ClientSettings();
    explicit ClientSettings(const QString &iniFile);

    QString server() const;
    void setServer(const QString &server);
    QString user() const;
    void setUser(const QString &user);
    QString caFile() const;
    void setCaFile(const QString &path);
    SignalConnection::Transport transport() const;
    void setTransport(SignalConnection::Transport transport);
    // "" follows the system; otherwise a language code ("en", "de").
    QString language() const;
    void setLanguage(const QString &language);
    // "system", "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);
    bool allowPlainTextRemote() const;
    void setAllowPlainTextRemote(bool allow);
    // Where exports go: the last folder used, at first the Documents folder.
    QString exportFolder() const;
    void setExportFolder(const QString &folder);
    // Window geometry and splitter positions, by name (QWidget::saveGeometry,
    // QSplitter::saveState); empty when never saved.
    QByteArray layoutState(const QString &name) const;
    void setLayoutState(const QString &name, const QByteArray &state);

    static QString transportName(SignalConnection::Transport transport);
    static bool transportFromName(const QString &name, SignalConnection::Transport *transport);

    void sync() { m_settings.sync(); }
    QSettings::Status status() const { return m_settings.status(); }
    QString fileName() const { return m_settings.fileName(); }

private:
    QSettings m_settings;
};

}   // namespace SignalGate::Client
