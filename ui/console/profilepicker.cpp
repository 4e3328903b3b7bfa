#include "profilepicker.h"

#include "profileeditor.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QPushButton>

using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

namespace {
constexpr int SourceRole = Qt::UserRole + 1;   // "built-in", "edited" or the file
}

ProfilePicker::ProfilePicker(QWidget *parent)
    : QWidget(parent)
    , m_box(new QComboBox(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_save(new QPushButton(tr("Save &as…"), this))
    , m_load(new QPushButton(tr("L&oad…"), this))
{
    m_box->setAccessibleName(tr("Target profile"));
    // The long built-in names must not widen the whole window; the list
    // opens as wide as they need.
    m_box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_box->setMinimumContentsLength(18);
    connect(m_box, &QComboBox::currentTextChanged, m_box, &QComboBox::setToolTip);
    m_box->addItem(tr("SignalGate (this contract)"), TargetProfile::signalGate().toJson());
    m_box->addItem(tr("Seed (token in the query, codes only, no in-band refresh)"), TargetProfile::seed().toJson());
    for (int i = 0; i < m_box->count(); ++i)
        m_box->setItemData(i, QStringLiteral("built-in"), SourceRole);
    for (QPushButton *button : {m_edit, m_save, m_load})
        button->setAccessibleName(button->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")) + tr(" profile"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_box, 1);
    layout->addWidget(m_edit);
    layout->addWidget(m_save);
    layout->addWidget(m_load);
    connect(m_edit, &QPushButton::clicked, this, &ProfilePicker::edit);
    connect(m_save, &QPushButton::clicked, this, &ProfilePicker::saveWithDialog);
    connect(m_load, &QPushButton::clicked, this, &ProfilePicker::loadWithDialog);
}

TargetProfile ProfilePicker::profile() const
{
    // Every item holds a profile that fromJson accepted (or wrote itself).
    QString ignored;
    return TargetProfile::fromJson(m_box->currentData().toJsonObject(), &ignored).value_or(TargetProfile::signalGate());
}

void ProfilePicker::addProfile(const TargetProfile &profile, const QString &source)
{
    const QString label = tr("%1 (%2)").arg(profile.name, source);
    int index = -1;
    for (int i = 0; i < m_box->count(); ++i) {
        if (m_box->itemData(i, SourceRole).toString() != QLatin1String("built-in")
            && m_box->itemData(i).toJsonObject().value(QLatin1String("name")).toString() == profile.name)
            index = i;
    }
    if (index < 0) {
        m_box->addItem(label, profile.toJson());
        index = m_box->count() - 1;
    } else {
        m_box->setItemText(index, label);
        m_box->setItemData(index, profile.toJson());
    }
    m_box->setItemData(index, source, SourceRole);
    m_box->setCurrentIndex(index);
}

bool ProfilePicker::loadFile(const QString &path, QString *error)
{
    const std::optional<TargetProfile> loaded = TargetProfile::load(path, error);
    if (!loaded)
        return false;
    addProfile(*loaded, path);
    return true;
}

bool ProfilePicker::saveFile(const QString &path, QString *error) const
{
    return profile().save(path, error);
}

void ProfilePicker::edit()
{
    ProfileEditor editor(profile(), this);
    if (editor.exec() != QDialog::Accepted)
        return;
    QString error;
    if (const std::optional<TargetProfile> edited = editor.profile(&error))
        addProfile(*edited, tr("edited"));
}

void ProfilePicker::saveWithDialog()
{
    const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the target profile"), profile().name + QStringLiteral(".json"),
                                         tr("Target profile (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    Q_EMIT message(saveFile(path, &error)
                           ? tr("Saved the profile to %1; signalgate-check --profile %1 reads it.").arg(path)
                           : error);
}

void ProfilePicker::loadWithDialog()
{
    const QString path =
            QFileDialog::getOpenFileName(this, tr("Load a target profile"), QString(), tr("Target profile (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    Q_EMIT message(loadFile(path, &error) ? tr("Loaded the profile %1.").arg(profile().name) : error);
}

}   // namespace SignalGate::Ui
