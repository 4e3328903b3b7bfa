#pragma once

#include "targetprofile.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

class QCommandLineParser;

namespace SignalGate::Scenarios {

// The flags that describe a target on one line: --profile takes a
// built-in name or a profile file, and every profile field has a flag that
// overrides it, so a CI job needs no file. Flag values use the names
// TargetProfile's JSON uses.
class ProfileOptions
{
public:
    ProfileOptions();

    void addTo(QCommandLineParser &parser) const;
    // The chosen profile with every given flag applied; nullopt with *error
    // naming the flag and what it takes.
    std::optional<TargetProfile> apply(const QCommandLineParser &parser, QString *error) const;
    // ws(s)://host:port of --ws-url, when it gave a host; empty otherwise.
    QUrl webSocketServer(const QCommandLineParser &parser) const;

private:
    QCommandLineOption m_profile;
    QCommandLineOption m_profileName;
    QCommandLineOption m_wsUrl;
    QCommandLineOption m_tokenIn;
    QCommandLineOption m_offer;
    QCommandLineOption m_login;
    QCommandLineOption m_loginFields;
    QCommandLineOption m_welcomeType;
    QCommandLineOption m_admitAfter;
    QCommandLineOption m_signalType;
    QCommandLineOption m_refusalClose;
    QCommandLineOption m_compareReasons;
    QCommandLineOption m_originStatus;
    QCommandLineOption m_rateStatus;
    QCommandLineOption m_features;
};

}   // namespace SignalGate::Scenarios
