#pragma once

#include "manualprobe.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
namespace SignalGate::Scenarios {
class ScenarioEngine;
}

namespace SignalGate::Ui {

// The console's manual mode: compose one connection by hand (token
// source, transport, Origin), connect, send any text or binary message, and
// watch every frame (tokens redacted) and the close code with its meaning.
class ManualPane : public QWidget
{
    Q_OBJECT
public:
    ManualPane(Scenarios::ScenarioEngine *engine, QWidget *parent = nullptr);

    Scenarios::ManualProbe *probe() const { return m_probe; }
    QComboBox *tokenBox() const { return m_token; }
    QComboBox *transportBox() const { return m_transport; }
    QLineEdit *customEdit() const { return m_custom; }
    QLineEdit *originEdit() const { return m_origin; }
    QPlainTextEdit *headerEdit() const { return m_header; }
    QPlainTextEdit *payloadEdit() const { return m_payload; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    QTableWidget *frames() const { return m_frames; }
    QString statusText() const;
    // The composition the form describes; false and a sentence when the JSON does not parse.
    bool composition(Scenarios::ManualProbe::Composition *composition, QString *error) const;

public Q_SLOTS:
    // Asks for a connection (connectRequested); the console prepares the engine first when needed.
    void connectProbe();
    void sendText();
    void sendBinary();
    // The connection could not be made (no login, bad form, no token to forge with).
    void showFailure(const QString &why);

Q_SIGNALS:
    void connectRequested(const Scenarios::ManualProbe::Composition &composition);

private:
    void addFrame(const Scenarios::ProbeFrame &frame);
    void showFinished();
    void updateEnabled();
    void checkComposition();

    Scenarios::ManualProbe *m_probe;
    QComboBox *m_token;
    QLineEdit *m_custom;
    QPlainTextEdit *m_header;
    QPlainTextEdit *m_payload;
    QDateTimeEdit *m_expiry;
    QComboBox *m_transport;
    QLineEdit *m_origin;
    QPushButton *m_connect;
    QPushButton *m_close;
    QPlainTextEdit *m_message;
    QPushButton *m_sendText;
    QPushButton *m_sendBinary;
    QTableWidget *m_frames;
    QLabel *m_status;
    bool m_open = false;
    bool m_showingCompositionError = false;
};

}   // namespace SignalGate::Ui
