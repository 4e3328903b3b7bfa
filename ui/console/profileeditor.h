#pragma once

#include "targetprofile.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace SignalGate::Ui {

// Edits a TargetProfile field by field: the WebSocket path, where
// the token goes, the login, what a refusal, an admission and a signal look
// like, the features. OK is refused, with the reason shown, until the fields
// make a valid profile: the checks are TargetProfile::fromJson's, the same a
// profile file gets.
class ProfileEditor : public QDialog
{
    Q_OBJECT
public:
    explicit ProfileEditor(const Scenarios::TargetProfile &profile, QWidget *parent = nullptr);

    // The profile the fields describe; nullopt with *error when they do not make one.
    std::optional<Scenarios::TargetProfile> profile(QString *error) const;
    void setProfile(const Scenarios::TargetProfile &profile);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *wsPathEdit() const { return m_wsPath; }
    QComboBox *tokenInBox() const { return m_tokenIn; }
    QComboBox *loginBox() const { return m_login; }
    QLineEdit *welcomeTypeEdit() const { return m_welcomeType; }
    QLineEdit *signalTypeEdit() const { return m_signalType; }
    QLineEdit *refusalClosesEdit() const { return m_refusalCloses; }
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    QLineEdit *m_name;
    QLineEdit *m_wsPath;
    QComboBox *m_tokenIn;
    QLineEdit *m_tokenName;
    QLineEdit *m_prefix;
    QLineEdit *m_offers;
    QComboBox *m_login;
    QLineEdit *m_loginPath;
    QLineEdit *m_userField;
    QLineEdit *m_passwordField;
    QLineEdit *m_refusalCloses;
    QCheckBox *m_compareReasons;
    QSpinBox *m_originStatus;
    QSpinBox *m_rateStatus;
    QLineEdit *m_welcomeType;
    QSpinBox *m_admitAfter;
    QLineEdit *m_signalType;
    QCheckBox *m_refresh;
    QCheckBox *m_resume;
    QCheckBox *m_messageRate;
    QLabel *m_error;
};

}   // namespace SignalGate::Ui
