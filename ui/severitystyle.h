#pragma once

#include "closecodeinfo.h"

#include <QColor>
#include <QIcon>

namespace SignalGate::Ui {

// One colour and icon per severity, shared by the connection log and the
// legend, so a colour means the same wherever it appears. Light tints keep
// the text readable in light and dark palettes alike.
namespace SeverityStyle {

QColor background(Client::CloseCodeInfo::Severity severity);
QIcon icon(Client::CloseCodeInfo::Severity severity);

}   // namespace SeverityStyle

}   // namespace SignalGate::Ui
