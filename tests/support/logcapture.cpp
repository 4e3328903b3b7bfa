#include "logcapture.h"

namespace {
// A Qt message handler is a plain function: the capture must be reachable from it.
QStringList s_lines;
QtMessageHandler s_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    s_lines.append(message);
    if (s_previous)
        s_previous(type, context, message);
}
}   // namespace

void LogCapture::install()
{
    if (!s_previous)
        s_previous = qInstallMessageHandler(capture);
}

const QStringList &LogCapture::lines()
{
    return s_lines;
}
