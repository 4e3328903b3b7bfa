<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>RunComparison</name>
    <message numerus="yes">
        <source>No verdict changed (%n the same).</source>
        <translation>
            <numerusform>No verdict changed (%n the same).</numerusform>
            <numerusform>No verdict changed (%n the same).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verdict(s) changed: </source>
        <translation>
            <numerusform>%n verdict changed: </numerusform>
            <numerusform>%n verdicts changed: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n regression(s), </source>
        <translation>
            <numerusform>%n regression, </numerusform>
            <numerusform>%n regressions, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fixed; </source>
        <translation>
            <numerusform>%n fixed; </numerusform>
            <numerusform>%n fixed; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n the same.</source>
        <translation>
            <numerusform>%n the same.</numerusform>
            <numerusform>%n the same.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::ClientCore</name>
    <message numerus="yes">
        <source>The server says the access token expires in %n s.</source>
        <translation>
            <numerusform>The server says the access token expires in %n second.</numerusform>
            <numerusform>The server says the access token expires in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed after a server restart: %n signal(s) recovered; what the old server sent meanwhile is lost.</source>
        <translation>
            <numerusform>Resumed after a server restart: %n signal recovered; what the old server sent meanwhile is lost.</numerusform>
            <numerusform>Resumed after a server restart: %n signals recovered; what the old server sent meanwhile is lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server skipped %n signal(s) without closing; they are lost.</source>
        <translation>
            <numerusform>The server skipped %n signal without closing; it is lost.</numerusform>
            <numerusform>The server skipped %n signals without closing; they are lost.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::SignalsPane</name>
    <message numerus="yes">
        <source> · Paused: %n waiting</source>
        <translation>
            <numerusform> · Paused: %n signal waiting</numerusform>
            <numerusform> · Paused: %n signals waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · Server restarts: %n</source>
        <translation>
            <numerusform> · Server restarts: %n</numerusform>
            <numerusform> · Server restarts: %n</numerusform>
        </translation>
    </message>
</context>
</TS>
