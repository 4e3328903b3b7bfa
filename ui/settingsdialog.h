#pragma once

#include <QDialog>

namespace SignalGate::Client {
class ClientSettings;
}
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QLineEdit;

namespace SignalGate::Ui {

// Server address, CA file for TLS, token transport, language and the
// plain-text opt-in. Checks what it can before saving (the address, that the
// CA file holds certificates) and saves to ClientSettings on OK only.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(Client::ClientSettings *settings, QWidget *parent = nullptr);

    void accept() override;
    // The problem on screen now, empty when there is none.
    QString shownProblem() const;

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QComboBox *transportBox() const { return m_transport; }
    QComboBox *languageBox() const { return m_language; }
    QComboBox *themeBox() const { return m_theme; }
    QCheckBox *plainTextBox() const { return m_allowPlain; }
    QString problem() const;

private:
    void validate();

    Client::ClientSettings *m_settings;
    QLineEdit *m_server;
    QLineEdit *m_caFile;
    QComboBox *m_transport;
    QComboBox *m_language;
    QComboBox *m_theme;
    QCheckBox *m_allowPlain;
    QLabel *m_problem;
    QPushButton *m_ok;
};

}   // namespace SignalGate::Ui
