#pragma once

#include "targetprofile.h"

#include <QWidget>

class QComboBox;
class QPushButton;

namespace SignalGate::Ui {

// Chooses the target the console tests: the built-in profiles and
// every profile loaded or edited in this window. Edit… opens a ProfileEditor
// on the current one and adds the result; Save as… writes it as JSON (the
// file signalgate-check --profile reads); Load… reads one.
class ProfilePicker : public QWidget
{
    Q_OBJECT
public:
    explicit ProfilePicker(QWidget *parent = nullptr);

    Scenarios::TargetProfile profile() const;
    QComboBox *box() const { return m_box; }
    // Adds it (an edited or loaded profile replaces the one of the same name) and selects it.
    void addProfile(const Scenarios::TargetProfile &profile, const QString &source);
    bool loadFile(const QString &path, QString *error);
    bool saveFile(const QString &path, QString *error) const;

public Q_SLOTS:
    void edit();
    void saveWithDialog();
    void loadWithDialog();

Q_SIGNALS:
    // A sentence for the status line: what was saved or loaded, or why not.
    void message(const QString &text);

private:
    QComboBox *m_box;
    QPushButton *m_edit;
    QPushButton *m_save;
    QPushButton *m_load;
};

}   // namespace SignalGate::Ui
