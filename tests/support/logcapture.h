#pragma once

#include <QStringList>
#include <QtGlobal>

// Everything this process logs, so a test can prove no token or password
// reached a log line. install() once (initTestCase); lines() afterwards.
namespace LogCapture {
void install();
const QStringList &lines();
}   // namespace LogCapture
