#include "profileeditor.h"

#include "placeholdertips.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

namespace {
QJsonArray listOf(const QString &text)
{
    QJsonArray items;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items.append(item.trimmed());
    return items;
}

QString textOf(const QStringList &items)
{
    return items.join(QLatin1String(", "));
}
}   // namespace

ProfileEditor::ProfileEditor(const TargetProfile &profile, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_wsPath(new QLineEdit(this))
    , m_tokenIn(new QComboBox(this))
    , m_tokenName(new QLineEdit(this))
    , m_prefix(new QLineEdit(this))
    , m_offers(new QLineEdit(this))
    , m_login(new QComboBox(this))
    , m_loginPath(new QLineEdit(this))
    , m_userField(new QLineEdit(this))
    , m_passwordField(new QLineEdit(this))
    , m_refusalCloses(new QLineEdit(this))
    , m_compareReasons(new QCheckBox(tr("Compare close reasons with PROTOCOL.md's"), this))
    , m_originStatus(new QSpinBox(this))
    , m_rateStatus(new QSpinBox(this))
    , m_welcomeType(new QLineEdit(this))
    , m_admitAfter(new QSpinBox(this))
    , m_signalType(new QLineEdit(this))
    , m_refresh(new QCheckBox(tr("In-band refresh"), this))
    , m_resume(new QCheckBox(tr("Resume"), this))
    , m_messageRate(new QCheckBox(tr("Message rate limit"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Target profile"));
    m_tokenIn->addItem(tr("Authorization header"), QStringLiteral("header"));
    m_tokenIn->addItem(tr("Query parameter"), QStringLiteral("query"));
    m_tokenIn->addItem(tr("Subprotocol with a prefix"), QStringLiteral("subprotocol"));
    m_tokenIn->addItem(tr("Subprotocol: the token itself"), QStringLiteral("subprotocol-bare"));
    m_login->addItem(tr("None (a pasted token or the signing key)"), QStringLiteral("none"));
    m_login->addItem(tr("SignalGate login (token pair)"), QStringLiteral("signalgate"));
    m_login->addItem(tr("JSON login (access token)"), QStringLiteral("json"));
    m_login->addItem(tr("OAuth2 password grant (form)"), QStringLiteral("oauth2"));
    for (QSpinBox *status : {m_originStatus, m_rateStatus})
        status->setRange(100, 599);
    m_admitAfter->setRange(1, 60000);
    m_admitAfter->setSuffix(tr(" ms"));
    m_wsPath->setPlaceholderText(tr("/ws, or /ws/agent/{session} ({session}: a fresh id per connection)"));
    m_offers->setPlaceholderText(tr("comma separated; empty offers none"));
    m_refusalCloses->setPlaceholderText(tr("comma separated, e.g. 1008, 4001"));
    m_welcomeType->setPlaceholderText(tr("empty: no welcome; admitted means still open after the time below"));
    m_signalType->setPlaceholderText(tr("empty: any message is a signal"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Profile problem"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&WebSocket path:"), m_wsPath);
    form->addRow(tr("&Token goes in:"), m_tokenIn);
    form->addRow(tr("Query &parameter:"), m_tokenName);
    form->addRow(tr("Subprotocol p&refix:"), m_prefix);
    form->addRow(tr("&Offer subprotocols:"), m_offers);
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("Login pat&h:"), m_loginPath);
    auto *fields = new QHBoxLayout;
    fields->addWidget(m_userField);
    fields->addWidget(m_passwordField);
    auto *fieldsLabel = new QLabel(tr("Login &fields (user, password):"), this);
    fieldsLabel->setBuddy(m_userField);   // a row holding a layout gets no buddy of its own
    form->addRow(fieldsLabel, fields);
    form->addRow(tr("Refusal &close codes:"), m_refusalCloses);
    form->addRow(QString(), m_compareReasons);
    form->addRow(tr("Forei&gn Origin refused with HTTP:"), m_originStatus);
    form->addRow(tr("Over the r&ate refused with HTTP:"), m_rateStatus);
    form->addRow(tr("&Welcome message type:"), m_welcomeType);
    form->addRow(tr("Admitted a&fter:"), m_admitAfter);
    form->addRow(tr("&Signal message type:"), m_signalType);
    auto *features = new QHBoxLayout;
    for (QCheckBox *feature : {m_refresh, m_resume, m_messageRate})
        features->addWidget(feature);
    form->addRow(tr("The target supports:"), features);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProfileEditor::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setProfile(profile);
    showPlaceholdersAsToolTips(this);
}

void ProfileEditor::setProfile(const TargetProfile &profile)
{
    m_name->setText(profile.name);
    m_wsPath->setText(profile.wsPath);
    m_tokenIn->setCurrentIndex(m_tokenIn->findData(TargetProfile::placementName(profile.tokenIn)));
    m_tokenName->setText(profile.tokenName);
    m_prefix->setText(profile.subprotocolPrefix);
    m_offers->setText(textOf(profile.offerSubprotocols));
    m_login->setCurrentIndex(m_login->findData(TargetProfile::loginName(profile.login)));
    m_loginPath->setText(profile.loginPath);
    m_userField->setText(profile.userField);
    m_passwordField->setText(profile.passwordField);
    QStringList codes;
    for (int code : profile.refusalCloses)
        codes << QString::number(code);
    m_refusalCloses->setText(textOf(codes));
    m_compareReasons->setChecked(profile.compareReasons);
    m_originStatus->setValue(profile.originRefusalStatus);
    m_rateStatus->setValue(profile.rateRefusalStatus);
    m_welcomeType->setText(profile.welcomeType);
    m_admitAfter->setValue(profile.admitAfterMs);
    m_signalType->setText(profile.signalType);
    m_refresh->setChecked(profile.supports(TargetProfile::Feature::Refresh));
    m_resume->setChecked(profile.supports(TargetProfile::Feature::Resume));
    m_messageRate->setChecked(profile.supports(TargetProfile::Feature::MessageRate));
    m_error->clear();
}

std::optional<TargetProfile> ProfileEditor::profile(QString *error) const
{
    QJsonArray codes;
    for (const QJsonValue code : listOf(m_refusalCloses->text())) {
        bool ok = false;
        const int number = code.toString().toInt(&ok);
        codes.append(ok ? QJsonValue(number) : code);
    }
    QJsonArray features;
    const std::pair<QCheckBox *, const char *> featureBoxes[] = {
            {m_refresh, "refresh"}, {m_resume, "resume"}, {m_messageRate, "msg-rate"}};
    for (const auto &[box, name] : featureBoxes) {
        if (box->isChecked())
            features.append(QLatin1String(name));
    }
    const auto orNull = [](const QLineEdit *edit) {
        return edit->text().trimmed().isEmpty() ? QJsonValue() : QJsonValue(edit->text().trimmed());
    };
    const QJsonObject json{{QStringLiteral("name"), m_name->text().trimmed()},
                           {QStringLiteral("ws_path"), m_wsPath->text().trimmed()},
                           {QStringLiteral("token_in"), m_tokenIn->currentData().toString()},
                           {QStringLiteral("token_name"), m_tokenName->text().trimmed()},
                           {QStringLiteral("subprotocol_prefix"), m_prefix->text().trimmed()},
                           {QStringLiteral("offer_subprotocols"), listOf(m_offers->text())},
                           {QStringLiteral("login"), m_login->currentData().toString()},
                           {QStringLiteral("login_path"), m_loginPath->text().trimmed()},
                           {QStringLiteral("login_fields"),
                            QJsonArray{m_userField->text().trimmed(), m_passwordField->text().trimmed()}},
                           {QStringLiteral("refusal_closes"), codes},
                           {QStringLiteral("compare_reasons"), m_compareReasons->isChecked()},
                           {QStringLiteral("origin_refusal_status"), m_originStatus->value()},
                           {QStringLiteral("rate_refusal_status"), m_rateStatus->value()},
                           {QStringLiteral("welcome_type"), orNull(m_welcomeType)},
                           {QStringLiteral("admit_after_ms"), m_admitAfter->value()},
                           {QStringLiteral("signal_type"), orNull(m_signalType)},
                           {QStringLiteral("features"), features}};
    return TargetProfile::fromJson(json, error);
}

QString ProfileEditor::errorText() const
{
    return m_error->text();
}

void ProfileEditor::accept()
{
    QString error;
    if (!profile(&error)) {
        m_error->setText(tr("Not a valid profile: %1").arg(error));
        return;
    }
    QDialog::accept();
}

}   // namespace SignalGate::Ui
