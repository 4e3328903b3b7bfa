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
    <message numerus="yes">
        <source>Resumed: %n signal(s) recovered</source>
        <translation>
            <numerusform>Resumed: %n signal recovered</numerusform>
            <numerusform>Resumed: %n signals recovered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n lost.</source>
        <translation>
            <numerusform>, %n lost.</numerusform>
            <numerusform>, %n lost.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::EventLog</name>
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <translation>
            <numerusform>%1 (%n time)</numerusform>
            <numerusform>%1 (%n times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::HandshakeScenario</name>
    <message numerus="yes">
        <source>%1 after %n upgrade(s), but without a valid Retry-After</source>
        <translation>
            <numerusform>%1 after %n upgrade, but without a valid Retry-After</numerusform>
            <numerusform>%1 after %n upgrades, but without a valid Retry-After</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 after %n admitted upgrade(s), Retry-After: %2 s</source>
        <translation>
            <numerusform>%1 after %n admitted upgrade, Retry-After: %2 s</numerusform>
            <numerusform>%1 after %n admitted upgrades, Retry-After: %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::MessageScenario</name>
    <message numerus="yes">
        <source>still open, %n signal(s) after the garbage (no error answer asked for: profile %1)</source>
        <translation>
            <numerusform>still open, %n signal after the garbage (no error answer asked for: profile %1)</numerusform>
            <numerusform>still open, %n signals after the garbage (no error answer asked for: profile %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rate_limited error(s) but no close</source>
        <translation>
            <numerusform>%n rate_limited error but no close</numerusform>
            <numerusform>%n rate_limited errors but no close</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> after %n message(s)</source>
        <translation>
            <numerusform> after %n message</numerusform>
            <numerusform> after %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rate_limited error(s), then the close,</source>
        <translation>
            <numerusform>%n rate_limited error, then the close,</numerusform>
            <numerusform>%n rate_limited errors, then the close,</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::RefreshScenario</name>
    <message numerus="yes">
        <source>%n refresh_failed answer(s) before the close</source>
        <translation>
            <numerusform>%n refresh_failed answer before the close</numerusform>
            <numerusform>%n refresh_failed answers before the close</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, expected %n</source>
        <translation>
            <numerusform>, expected %n</numerusform>
            <numerusform>, expected %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ScenarioEngine</name>
    <message numerus="yes">
        <source>unknown scenario id(s): %1</source>
        <translation>
            <numerusform>unknown scenario id: %1</numerusform>
            <numerusform>unknown scenario ids: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ScenarioRun</name>
    <message numerus="yes">
        <source>%n signal(s) reached a refused connection</source>
        <translation>
            <numerusform>%n signal reached a refused connection</numerusform>
            <numerusform>%n signals reached a refused connection</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ConsolePane</name>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;Timings:&lt;/b&gt; %1 in all, %2 of it waiting for the server&apos;s connection rate; %n upgrade(s).&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;Timings:&lt;/b&gt; %1 in all, %2 of it waiting for the server&apos;s connection rate; %n upgrade.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;Timings:&lt;/b&gt; %1 in all, %2 of it waiting for the server&apos;s connection rate; %n upgrades.&lt;/p&gt;</numerusform>
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
    <message numerus="yes">
        <source>Copied %n row(s).</source>
        <translation>
            <numerusform>Copied %n row.</numerusform>
            <numerusform>Copied %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n signal(s), also those the filter hides or the pause holds back? The counters start again at zero.</source>
        <translation>
            <numerusform>Remove the %n signal, also if the filter hides it or the pause holds it back? The counters start again at zero.</numerusform>
            <numerusform>Remove all %n signals, also those the filter hides or the pause holds back? The counters start again at zero.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n row(s) as JSON.</source>
        <translation>
            <numerusform>Copied %n row as JSON.</numerusform>
            <numerusform>Copied %n rows as JSON.</numerusform>
        </translation>
    </message>
</context>
</TS>
