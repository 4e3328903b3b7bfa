#include "aboutdialog.h"

#include "signalconnection.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonObject>
#include <QPushButton>
#include <QSslSocket>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace SignalGate::Client;

namespace SignalGate::Ui {

namespace {

const QUrl kProtocolLink(QStringLiteral("signalgate:protocol"));

}   // namespace

AboutDialog::AboutDialog(const SignalConnection *connection, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("About SignalGate"));
    // The server says its protocol in the welcome; its own version is not
    // part of the contract, so it is not shown.
    const QJsonObject welcome = connection->lastWelcome();
    const bool open = connection->state() == SignalConnection::State::Open;
    const QString server = open ? tr("%1, protocol %2")
                                          .arg(connection->server().toString(QUrl::RemoveQuery).toHtmlEscaped(),
                                               welcome.value(QLatin1String("protocol")).toString().toHtmlEscaped())
                                : tr("not connected");
    m_about = tr("<h3>SignalGate %1</h3>"
                 "<p>Live signals behind JWT authentication. Tokens are kept in your system keychain only.</p>"
                 "<table><tr><td>Qt</td><td>%2</td></tr><tr><td>OpenSSL</td><td>%3</td></tr>"
                 "<tr><td>Server</td><td>%4</td></tr></table>"
                 "<p><a href=\"%5\">The wire protocol and every close code</a></p>")
                      .arg(QApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
                           QSslSocket::sslLibraryVersionString().toHtmlEscaped(), server, kProtocolLink.toString());
    m_browser->setOpenLinks(false);
    m_browser->setHtml(m_about);
    m_browser->setAccessibleName(tr("About SignalGate"));
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url == kProtocolLink)
            showProtocol();
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(520, 360);
}

QString AboutDialog::text() const
{
    return m_browser->toPlainText();
}

void AboutDialog::showProtocol()
{
    QFile protocol(QStringLiteral(":/docs/PROTOCOL.md"));
    if (protocol.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(protocol.readAll()));
    resize(820, 600);
}

}   // namespace SignalGate::Ui
