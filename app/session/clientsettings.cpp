#include "clientsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace SignalGate::Client {

namespace {

const QString kServer = QStringLiteral("connection/server");
const QString kUser = QStringLiteral("connection/user");
const QString kCaFile = QStringLiteral("connection/caFile");
const QString kTransport = QStringLiteral("connection/transport");
const QString kAllowPlain = QStringLiteral("connection/allowPlainTextRemote");
const QString kLanguage = QStringLiteral("ui/language");
const QString kTheme = QStringLiteral("ui/theme");
const QString kExportFolder = QStringLiteral("ui/exportFolder");
const QString kLayout = QStringLiteral("layout/");

}   // namespace

ClientSettings::ClientSettings()
    : m_settings(QSettings::UserScope, QStringLiteral("SignalGate"), QStringLiteral("signalgate"))
{}

ClientSettings::ClientSettings(const QString &iniFile) : m_settings(iniFile, QSettings::IniFormat) {}

QString ClientSettings::server() const
{
    return m_settings.value(kServer, QString::fromLatin1(DefaultServer)).toString();
}

void ClientSettings::setServer(const QString &server)
{
    m_settings.setValue(kServer, server);
}

QString ClientSettings::user() const
{
    return m_settings.value(kUser).toString();
}

void ClientSettings::setUser(const QString &user)
{
    m_settings.setValue(kUser, user);
}

QString ClientSettings::caFile() const
{
    return m_settings.value(kCaFile).toString();
}

void ClientSettings::setCaFile(const QString &path)
{
    m_settings.setValue(kCaFile, path);
}

SignalConnection::Transport ClientSettings::transport() const
{
    SignalConnection::Transport transport = SignalConnection::Transport::Header;
    // An unknown stored value (an older or edited file) falls back to the header.
    transportFromName(m_settings.value(kTransport).toString(), &transport);
    return transport;
}

void ClientSettings::setTransport(SignalConnection::Transport transport)
{
    m_settings.setValue(kTransport, transportName(transport));
}

QString ClientSettings::theme() const
{
    const QString theme = m_settings.value(kTheme).toString();
    return theme == QLatin1String("light") || theme == QLatin1String("dark") ? theme : QStringLiteral("system");
}

void ClientSettings::setTheme(const QString &theme)
{
    m_settings.setValue(kTheme, theme);
}

QString ClientSettings::exportFolder() const
{
    QString saved = m_settings.value(kExportFolder).toString();
    if (!saved.isEmpty() && QFileInfo(saved).isDir())
        return saved;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

void ClientSettings::setExportFolder(const QString &folder)
{
    m_settings.setValue(kExportFolder, folder);
}

QByteArray ClientSettings::layoutState(const QString &name) const
{
    return m_settings.value(kLayout + name).toByteArray();
}

void ClientSettings::setLayoutState(const QString &name, const QByteArray &state)
{
    m_settings.setValue(kLayout + name, state);
}

QString ClientSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void ClientSettings::setLanguage(const QString &language)
{
    m_settings.setValue(kLanguage, language);
}

bool ClientSettings::allowPlainTextRemote() const
{
    return m_settings.value(kAllowPlain, false).toBool();
}

void ClientSettings::setAllowPlainTextRemote(bool allow)
{
    m_settings.setValue(kAllowPlain, allow);
}

QString ClientSettings::transportName(SignalConnection::Transport transport)
{
    switch (transport) {
    case SignalConnection::Transport::Header:
        return QStringLiteral("header");
    case SignalConnection::Transport::Subprotocol:
        return QStringLiteral("subprotocol");
    case SignalConnection::Transport::Query:
        return QStringLiteral("query");
    }
    return QStringLiteral("header");
}

bool ClientSettings::transportFromName(const QString &name, SignalConnection::Transport *transport)
{
    for (auto candidate : {SignalConnection::Transport::Header, SignalConnection::Transport::Subprotocol,
                           SignalConnection::Transport::Query}) {
        if (name == transportName(candidate)) {
            *transport = candidate;
            return true;
        }
    }
    return false;
}

}   // namespace SignalGate::Client
