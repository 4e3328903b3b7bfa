#include "manualpane.h"

#include "closecodeinfo.h"
#include "probeconnection.h"
#include "scenarioengine.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace SignalGate::Client;
using namespace SignalGate::Scenarios;

namespace SignalGate::Ui {

namespace {

bool parseObject(const QString &text, QJsonObject *object, const QString &what, QString *error)
{
    if (text.trimmed().isEmpty()) {
        *object = {};
        return true;
    }
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Where it went wrong, as an editor counts: line and column from 1.
        const QByteArray before = utf8.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size() + 1;
        *error = ManualPane::tr("The %1 is not valid JSON at line %2, column %3: %4")
                         .arg(what)
                         .arg(line)
                         .arg(column)
                         .arg(parseError.errorString());
        return false;
    }
    if (!document.isObject()) {
        *error = ManualPane::tr("The %1 must be a JSON object: {\"name\": value, …}").arg(what);
        return false;
    }
    *object = document.object();
    return true;
}

}   // namespace

ManualPane::ManualPane(ScenarioEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_probe(new ManualProbe(engine, this))
    , m_token(new QComboBox(this))
    , m_custom(new QLineEdit(this))
    , m_header(new QPlainTextEdit(this))
    , m_payload(new QPlainTextEdit(this))
    , m_expiry(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this))
    , m_transport(new QComboBox(this))
    , m_origin(new QLineEdit(this))
    , m_connect(new QPushButton(tr("Co&nnect"), this))
    , m_close(new QPushButton(tr("Cl&ose (1000)"), this))
    , m_message(new QPlainTextEdit(this))
    , m_sendText(new QPushButton(tr("Send &text"), this))
    , m_sendBinary(new QPushButton(tr("Send &binary"), this))
    , m_frames(new QTableWidget(0, 5, this))
    , m_status(new QLabel(this))
{
    using Choice = ManualProbe::TokenChoice;
    m_token->setAccessibleName(tr("Token source"));
    m_token->addItem(tr("Current (the console's signed-in token)"), int(Choice::Current));
    m_token->addItem(tr("None"), int(Choice::None));
    m_token->addItem(tr("Empty"), int(Choice::Empty));
    m_token->addItem(tr("Custom text"), int(Choice::Custom));
    m_token->addItem(tr("Forged from header and claims"), int(Choice::Forged));
    m_custom->setAccessibleName(tr("Custom token text"));
    m_custom->setPlaceholderText(tr("Any text, sent exactly as typed"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_header->setAccessibleName(tr("Forged header JSON"));
    m_header->setPlaceholderText(tr("Header members over {\"alg\": the key's, \"typ\": \"at+jwt\"}; null removes one"));
    m_payload->setAccessibleName(tr("Forged claims JSON"));
    m_payload->setPlaceholderText(
            tr("Claims over the signed-in user's, e.g. {\"iss\": \"someone-else\"}; null removes one"));
    m_expiry->setAccessibleName(tr("Forged token expiry"));
    m_expiry->setCalendarPopup(true);
    for (QPlainTextEdit *edit : {m_header, m_payload, m_message}) {
        edit->setFont(fixed);
        edit->setMaximumHeight(90);
    }
    m_transport->setAccessibleName(tr("Token transport"));
    m_transport->addItem(tr("Authorization header"), int(ProbeRequest::Placement::Header));
    m_transport->addItem(tr("Subprotocol <prefix><token> (bearer.)"), int(ProbeRequest::Placement::Subprotocol));
    m_transport->addItem(tr("Subprotocol: the token itself"), int(ProbeRequest::Placement::SubprotocolBare));
    m_transport->addItem(tr("Query ?<name>= (token)"), int(ProbeRequest::Placement::Query));
    m_origin->setAccessibleName(tr("Origin header"));
    m_origin->setPlaceholderText(tr("No Origin (a native client); e.g. https://evil.example"));
    m_message->setAccessibleName(tr("Message to send"));
    m_message->setPlaceholderText(tr("{\"type\":\"ping\"} — text as typed; for binary, hex bytes like 00 ff 10"));
    m_frames->setAccessibleName(tr("Frames of the manual connection"));
    m_frames->setHorizontalHeaderLabels(
            {tr("ms"), tr("Direction"), tr("Kind"), tr("Bytes"), tr("Content (tokens redacted)")});
    m_frames->horizontalHeader()->setStretchLastSection(true);
    m_frames->verticalHeader()->setVisible(false);
    m_frames->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Manual connection status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Toke&n:"), m_token);
    form->addRow(tr("Custom &text:"), m_custom);
    form->addRow(tr("Forged &header:"), m_header);
    form->addRow(tr("Forged c&laims:"), m_payload);
    form->addRow(tr("Forged e&xpiry:"), m_expiry);
    form->addRow(tr("T&ransport:"), m_transport);
    form->addRow(tr("Ori&gin:"), m_origin);
    auto *connectRow = new QHBoxLayout;
    connectRow->addWidget(m_connect);
    connectRow->addWidget(m_close);
    connectRow->addStretch(1);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_sendText);
    sendRow->addWidget(m_sendBinary);
    sendRow->addStretch(1);
    auto *leftContent = new QWidget;
    auto *leftLayout = new QVBoxLayout(leftContent);
    leftLayout->addLayout(form);
    leftLayout->addLayout(connectRow);
    leftLayout->addWidget(new QLabel(tr("Message:"), leftContent));
    leftLayout->addWidget(m_message);
    leftLayout->addLayout(sendRow);
    leftLayout->addStretch(1);
    // The composition is taller than a small window: it scrolls instead of
    // making the whole window taller.
    auto *left = new QScrollArea(this);
    left->setWidget(leftContent);
    left->setWidgetResizable(true);
    left->setFrameShape(QFrame::NoFrame);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_frames, 1);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("manualComposeAndFrames"));   // its position is remembered by this name
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_token, &QComboBox::currentIndexChanged, this, &ManualPane::updateEnabled);
    // The forged header and claims are checked as they are typed.
    for (QPlainTextEdit *edit : {m_header, m_payload})
        connect(edit, &QPlainTextEdit::textChanged, this, &ManualPane::checkComposition);
    connect(m_connect, &QPushButton::clicked, this, &ManualPane::connectProbe);
    connect(m_close, &QPushButton::clicked, m_probe, &ManualProbe::close);
    connect(m_sendText, &QPushButton::clicked, this, &ManualPane::sendText);
    connect(m_sendBinary, &QPushButton::clicked, this, &ManualPane::sendBinary);
    connect(m_probe, &ManualProbe::frameRecorded, this, &ManualPane::addFrame);
    connect(m_probe, &ManualProbe::connected, this, [this](bool upgraded) {
        m_open = upgraded;
        m_status->setText(upgraded ? tr("Upgraded (HTTP 101); waiting for welcome or a close.") : m_status->text());
        updateEnabled();
    });
    connect(m_probe, &ManualProbe::finished, this, &ManualPane::showFinished);
    connect(m_probe, &ManualProbe::failed, this, &ManualPane::showFailure);
    updateEnabled();
}

QString ManualPane::statusText() const
{
    return m_status->text();
}

bool ManualPane::composition(ManualProbe::Composition *composition, QString *error) const
{
    composition->choice = ManualProbe::TokenChoice(m_token->currentData().toInt());
    composition->customText = m_custom->text().toUtf8();
    composition->placement = ProbeRequest::Placement(m_transport->currentData().toInt());
    composition->origin = m_origin->text().trimmed();
    if (composition->choice == ManualProbe::TokenChoice::Forged) {
        if (!parseObject(m_header->toPlainText(), &composition->forgedHeader, tr("header"), error)
            || !parseObject(m_payload->toPlainText(), &composition->forgedPayload, tr("claims"), error))
            return false;
        composition->expiresAt = m_expiry->dateTime().toSecsSinceEpoch();
    }
    return true;
}

void ManualPane::checkComposition()
{
    ManualProbe::Composition ignored;
    QString error;
    if (!composition(&ignored, &error))
        m_status->setText(error);
    else if (m_showingCompositionError)
        m_status->clear();
    m_showingCompositionError = !error.isEmpty();
}

void ManualPane::connectProbe()
{
    // A new attempt: the last connection's frames would read as this one's.
    m_frames->setRowCount(0);
    ManualProbe::Composition request;
    QString error;
    if (!composition(&request, &error)) {
        m_status->setText(error);
        return;
    }
    m_status->setText(tr("Connecting…"));
    Q_EMIT connectRequested(request);
}

void ManualPane::sendText()
{
    m_probe->sendText(m_message->toPlainText());
}

void ManualPane::sendBinary()
{
    const QByteArray bytes = QByteArray::fromHex(m_message->toPlainText().toLatin1());
    if (bytes.isEmpty()) {
        m_status->setText(tr("For a binary frame, type hex bytes such as 00 ff 10."));
        return;
    }
    m_probe->sendBinary(bytes);
}

void ManualPane::showFailure(const QString &why)
{
    m_status->setText(tr("Not connected: %1").arg(why));
    m_open = false;
    updateEnabled();
}

void ManualPane::addFrame(const ProbeFrame &frame)
{
    const int row = m_frames->rowCount();
    m_frames->insertRow(row);
    const QStringList cells{QString::number(frame.atMs), ProbeFrame::directionName(frame.direction),
                            ProbeFrame::kindName(frame.kind), QString::number(frame.bytes), frame.text};
    for (int column = 0; column < cells.size(); ++column)
        m_frames->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    m_frames->scrollToBottom();
}

void ManualPane::showFinished()
{
    m_open = false;
    const ProbeConnection *probe = m_probe->probe();
    if (!probe) {
        updateEnabled();
        return;
    }
    if (probe->closeCode() >= 0) {
        const CloseCodeInfo info = CloseCodeInfo::describe(quint16(probe->closeCode()), probe->closeReason());
        m_status->setText(tr("Closed %1 \"%2\": %3").arg(probe->closeCode()).arg(probe->closeReason(), info.meaning));
    } else if (probe->httpStatus() > 0 && probe->httpStatus() != 101) {
        m_status->setText(tr("Refused before the upgrade with HTTP %1.").arg(probe->httpStatus()));
    } else {
        m_status->setText(tr("The connection ended without an answer."));
    }
    updateEnabled();
}

void ManualPane::updateEnabled()
{
    const auto choice = ManualProbe::TokenChoice(m_token->currentData().toInt());
    m_custom->setEnabled(choice == ManualProbe::TokenChoice::Custom);
    const bool forged = choice == ManualProbe::TokenChoice::Forged;
    m_header->setEnabled(forged);
    m_payload->setEnabled(forged);
    m_expiry->setEnabled(forged);
    m_close->setEnabled(m_open);
    m_sendText->setEnabled(m_open);
    m_sendBinary->setEnabled(m_open);
}

}   // namespace SignalGate::Ui
