#pragma once

#include "serveraddress.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace SignalGate::Ui {

// Server address, user name and password. Remembering the address and the
// user is the caller's job (ClientSettings); the password is never stored.
// OK stays disabled until all three are filled in and the address is one the
// client may use (plain text to another host only after the opt-in).
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(const QString &server, const QString &user, bool allowPlainTextRemote, QWidget *parent = nullptr);

    Client::ServerAddress server() const;
    QString user() const;
    QString password() const;
    // A message from the last failed attempt, shown above the fields.
    void setError(const QString &message);

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }

private:
    void validate();

    bool m_allowPlainTextRemote;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_error;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

}   // namespace SignalGate::Ui
