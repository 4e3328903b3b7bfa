#include "tokeninspector.h"

#include "tokenclaims.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

namespace {

QString when(qint64 unixSeconds)
{
    return unixSeconds > 0 ? QDateTime::fromSecsSinceEpoch(unixSeconds).toString(Qt::ISODate) : QString();
}

}   // namespace

TokenInspector::TokenInspector(TokenProvider sessionToken, QWidget *parent, const SignalGate::Clock &clock)
    : QWidget(parent)
    , m_sessionToken(std::move(sessionToken))
    , m_clock(clock)
    , m_paste(new QLineEdit(this))
    , m_useSession(new QPushButton(tr("Inspect my &session's token"), this))
    , m_summary(new QLabel(this))
    , m_countdown(new QLabel(this))
    , m_header(new QPlainTextEdit(this))
    , m_claims(new QPlainTextEdit(this))
{
    m_paste->setPlaceholderText(tr("Paste a token to decode it here; it is not sent anywhere"));
    m_paste->setAccessibleName(tr("Token to inspect"));
    m_useSession->setAccessibleName(tr("Inspect the signed-in session's access token"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_header, m_claims}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
    }
    m_header->setAccessibleName(tr("Token header"));
    m_claims->setAccessibleName(tr("Token claims"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countdown->setAccessibleName(tr("Time until the token expires"));

    auto *source = new QHBoxLayout;
    source->addWidget(m_paste, 1);
    source->addWidget(m_useSession);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(source);
    layout->addWidget(
            new QLabel(tr("Decoded locally and NOT verified: the signature is only checked by the server."), this));
    layout->addWidget(m_summary);
    layout->addWidget(m_countdown);
    auto *form = new QFormLayout;
    form->addRow(tr("Header:"), m_header);
    form->addRow(tr("Claims:"), m_claims);
    layout->addLayout(form, 1);

    connect(m_paste, &QLineEdit::textChanged, this,
            [this](const QString &text) { inspect(text.trimmed().toLatin1()); });
    connect(m_useSession, &QPushButton::clicked, this, &TokenInspector::inspectSessionToken);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TokenInspector::updateCountdown);
    connect(&m_clock, &SignalGate::Clock::jumped, this, [this] {
        if (m_tick.isActive())
            updateCountdown();
    });
    inspect({});
}

QString TokenInspector::headerText() const
{
    return m_header->toPlainText();
}

QString TokenInspector::claimsText() const
{
    return m_claims->toPlainText();
}

QString TokenInspector::summaryText() const
{
    return m_summary->text();
}

QString TokenInspector::countdownText() const
{
    return m_countdown->text();
}

void TokenInspector::inspectSessionToken()
{
    const QByteArray token = m_sessionToken ? m_sessionToken() : QByteArray();
    if (token.isEmpty()) {
        inspect({});
        m_summary->setText(tr("You are not signed in: there is no session token to inspect."));
        return;
    }
    m_paste->blockSignals(true);
    m_paste->clear();
    m_paste->blockSignals(false);
    inspect(token);
}

void TokenInspector::inspect(const QByteArray &token)
{
    m_header->clear();
    m_claims->clear();
    m_expiresAt = 0;
    if (token.isEmpty()) {
        m_summary->setText(tr("No token."));
        m_countdown->clear();
        m_tick.stop();
        return;
    }
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token);
    if (!claims) {
        m_summary->setText(tr("This is not a JWS compact token (three base64url parts of JSON). "
                              "A server would refuse it as malformed."));
        m_countdown->clear();
        m_tick.stop();
        return;
    }
    m_header->setPlainText(QString::fromUtf8(QJsonDocument(claims->header).toJson(QJsonDocument::Indented)));
    m_claims->setPlainText(QString::fromUtf8(QJsonDocument(claims->payload).toJson(QJsonDocument::Indented)));
    const QJsonObject &payload = claims->payload;
    m_summary->setText(
            tr("Algorithm %1, type %2 · subject %3 · issuer %4 · audience %5 · scope %6 · issued %7 · not before %8 · "
               "expires %9")
                    .arg(claims->header.value(QLatin1String("alg")).toString(),
                         claims->header.value(QLatin1String("typ")).toString(), claims->subject,
                         payload.value(QLatin1String("iss")).toString(),
                         payload.value(QLatin1String("aud")).toVariant().toStringList().join(QLatin1Char(',')),
                         payload.value(QLatin1String("scope")).toString(), when(claims->issuedAt),
                         when(payload.value(QLatin1String("nbf")).toInteger()), when(claims->expiresAt)));
    m_expiresAt = claims->expiresAt;
    updateCountdown();
    m_tick.start();
}

void TokenInspector::updateCountdown()
{
    if (m_expiresAt <= 0) {
        m_countdown->setText(tr("No expiry (exp) claim: a SignalGate server refuses such a token."));
        m_tick.stop();
        return;
    }
    const qint64 left = m_expiresAt - m_clock.wallSeconds();
    m_countdown->setText(left > 0 ? tr("Expires in %1 min %2 s.").arg(left / 60).arg(left % 60)
                                  : tr("Expired %1 min %2 s ago.").arg(-left / 60).arg(-left % 60));
}

}   // namespace SignalGate::Ui
