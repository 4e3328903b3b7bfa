#include "serverprocess.h"

#include <QRegularExpression>
#include <QTest>

QString ServerProcess::binary()
{
    // Another build of the server (an older one, to see a test fail before a
    // fix) can be put under the same tests without rebuilding them.
    const QString other = qEnvironmentVariable("SIGNALGATE_TEST_SERVER_BINARY");
    return other.isEmpty() ? QStringLiteral(SIGNALGATE_SERVER_BINARY) : other;
}

ServerProcess::ServerProcess(const QProcessEnvironment &environment)
{
    m_process.setProcessEnvironment(environment);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::start(const QStringList &arguments)
{
    return start(binary(), arguments);
}

bool ServerProcess::start(const QString &program, const QStringList &arguments)
{
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(5000))
        return false;
    const QRegularExpression pattern(QStringLiteral("listening on https?://127\\.0\\.0\\.1:(\\d+)"));
    const bool started = QTest::qWaitFor(
            [&] {
                m_out += m_process.readAllStandardOutput();
                const auto match = pattern.match(QString::fromUtf8(m_out));
                if (match.hasMatch())
                    m_port = match.captured(1).toUShort();
                return m_port != 0 || m_process.state() == QProcess::NotRunning;
            },
            15000);
    return started && m_port != 0;
}

bool ServerProcess::waitForExit(int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
}

QByteArray ServerProcess::allOutput()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
    return m_out + m_err;
}
