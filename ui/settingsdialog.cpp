#include "settingsdialog.h"

#include "clientsettings.h"
#include "serveraddress.h"
#include "sessioncontroller.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

SettingsDialog::SettingsDialog(ClientSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_server(new QLineEdit(settings->server(), this))
    , m_caFile(new QLineEdit(settings->caFile(), this))
    , m_transport(new QComboBox(this))
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_allowPlain(new QCheckBox(tr("Allow unencrypted ws:// to hosts other than this computer (testing only)"), this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("SignalGate settings"));
    m_server->setAccessibleName(tr("Server address"));
    m_caFile->setAccessibleName(tr("CA certificate file"));
    m_caFile->setPlaceholderText(tr("System certificates"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CA certificate (PEM)"), m_caFile->text(),
                                                          tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!path.isEmpty())
            m_caFile->setText(path);
    });
    m_transport->setAccessibleName(tr("Token transport"));
    m_transport->addItem(tr("Authorization header (recommended)"),
                         ClientSettings::transportName(SignalConnection::Transport::Header));
    m_transport->addItem(tr("Subprotocol bearer.<token> (testing)"),
                         ClientSettings::transportName(SignalConnection::Transport::Subprotocol));
    m_transport->addItem(tr("Query ?token= (testing; the token appears in URLs)"),
                         ClientSettings::transportName(SignalConnection::Transport::Query));
    m_transport->setCurrentIndex(m_transport->findData(ClientSettings::transportName(settings->transport())));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings->language())));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("System"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(settings->theme())));
    m_allowPlain->setChecked(settings->allowPlainTextRemote());
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_problem->hide();

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Se&rver:"), m_server);
    auto *caLabel = new QLabel(tr("&CA file (TLS):"), this);
    caLabel->setBuddy(m_caFile);   // a row with a layout gets no buddy by itself
    form->addRow(caLabel, caRow);
    form->addRow(tr("&Token transport:"), m_transport);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("T&heme:"), m_theme);
    form->addRow(QString(), m_allowPlain);
    auto *note = new QLabel(tr("A new server, CA file or transport applies from the next sign-in; "
                               "a new language from the next start."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    // Checked as the user types: a problem shows at once and goes as soon as
    // it is mended, never lingering from an earlier try.
    connect(m_server, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_caFile, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_allowPlain, &QCheckBox::toggled, this, &SettingsDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    validate();
}

QString SettingsDialog::problem() const
{
    const ServerAddress address = ServerAddress::parse(m_server->text());
    if (!address.isValid())
        return address.error();
    if (address.needsPlainTextOptIn() && !m_allowPlain->isChecked())
        return tr("%1 is not encrypted and not on this computer. Use https://, or tick the box that allows "
                  "unencrypted connections.")
                .arg(address.text());
    const QString caFile = m_caFile->text().trimmed();
    if (!caFile.isEmpty()) {
        QList<QSslCertificate> certificates;
        QString error;
        if (!SessionController::loadCaFile(caFile, &certificates, &error))
            return error;
    }
    return QString();
}

QString SettingsDialog::shownProblem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void SettingsDialog::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_ok->setEnabled(why.isEmpty());
}

void SettingsDialog::accept()
{
    validate();
    if (!m_problem->text().isEmpty())
        return;
    m_settings->setServer(ServerAddress::parse(m_server->text()).text());
    m_settings->setCaFile(m_caFile->text().trimmed());
    SignalConnection::Transport transport = SignalConnection::Transport::Header;
    ClientSettings::transportFromName(m_transport->currentData().toString(), &transport);
    m_settings->setTransport(transport);
    m_settings->setLanguage(m_language->currentData().toString());
    const QString theme = m_theme->currentData().toString();
    if (theme != m_settings->theme())
        Theme::apply(qApp, theme);   // at once: no restart needed for colours
    m_settings->setTheme(theme);
    m_settings->setAllowPlainTextRemote(m_allowPlain->isChecked());
    m_settings->sync();
    QDialog::accept();
}

}   // namespace SignalGate::Ui
