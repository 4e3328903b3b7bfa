#include "severitystyle.h"

using namespace SignalGate::Client;

namespace SignalGate::Ui {

namespace SeverityStyle {

QColor background(CloseCodeInfo::Severity severity)
{
    switch (severity) {
    case CloseCodeInfo::Severity::Info:
        return QColor(0xe3, 0xf2, 0xfd);
    case CloseCodeInfo::Severity::Warning:
        return QColor(0xff, 0xf3, 0xcd);
    case CloseCodeInfo::Severity::Error:
        return QColor(0xf8, 0xd7, 0xda);
    }
    return QColor();
}

QIcon icon(CloseCodeInfo::Severity severity)
{
    switch (severity) {
    case CloseCodeInfo::Severity::Info:
        return QIcon(QStringLiteral(":/icons/info.svg"));
    case CloseCodeInfo::Severity::Warning:
        return QIcon(QStringLiteral(":/icons/warning.svg"));
    case CloseCodeInfo::Severity::Error:
        return QIcon(QStringLiteral(":/icons/error.svg"));
    }
    return QIcon();
}

}   // namespace SeverityStyle

}   // namespace SignalGate::Ui
