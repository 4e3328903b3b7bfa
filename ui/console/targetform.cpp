#include "targetform.h"

#include "profilepicker.h"

#include "clientsettings.h"
#include "serveraddress.h"
#include "sessioncontroller.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace SignalGate::Client;
using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

TargetForm::TargetForm(ClientSettings *settings, QWidget *parent)
    : QGroupBox(tr("Target"), parent)
    , m_settings(settings)
    , m_server(new QLineEdit(settings->server(), this))
    , m_user(new QLineEdit(settings->user(), this))
    , m_password(new QLineEdit(this))
    , m_keyFile(new QLineEdit(this))
    , m_picker(new ProfilePicker(this))
    , m_token(new QLineEdit(this))
    , m_forgeIssuer(new QLineEdit(this))
    , m_forgeAudience(new QLineEdit(this))
    , m_forgeType(new QLineEdit(this))
    , m_signIn(new QPushButton(tr("Si&gn in for tests"), this))
{
    m_server->setAccessibleName(tr("Server to test"));
    m_user->setAccessibleName(tr("Test user"));
    m_password->setAccessibleName(tr("Test user's password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Used for this run only, never stored"));
    m_keyFile->setAccessibleName(tr("Signing key file"));
    m_keyFile->setPlaceholderText(tr("Optional: HS256 secret or RSA/EC/Ed25519 private key PEM, for minted tokens"));
    m_token->setAccessibleName(tr("Valid token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("For a profile without a login: a token used as it is, never stored"));
    m_forgeIssuer->setAccessibleName(tr("Issuer of forged tokens"));
    m_forgeIssuer->setPlaceholderText(tr("iss: the valid token's"));
    m_forgeAudience->setAccessibleName(tr("Audience of forged tokens"));
    m_forgeAudience->setPlaceholderText(tr("aud: the valid token's"));
    m_forgeType->setAccessibleName(tr("typ of forged tokens"));
    m_forgeType->setPlaceholderText(tr("typ: at+jwt"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Signing key"), m_keyFile->text());
        if (!path.isEmpty())
            m_keyFile->setText(path);
    });

    // Two field columns, so the form fits a 900 px window in German too.
    auto *grid = new QGridLayout(this);
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *result = new QLabel(text, this);
        result->setBuddy(buddy);
        return result;
    };
    grid->addWidget(label(tr("Se&rver:"), m_server), 0, 0);
    grid->addWidget(m_server, 0, 1);
    grid->addWidget(label(tr("&User:"), m_user), 0, 2);
    grid->addWidget(m_user, 0, 3);
    grid->addWidget(label(tr("Pro&file:"), m_picker->box()), 1, 0);
    grid->addWidget(m_picker, 1, 1);
    grid->addWidget(label(tr("&Password:"), m_password), 1, 2);
    grid->addWidget(m_password, 1, 3);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyFile, 1);
    keyRow->addWidget(browse);
    grid->addWidget(label(tr("&Key file:"), m_keyFile), 2, 0);
    grid->addLayout(keyRow, 2, 1);
    grid->addWidget(label(tr("&Token:"), m_token), 2, 2);
    grid->addWidget(m_token, 2, 3);
    auto *forge = new QHBoxLayout;
    for (QLineEdit *edit : {m_forgeIssuer, m_forgeAudience, m_forgeType})
        forge->addWidget(edit);
    grid->addWidget(label(tr("Forge &claims:"), m_forgeIssuer), 3, 0);
    grid->addLayout(forge, 3, 1);
    grid->addWidget(m_signIn, 3, 2, 1, 2, Qt::AlignRight);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(3, 2);

    connect(m_signIn, &QPushButton::clicked, this, &TargetForm::signInRequested);
    connect(m_picker, &ProfilePicker::message, this, &TargetForm::message);
}

void TargetForm::suggestUser(const QString &user)
{
    if (m_user->text().trimmed().isEmpty())
        m_user->setText(user);
}

bool TargetForm::settings(ScenarioEngine::Settings *settings, QString *error, Purpose purpose) const
{
    const ServerAddress address = ServerAddress::parse(m_server->text());
    if (!address.isValid()) {
        *error = address.error();
        return false;
    }
    if (address.needsPlainTextOptIn() && !m_settings->allowPlainTextRemote()) {
        *error = tr("%1 is not encrypted and not on this computer; allow that in Settings first.").arg(address.text());
        return false;
    }
    settings->server = address.httpUrl();
    settings->profile = m_picker->profile();
    settings->user = m_user->text().trimmed();
    if (purpose == Purpose::ConnectionOnly) {
        // No token is asked for: nothing to sign in with.
        settings->profile.login = TargetProfile::Login::None;
    } else if (settings->profile.login != TargetProfile::Login::None) {
        if (settings->user.isEmpty() || m_password->text().isEmpty()) {
            *error = tr("Enter the test user's name and password (the profile's login is %1).")
                             .arg(TargetProfile::loginName(settings->profile.login));
            return false;
        }
        settings->password = m_password->text();
    } else {
        settings->token = m_token->text().trimmed().toLatin1();
    }
    settings->keyFile = m_keyFile->text().trimmed();
    settings->forgeClaims.issuer = m_forgeIssuer->text().trimmed();
    settings->forgeClaims.audience = m_forgeAudience->text().trimmed();
    settings->forgeClaims.type = m_forgeType->text().trimmed();
    if (!m_settings->caFile().isEmpty()) {
        QList<QSslCertificate> certificates;
        if (!SessionController::loadCaFile(m_settings->caFile(), &certificates, error)) {
            *error += QLatin1Char(' ') + tr("Choose a readable PEM file in Settings.");
            return false;
        }
        settings->sslConfiguration.setCaCertificates(certificates);
    }
    return true;
}

}   // namespace SignalGate::Ui
