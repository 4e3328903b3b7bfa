#pragma once

#include "manualpane.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// Connects the console's manual pane and waits for the end of the
// connection. The console's pacer starts afresh with each console, but the
// server's upgrade bucket for 127.0.0.1 remembers the tests before: a 429 is
// waited out and the connection tried again, as a user would.
inline bool connectManually(SignalGate::Ui::ManualPane *manual, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QSignalSpy finished(manual->probe(), &SignalGate::Scenarios::ManualProbe::finished);
        manual->connectProbe();
        if (!finished.wait(timeoutMs))
            return false;
        if (!manual->statusText().contains(QLatin1String("HTTP 429")))
            return true;
        QTest::qWait(250);
    }
    return false;
}
