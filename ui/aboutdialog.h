#pragma once

#include <QDialog>

class QTextBrowser;

namespace SignalGate::Client {
class SignalConnection;
}

namespace SignalGate::Ui {

// Help ▸ About: this client's, Qt's and OpenSSL's versions, the protocol the
// connected server speaks, and the wire contract itself (PROTOCOL.md, built
// into the binary so it is there wherever the client is installed).
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const Client::SignalConnection *connection, QWidget *parent = nullptr);

    QString text() const;
    // Shows the protocol document in place of the versions.
    void showProtocol();

private:
    QTextBrowser *m_browser;
    QString m_about;
};

}   // namespace SignalGate::Ui
