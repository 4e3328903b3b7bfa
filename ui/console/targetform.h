#pragma once

#include "scenarioengine.h"

#include <QGroupBox>

namespace SignalGate::Client {
class ClientSettings;
}
class QLineEdit;
class QPushButton;

namespace SignalGate::Ui {

class ProfilePicker;

// The console's "Target" box (issues 6 and 11): the server, the profile that
// describes it, and where the tokens come from: the login's user and
// password, a pasted token (for a profile without a login), the signing key
// and what forged tokens claim. It turns itself into engine settings.
class TargetForm : public QGroupBox
{
    Q_OBJECT
public:
    enum class Purpose {
        Run,              // scenarios, or a manual connection with the current or a forged token
        ConnectionOnly,   // a manual connection with no, an empty or a typed token: no login
    };

    explicit TargetForm(Client::ClientSettings *settings, QWidget *parent = nullptr);

    // False with *error (a sentence) when the form cannot describe a run for purpose.
    bool settings(Scenarios::ScenarioEngine::Settings *settings, QString *error, Purpose purpose = Purpose::Run) const;

    // Fills the User field with the signed-in user unless it holds a name.
    void suggestUser(const QString &user);

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *keyFileEdit() const { return m_keyFile; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *forgeIssuerEdit() const { return m_forgeIssuer; }
    QLineEdit *forgeAudienceEdit() const { return m_forgeAudience; }
    QLineEdit *forgeTypeEdit() const { return m_forgeType; }
    ProfilePicker *profilePicker() const { return m_picker; }
    QPushButton *signInButton() const { return m_signIn; }

Q_SIGNALS:
    void signInRequested();
    void message(const QString &text);

private:
    Client::ClientSettings *m_settings;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_keyFile;
    ProfilePicker *m_picker;
    QLineEdit *m_token;
    QLineEdit *m_forgeIssuer;
    QLineEdit *m_forgeAudience;
    QLineEdit *m_forgeType;
    QPushButton *m_signIn;
};

}   // namespace SignalGate::Ui
