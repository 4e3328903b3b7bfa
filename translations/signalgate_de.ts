<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuthApi</name>
    <message>
        <source>Could not connect to the server: the connection was refused.</source>
        <translation>Keine Verbindung zum Server möglich: Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Could not connect to the server: the host name was not found.</source>
        <translation>Keine Verbindung zum Server möglich: Der Hostname wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Could not connect to the server securely (TLS): %1</source>
        <translation>Keine sichere Verbindung (TLS) zum Server möglich: %1</translation>
    </message>
    <message>
        <source>Could not connect to the server: %1</source>
        <translation>Keine Verbindung zum Server möglich: %1</translation>
    </message>
    <message>
        <source>The server refused the request as malformed (HTTP 400).</source>
        <translation>Der Server hat die Anfrage als fehlerhaft abgelehnt (HTTP 400).</translation>
    </message>
    <message>
        <source>The server refused the credentials (HTTP 401).</source>
        <translation>Der Server hat die Anmeldedaten abgelehnt (HTTP 401).</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP 403).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP 403).</translation>
    </message>
    <message>
        <source>The server has no such endpoint (HTTP 404): is this a SignalGate server?</source>
        <translation>Der Server kennt diesen Endpunkt nicht (HTTP 404): Ist das ein SignalGate-Server?</translation>
    </message>
    <message>
        <source>Too many attempts; try again later (HTTP 429).</source>
        <translation>Zu viele Versuche; bitte versuchen Sie es später erneut (HTTP 429).</translation>
    </message>
    <message>
        <source>The server redirected the request (HTTP %1); redirects are not followed.</source>
        <translation>Der Server hat die Anfrage umgeleitet (HTTP %1); Umleitungen werden nicht verfolgt.</translation>
    </message>
    <message>
        <source>The server failed to answer (HTTP %1).</source>
        <translation>Der Server konnte die Anfrage nicht beantworten (HTTP %1).</translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation>Der Server hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>The server sent an answer that is not a token pair (HTTP %1).</source>
        <translation>Der Server hat eine Antwort gesendet, die kein Token-Paar ist (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <source>Price charts</source>
        <translation>Kursdiagramme</translation>
    </message>
    <message>
        <source>No signals yet. A chart appears here for every symbol as its first signal arrives.</source>
        <translation>Noch keine Signale. Für jedes Symbol erscheint hier ein Diagramm, sobald sein erstes Signal eintrifft.</translation>
    </message>
    <message>
        <source>Price chart of %1</source>
        <translation>Kursdiagramm für %1</translation>
    </message>
</context>
<context>
    <name>ClientCore</name>
    <message>
        <source>subject %1, issued by %2, valid %3 to %4, SHA-256 %5</source>
        <translation>Inhaber %1, ausgestellt von %2, gültig von %3 bis %4, SHA-256 %5</translation>
    </message>
    <message>
        <source>Signed in as %1 at %2.</source>
        <translation>Als %1 bei %2 angemeldet.</translation>
    </message>
    <message>
        <source>Connect as soon as the access token is in the keychain.</source>
        <translation>Verbinden, sobald das Zugriffstoken im Schlüsselbund liegt.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Wait for you to sign in.</source>
        <translation>Auf Ihre Anmeldung warten.</translation>
    </message>
    <message>
        <source>Signed out; the tokens were deleted from the keychain.</source>
        <translation>Abgemeldet; die Tokens wurden aus dem Schlüsselbund gelöscht.</translation>
    </message>
    <message>
        <source>Stay disconnected until you sign in.</source>
        <translation>Getrennt bleiben, bis Sie sich anmelden.</translation>
    </message>
    <message>
        <source>Session ended: %1</source>
        <translation>Sitzung beendet: %1</translation>
    </message>
    <message>
        <source>Access token renewed; valid until %1.</source>
        <translation>Zugriffstoken erneuert; gültig bis %1.</translation>
    </message>
    <message>
        <source>Hand it to the open connection (auth.refresh).</source>
        <translation>An die offene Verbindung übergeben (auth.refresh).</translation>
    </message>
    <message>
        <source>Could not renew the access token: %1</source>
        <translation>Zugriffstoken konnte nicht erneuert werden: %1</translation>
    </message>
    <message>
        <source>Try again with a growing delay until 30 s before it expires.</source>
        <translation>Mit zunehmender Wartezeit erneut versuchen, bis 30 s vor dem Ablauf.</translation>
    </message>
    <message>
        <source>Keep the tokens in memory for this session only.</source>
        <translation>Tokens nur für diese Sitzung im Arbeitsspeicher halten.</translation>
    </message>
    <message>
        <source>Signed out here, but the server could not be told: %1</source>
        <translation>Hier abgemeldet, aber der Server konnte nicht benachrichtigt werden: %1</translation>
    </message>
    <message>
        <source>Nothing: the server ends the session when its tokens expire.</source>
        <translation>Nichts: Der Server beendet die Sitzung, wenn ihre Tokens ablaufen.</translation>
    </message>
    <message>
        <source>Connecting to %1.</source>
        <translation>Verbindung zu %1 wird hergestellt.</translation>
    </message>
    <message>
        <source>No usable access token: not connecting.</source>
        <translation>Kein verwendbares Zugriffstoken: Es wird keine Verbindung hergestellt.</translation>
    </message>
    <message>
        <source>Connect once a token with at least 30 s left is there.</source>
        <translation>Verbinden, sobald ein Token mit mindestens 30 s Restlaufzeit vorliegt.</translation>
    </message>
    <message>
        <source>Connected: welcome for %1, token valid until %2, last seq %3.</source>
        <translation>Verbunden: Willkommen für %1, Token gültig bis %2, letzte seq %3.</translation>
    </message>
    <message>
        <source>The server refused the connection with HTTP %1.</source>
        <translation>Der Server hat die Verbindung mit HTTP %1 abgelehnt.</translation>
    </message>
    <message>
        <source>Network error: %1</source>
        <translation>Netzwerkfehler: %1</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS: %1</translation>
    </message>
    <message>
        <source>TLS: %1 (%2)</source>
        <translation>TLS: %1 (%2)</translation>
    </message>
    <message>
        <source>Not ignored: fix the CA file in Settings or find out who answers instead of the server.</source>
        <translation>Nicht ignoriert: CA-Datei in den Einstellungen korrigieren oder herausfinden, wer anstelle des Servers antwortet.</translation>
    </message>
    <message numerus="yes">
        <source>The server says the access token expires in %n s.</source>
        <translation>
            <numerusform>Laut Server läuft das Zugriffstoken in %n s ab.</numerusform>
            <numerusform>Laut Server läuft das Zugriffstoken in %n s ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server accepted the new token (auth.refreshed); valid until %1.</source>
        <translation>Der Server hat das neue Token angenommen (auth.refreshed); gültig bis %1.</translation>
    </message>
    <message>
        <source>In-band refresh refused: %1 (%2 attempts left)</source>
        <translation>In-Band-Aktualisierung abgelehnt: %1 (noch %2 Versuche)</translation>
    </message>
    <message>
        <source>In-band refresh refused: %1</source>
        <translation>In-Band-Aktualisierung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Server error %1: %2</source>
        <translation>Serverfehler %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Resumed after a server restart: %n signal(s) recovered; what the old server sent meanwhile is lost.</source>
        <translation>
            <numerusform>Nach einem Serverneustart fortgesetzt: %n Signal wiederhergestellt; was der alte Server in der Zwischenzeit gesendet hat, ist verloren.</numerusform>
            <numerusform>Nach einem Serverneustart fortgesetzt: %n Signale wiederhergestellt; was der alte Server in der Zwischenzeit gesendet hat, ist verloren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resumed: %1 signal(s) recovered, %2 lost.</source>
        <translation>Fortgesetzt: %1 Signal(e) wiederhergestellt, %2 verloren.</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Getrennt: %1</translation>
    </message>
    <message>
        <source>Stay disconnected.</source>
        <translation>Getrennt bleiben.</translation>
    </message>
</context>
<context>
    <name>CloseCodeInfo</name>
    <message>
        <source>The connection was closed on purpose.</source>
        <translation>Die Verbindung wurde absichtlich geschlossen.</translation>
    </message>
    <message>
        <source>The server is shutting down or restarting.</source>
        <translation>Der Server wird heruntergefahren oder neu gestartet.</translation>
    </message>
    <message>
        <source>The client sent data the server does not accept: the protocol is JSON text only.</source>
        <translation>Der Client hat Daten gesendet, die der Server nicht annimmt: Das Protokoll erlaubt nur JSON-Text.</translation>
    </message>
    <message>
        <source>The server received no access token.</source>
        <translation>Der Server hat kein Zugriffstoken erhalten.</translation>
    </message>
    <message>
        <source>The server rejected the access token: it is invalid or has expired.</source>
        <translation>Der Server hat das Zugriffstoken abgelehnt: Es ist ungültig oder abgelaufen.</translation>
    </message>
    <message>
        <source>The access token expired while connected because it was not refreshed in time.</source>
        <translation>Das Zugriffstoken ist während der Verbindung abgelaufen, weil es nicht rechtzeitig aktualisiert wurde.</translation>
    </message>
    <message>
        <source>The session was revoked: signed out elsewhere, revoked by an administrator, or a refresh token was used twice.</source>
        <translation>Die Sitzung wurde widerrufen: Abmeldung an anderer Stelle, Widerruf durch einen Administrator, oder ein Aktualisierungstoken wurde zweimal verwendet.</translation>
    </message>
    <message>
        <source>The server refused an in-band token refresh: a token of another user, or too many attempts.</source>
        <translation>Der Server hat eine In-Band-Aktualisierung des Tokens abgelehnt: ein Token eines anderen Benutzers oder zu viele Versuche.</translation>
    </message>
    <message>
        <source>The client sent too many messages and the server&apos;s rate limit ran out.</source>
        <translation>Der Client hat zu viele Nachrichten gesendet, und das Ratenlimit des Servers ist ausgeschöpft.</translation>
    </message>
    <message>
        <source>This user already has as many open connections as the server allows.</source>
        <translation>Dieser Benutzer hat bereits so viele offene Verbindungen, wie der Server zulässt.</translation>
    </message>
    <message>
        <source>A message was larger than the server allows.</source>
        <translation>Eine Nachricht war größer, als der Server zulässt.</translation>
    </message>
    <message>
        <source>The server hit an internal error.</source>
        <translation>Beim Server ist ein interner Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>The client did not read fast enough and the server&apos;s outgoing queue overflowed.</source>
        <translation>Der Client hat nicht schnell genug gelesen, und die Ausgangswarteschlange des Servers ist übergelaufen.</translation>
    </message>
    <message>
        <source>The connection ended without a close frame: a network error, or the server went away.</source>
        <translation>Die Verbindung endete ohne Close-Frame: ein Netzwerkfehler, oder der Server ist nicht mehr erreichbar.</translation>
    </message>
    <message>
        <source>The other side broke the WebSocket protocol.</source>
        <translation>Die Gegenseite hat gegen das WebSocket-Protokoll verstoßen.</translation>
    </message>
    <message>
        <source>The connection was closed without a status code.</source>
        <translation>Die Verbindung wurde ohne Statuscode geschlossen.</translation>
    </message>
    <message>
        <source>A message was not valid UTF-8 or did not match its type.</source>
        <translation>Eine Nachricht war kein gültiges UTF-8 oder passte nicht zu ihrem Typ.</translation>
    </message>
    <message>
        <source>The server closed the connection because a policy was violated.</source>
        <translation>Der Server hat die Verbindung wegen eines Richtlinienverstoßes geschlossen.</translation>
    </message>
    <message>
        <source>The server did not agree to a WebSocket extension the client needs.</source>
        <translation>Der Server hat einer WebSocket-Erweiterung, die der Client benötigt, nicht zugestimmt.</translation>
    </message>
    <message>
        <source>The server is restarting.</source>
        <translation>Der Server wird neu gestartet.</translation>
    </message>
    <message>
        <source>A gateway or proxy got no valid answer from the server.</source>
        <translation>Ein Gateway oder Proxy hat keine gültige Antwort vom Server erhalten.</translation>
    </message>
    <message>
        <source>The TLS handshake failed.</source>
        <translation>Der TLS-Handshake ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The connection closed with a code reserved by the WebSocket standard.</source>
        <translation>Die Verbindung wurde mit einem Code geschlossen, der vom WebSocket-Standard reserviert ist.</translation>
    </message>
    <message>
        <source>The connection closed with a code registered for a library or framework.</source>
        <translation>Die Verbindung wurde mit einem Code geschlossen, der für eine Bibliothek oder ein Framework registriert ist.</translation>
    </message>
    <message>
        <source>The connection closed with an application-specific code this client does not know.</source>
        <translation>Die Verbindung wurde mit einem anwendungsspezifischen Code geschlossen, den dieser Client nicht kennt.</translation>
    </message>
    <message>
        <source>The connection closed with an invalid close code.</source>
        <translation>Die Verbindung wurde mit einem ungültigen Close-Code geschlossen.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Angemeldeter Benutzer</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Access token expiry</source>
        <translation>Ablauf des Zugriffstokens</translation>
    </message>
    <message>
        <source>Next token refresh</source>
        <translation>Nächste Token-Aktualisierung</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Waiting for a token</source>
        <translation>Warten auf ein Token</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation>Neue Verbindung in %1 s</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>No token</source>
        <translation>Kein Token</translation>
    </message>
    <message>
        <source>Token: %1 left</source>
        <translation>Token: noch %1</translation>
    </message>
    <message>
        <source>Token expired</source>
        <translation>Token abgelaufen</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <source>Encrypted (%1, %2); certificate for %3, issued by %4</source>
        <translation>Verschlüsselt (%1, %2); Zertifikat für %3, ausgestellt von %4</translation>
    </message>
    <message>
        <source>TLS (wss://); not connected</source>
        <translation>TLS (wss://); nicht verbunden</translation>
    </message>
    <message>
        <source>Not encrypted (ws://)</source>
        <translation>Unverschlüsselt (ws://)</translation>
    </message>
    <message>
        <source>Next refresh: %1</source>
        <translation>Nächste Aktualisierung: %1</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Nothing: the connection was closed on purpose.</source>
        <translation>Nichts: Die Verbindung wurde absichtlich geschlossen.</translation>
    </message>
    <message>
        <source>Reconnect after a short, growing delay.</source>
        <translation>Nach einer kurzen, zunehmenden Wartezeit neu verbinden.</translation>
    </message>
    <message>
        <source>Refresh the access token once, then reconnect; if that fails, ask you to sign in.</source>
        <translation>Zugriffstoken einmal aktualisieren, dann neu verbinden; schlägt das fehl, Sie zur Anmeldung auffordern.</translation>
    </message>
    <message>
        <source>Ask you to sign in again.</source>
        <translation>Sie zur erneuten Anmeldung auffordern.</translation>
    </message>
    <message>
        <source>Stay disconnected: reconnecting would fail the same way.</source>
        <translation>Getrennt bleiben: Eine neue Verbindung würde auf dieselbe Weise fehlschlagen.</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Connection closed</source>
        <translation>Verbindung geschlossen</translation>
    </message>
</context>
<context>
    <name>EventLogPane</name>
    <message>
        <source>Connection log</source>
        <translation>Verbindungsprotokoll</translation>
    </message>
    <message>
        <source>Clear log</source>
        <translation>Protokoll leeren</translation>
    </message>
    <message>
        <source>Clear the connection log</source>
        <translation>Verbindungsprotokoll leeren</translation>
    </message>
    <message>
        <source>Close code legend</source>
        <translation>Legende der Close-Codes</translation>
    </message>
    <message>
        <source>Every connection event, newest at the bottom. Colours: blue information, yellow warning, red error.</source>
        <translation>Alle Verbindungsereignisse, das neueste unten. Farben: Blau für Information, Gelb für Warnung, Rot für Fehler.</translation>
    </message>
    <message>
        <source>Close codes of the SignalGate protocol and what the client does:</source>
        <translation>Close-Codes des SignalGate-Protokolls und wie der Client darauf reagiert:</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Client does</source>
        <translation>Reaktion des Clients</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>(beliebig)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to SignalGate</source>
        <translation>Bei SignalGate anmelden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>The password is sent to the server once and never stored. The tokens the server returns are kept in your system keychain.</source>
        <translation>Das Passwort wird einmalig an den Server gesendet und nie gespeichert. Die Tokens, die der Server zurückgibt, werden im Schlüsselbund Ihres Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>%1 is another machine and the address is not encrypted: your password and tokens would cross the network readable by anyone on the way. Use https://, or allow unencrypted connections in Settings for testing.</source>
        <translation>%1 ist ein anderer Rechner, und die Adresse ist nicht verschlüsselt: Ihr Passwort und Ihre Tokens würden das Netzwerk für jeden auf dem Übertragungsweg lesbar durchqueren. Verwenden Sie https:// oder erlauben Sie zum Testen unverschlüsselte Verbindungen in den Einstellungen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reconnect &amp;now</source>
        <translation>Jetzt &amp;neu verbinden</translation>
    </message>
    <message>
        <source>SignalGate</source>
        <translation>SignalGate</translation>
    </message>
    <message>
        <source>&amp;Signals</source>
        <translation>S&amp;ignale</translation>
    </message>
    <message>
        <source>C&amp;harts</source>
        <translation>&amp;Diagramme</translation>
    </message>
    <message>
        <source>Connection &amp;log</source>
        <translation>&amp;Verbindungsprotokoll</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Achtung</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>Jetzt neu verbinden</translation>
    </message>
    <message>
        <source>SignalGate — %1 at %2</source>
        <translation>SignalGate — %1 bei %2</translation>
    </message>
    <message>
        <source>You are signed out: %1</source>
        <translation>Sie sind abgemeldet: %1</translation>
    </message>
    <message>
        <source>The server closed the connection: %1 %2. %3 %4</source>
        <translation>Der Server hat die Verbindung geschlossen: %1 %2. %3 %4</translation>
    </message>
    <message>
        <source>The server refused the connection with HTTP %1. %2</source>
        <translation>Der Server hat die Verbindung mit HTTP %1 abgelehnt. %2</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was not accepted: %1. The connection log has the certificate&apos;s details; set the right CA file in Settings.</source>
        <translation>Das TLS-Zertifikat des Servers wurde nicht akzeptiert: %1. Die Details des Zertifikats stehen im Verbindungsprotokoll; legen Sie in den Einstellungen die richtige CA-Datei fest.</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>Jetzt &amp;neu verbinden</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About SignalGate</source>
        <translation>&amp;Über SignalGate</translation>
    </message>
    <message>
        <source>About SignalGate</source>
        <translation>Über SignalGate</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;SignalGate %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Live signals behind JWT authentication. Tokens are kept in your system keychain only.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;SignalGate %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Live-Signale hinter JWT-Authentifizierung. Tokens werden ausschließlich im Schlüsselbund Ihres Systems aufbewahrt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting in %1 s…</source>
        <translation>Verbindung verloren. Neue Verbindung in %1 s…</translation>
    </message>
</context>
<context>
    <name>ReconnectPolicy</name>
    <message>
        <source>The server still rejects the access token after a refresh; please sign in again.</source>
        <translation>Der Server lehnt das Zugriffstoken auch nach einer Aktualisierung ab; bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The access token expired; refreshing it, then reconnecting.</source>
        <translation>Das Zugriffstoken ist abgelaufen; es wird aktualisiert, danach wird neu verbunden.</translation>
    </message>
    <message>
        <source>The server rejected the access token; refreshing it, then reconnecting.</source>
        <translation>Der Server hat das Zugriffstoken abgelehnt; es wird aktualisiert, danach wird neu verbunden.</translation>
    </message>
    <message>
        <source>The server received no access token; please sign in.</source>
        <translation>Der Server hat kein Zugriffstoken erhalten; bitte melden Sie sich an.</translation>
    </message>
    <message>
        <source>The session was revoked; not reconnecting. Sign in again to continue.</source>
        <translation>Die Sitzung wurde widerrufen; es wird nicht neu verbunden. Melden Sie sich erneut an, um fortzufahren.</translation>
    </message>
    <message>
        <source>The server rejected the token refresh; not reconnecting.</source>
        <translation>Der Server hat die Token-Aktualisierung abgelehnt; es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>This user has too many open connections; not reconnecting. Close another client first.</source>
        <translation>Dieser Benutzer hat zu viele offene Verbindungen; es wird nicht neu verbunden. Schließen Sie zuerst einen anderen Client.</translation>
    </message>
    <message>
        <source>The client sent more messages than the server allows; not reconnecting.</source>
        <translation>Der Client hat mehr Nachrichten gesendet, als der Server zulässt; es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>The connection was closed on purpose; not reconnecting.</source>
        <translation>Die Verbindung wurde absichtlich geschlossen; es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>The server does not accept the data the client sent; not reconnecting.</source>
        <translation>Der Server nimmt die vom Client gesendeten Daten nicht an; es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>A message was larger than the server allows; not reconnecting.</source>
        <translation>Eine Nachricht war größer, als der Server zulässt; es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>The server is shutting down; reconnecting.</source>
        <translation>Der Server wird heruntergefahren; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The connection was lost; reconnecting.</source>
        <translation>Die Verbindung wurde unterbrochen; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The server had an internal error; reconnecting.</source>
        <translation>Beim Server ist ein interner Fehler aufgetreten; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The client fell behind the server; reconnecting and resuming.</source>
        <translation>Der Client ist hinter dem Server zurückgefallen; es wird neu verbunden und fortgesetzt.</translation>
    </message>
    <message>
        <source>The connection closed with code %1; reconnecting.</source>
        <translation>Die Verbindung wurde mit Code %1 geschlossen; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The connection closed with code %1, which this client does not know; not reconnecting.</source>
        <translation>Die Verbindung wurde mit Code %1 geschlossen, den dieser Client nicht kennt; es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>A network error ended the connection; reconnecting.</source>
        <translation>Ein Netzwerkfehler hat die Verbindung beendet; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The server is taking no new connections for now (HTTP 429); reconnecting later.</source>
        <translation>Der Server nimmt vorerst keine neuen Verbindungen an (HTTP 429); es wird später neu verbunden.</translation>
    </message>
    <message>
        <source>The server refused the connection (HTTP 403: origin not allowed); not reconnecting.</source>
        <translation>Der Server hat die Verbindung abgelehnt (HTTP 403: Origin nicht zugelassen); es wird nicht neu verbunden.</translation>
    </message>
    <message>
        <source>The server asks for a sign-in (HTTP 401).</source>
        <translation>Der Server verlangt eine Anmeldung (HTTP 401).</translation>
    </message>
    <message>
        <source>The server answered HTTP %1; reconnecting.</source>
        <translation>Der Server hat mit HTTP %1 geantwortet; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The server refused the WebSocket connection (HTTP %1); not reconnecting.</source>
        <translation>Der Server hat die WebSocket-Verbindung abgelehnt (HTTP %1); es wird nicht neu verbunden.</translation>
    </message>
</context>
<context>
    <name>ServerAddress</name>
    <message>
        <source>Enter the server address, for example http://127.0.0.1:8765.</source>
        <translation>Geben Sie die Serveradresse ein, zum Beispiel http://127.0.0.1:8765.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Use http://host:port or https://host:port.</source>
        <translation>„%1“ ist keine Serveradresse. Verwenden Sie http://host:port oder https://host:port.</translation>
    </message>
    <message>
        <source>The address must start with http://, https://, ws:// or wss:// (not %1://).</source>
        <translation>Die Adresse muss mit http://, https://, ws:// oder wss:// beginnen (nicht mit %1://).</translation>
    </message>
    <message>
        <source>The server address must not contain a user name, a query or a fragment.</source>
        <translation>Die Serveradresse darf keinen Benutzernamen, keine Query-Parameter und kein Fragment enthalten.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>The access token could not be renewed in time; the connection ends when it expires and the client then tries once more.</source>
        <translation>Das Zugriffstoken konnte nicht rechtzeitig erneuert werden; die Verbindung endet, wenn es abläuft, und der Client versucht es dann noch einmal.</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1: %2. Choose a readable PEM file in Settings.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden: %2. Wählen Sie in den Einstellungen eine lesbare PEM-Datei.</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----). For the bundled server use the cert.pem written by gen-dev-cert.</source>
        <translation>Die CA-Datei %1 enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----). Verwenden Sie für den mitgelieferten Server die von gen-dev-cert erzeugte cert.pem.</translation>
    </message>
    <message>
        <source>There is no refresh token to renew the session with. Please sign in again.</source>
        <translation>Es gibt kein Aktualisierungstoken, mit dem die Sitzung erneuert werden könnte. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your saved session has ended (%1). Please sign in again.</source>
        <translation>Ihre gespeicherte Sitzung ist beendet (%1). Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server refused to renew the session (%1). Please sign in again.</source>
        <translation>Der Server hat die Erneuerung der Sitzung abgelehnt (%1). Bitte melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Allow unencrypted ws:// to hosts other than this computer (testing only)</source>
        <translation>Unverschlüsseltes ws:// zu anderen Hosts als diesem Computer erlauben (nur zum Testen)</translation>
    </message>
    <message>
        <source>SignalGate settings</source>
        <translation>SignalGate-Einstellungen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>Systemzertifikate</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>CA certificate (PEM)</source>
        <translation>CA-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Token transport</source>
        <translation>Token-Übertragung</translation>
    </message>
    <message>
        <source>Authorization header (recommended)</source>
        <translation>Authorization-Header (empfohlen)</translation>
    </message>
    <message>
        <source>Subprotocol bearer.&lt;token&gt; (testing)</source>
        <translation>Subprotokoll bearer.&lt;token&gt; (zum Testen)</translation>
    </message>
    <message>
        <source>Query ?token= (testing; the token appears in URLs)</source>
        <translation>Query-Parameter ?token= (zum Testen; das Token erscheint in URLs)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;CA file (TLS):</source>
        <translation>&amp;CA-Datei (TLS):</translation>
    </message>
    <message>
        <source>&amp;Token transport:</source>
        <translation>&amp;Token-Übertragung:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new server, CA file or transport applies from the next sign-in; a new language from the next start.</source>
        <translation>Ein neuer Server, eine neue CA-Datei oder eine neue Token-Übertragung gilt ab der nächsten Anmeldung; eine neue Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>%1 is not encrypted and not on this computer. Use https://, or tick the box that allows unencrypted connections.</source>
        <translation>%1 ist nicht verschlüsselt und nicht auf diesem Computer. Verwenden Sie https:// oder aktivieren Sie das Kontrollkästchen, das unverschlüsselte Verbindungen erlaubt.</translation>
    </message>
</context>
<context>
    <name>SignalConnection</name>
    <message>
        <source>Disconnected on request.</source>
        <translation>Auf Anforderung getrennt.</translation>
    </message>
    <message>
        <source>No WebSocket server address (ws:// or wss://) is set.</source>
        <translation>Es ist keine WebSocket-Serveradresse (ws:// oder wss://) festgelegt.</translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation>Der Server antwortet nicht mehr.</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not trusted; not reconnecting. Check the CA certificate setting.</source>
        <translation>Das TLS-Zertifikat des Servers ist nicht vertrauenswürdig; es wird nicht neu verbunden. Prüfen Sie die Einstellung für das CA-Zertifikat.</translation>
    </message>
    <message>
        <source>The new access token cannot be read.</source>
        <translation>Das neue Zugriffstoken kann nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>SignalModel</name>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
</context>
<context>
    <name>SignalsPane</name>
    <message>
        <source>E&amp;xact symbol</source>
        <translation>E&amp;xaktes Symbol</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Filter by symbol, e.g. EUR</source>
        <translation>Nach Symbol filtern, z. B. EUR</translation>
    </message>
    <message>
        <source>Symbol filter</source>
        <translation>Symbolfilter</translation>
    </message>
    <message>
        <source>Match the whole symbol</source>
        <translation>Nur das vollständige Symbol abgleichen</translation>
    </message>
    <message>
        <source>Pause the signal table</source>
        <translation>Signaltabelle pausieren</translation>
    </message>
    <message>
        <source>Freeze the table; signals are still received and counted (Space)</source>
        <translation>Tabelle anhalten; Signale werden weiterhin empfangen und gezählt (Leertaste)</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text (Ctrl+C)</source>
        <translation>Ausgewählte Zeilen als tabulatorgetrennten Text kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Remove every row; the counters stay</source>
        <translation>Alle Zeilen entfernen; die Zähler bleiben erhalten</translation>
    </message>
    <message>
        <source>Signal counters</source>
        <translation>Signalzähler</translation>
    </message>
    <message>
        <source>Live signals, newest first</source>
        <translation>Live-Signale, neueste zuerst</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the signal table</source>
        <translation>Signaltabelle fortsetzen</translation>
    </message>
    <message>
        <source>Signals/s: %1 · Total: %2 · Gaps: %3 · Recovered: %4 · Duplicates dropped: %5</source>
        <translation>Signale/s: %1 · Gesamt: %2 · Lücken: %3 · Wiederhergestellt: %4 · Verworfene Duplikate: %5</translation>
    </message>
    <message numerus="yes">
        <source> · Paused: %n waiting</source>
        <translation>
            <numerusform> · Pausiert: %n Signal wartet</numerusform>
            <numerusform> · Pausiert: %n Signale warten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <source>error %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Tokens are kept in memory for this session only; you will have to sign in again next time.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Tokens werden nur für diese Sitzung im Arbeitsspeicher gehalten; beim nächsten Mal müssen Sie sich erneut anmelden.</translation>
    </message>
</context>
</TS>
