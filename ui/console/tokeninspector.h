#pragma once

#include "clock.h"

#include <QByteArray>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace SignalGate::Ui {

// Decodes a token's header and claims, locally and unverified, with a live
// expiry countdown. Nothing is sent anywhere. The session's own
// token is read through a callback and never put into a text field, so it
// is not on screen or in the clipboard; a pasted token is the user's own text.
class TokenInspector : public QWidget
{
    Q_OBJECT
public:
    using TokenProvider = std::function<QByteArray()>;

    // The countdown reads clock, which must outlive the inspector.
    explicit TokenInspector(TokenProvider sessionToken, QWidget *parent = nullptr,
                            const SignalGate::Clock &clock = SignalGate::Clock::system());

    QString headerText() const;
    QString claimsText() const;
    QString summaryText() const;
    QString countdownText() const;
    QLineEdit *pasteEdit() const { return m_paste; }

public Q_SLOTS:
    void inspectSessionToken();
    void inspect(const QByteArray &token);

private:
    void updateCountdown();

    TokenProvider m_sessionToken;
    const SignalGate::Clock &m_clock;
    QLineEdit *m_paste;
    QPushButton *m_useSession;
    QLabel *m_summary;
    QLabel *m_countdown;
    QPlainTextEdit *m_header;
    QPlainTextEdit *m_claims;
    qint64 m_expiresAt = 0;
    QTimer m_tick;
};

}   // namespace SignalGate::Ui
