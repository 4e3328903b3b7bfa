#include "logindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

LoginDialog::LoginDialog(const QString &server, const QString &user, bool allowPlainTextRemote, QWidget *parent)
    : QDialog(parent)
    , m_allowPlainTextRemote(allowPlainTextRemote)
    , m_server(new QLineEdit(server, this))
    , m_user(new QLineEdit(user, this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in to SignalGate"));
    m_server->setAccessibleName(tr("Server address"));
    m_server->setPlaceholderText(QStringLiteral("http://127.0.0.1:8765"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    for (QLabel *label : {m_error, m_problem}) {
        label->setWordWrap(true);
        label->hide();
    }
    m_error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_error->setAccessibleName(tr("Sign-in error"));

    auto *form = new QFormLayout;
    form->addRow(tr("Se&rver:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto *hint = new QLabel(tr("The password is sent to the server once and never stored. The tokens the server "
                               "returns are kept in your system keychain."),
                            this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(hint);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_server, m_user, m_password})
        connect(edit, &QLineEdit::textChanged, this, &LoginDialog::validate);
    validate();
    (user.isEmpty() ? m_user : m_password)->setFocus();
}

ServerAddress LoginDialog::server() const
{
    return ServerAddress::parse(m_server->text());
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_password->text();
}

void LoginDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty() && !m_password->text().isEmpty()) {
        // Kept for a retry, and selected: typing replaces a wrong one.
        m_password->selectAll();
        m_password->setFocus();
    }
}

void LoginDialog::validate()
{
    const ServerAddress address = server();
    QString problem;
    if (!address.isValid())
        problem = address.error();
    else if (address.needsPlainTextOptIn() && !m_allowPlainTextRemote)
        problem = tr("%1 is another machine and the address is not encrypted: your password and tokens would cross "
                     "the network readable by anyone on the way. Use https://, or allow unencrypted connections "
                     "in Settings for testing.")
                          .arg(address.httpUrl().host());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty() && !m_server->text().trimmed().isEmpty());
    const bool complete = problem.isEmpty() && !user().isEmpty() && !m_password->text().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
}

}   // namespace SignalGate::Ui
