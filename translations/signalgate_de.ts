<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
    <name>RunComparison</name>
    <message numerus="yes">
        <source>No verdict changed (%n the same).</source>
        <translation>
            <numerusform>Kein Urteil geändert (%n gleich).</numerusform>
            <numerusform>Kein Urteil geändert (%n gleich).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verdict(s) changed: </source>
        <translation>
            <numerusform>%n Urteil geändert: </numerusform>
            <numerusform>%n Urteile geändert: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n regression(s), </source>
        <translation>
            <numerusform>%n Rückschritt, </numerusform>
            <numerusform>%n Rückschritte, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fixed; </source>
        <translation>
            <numerusform>%n behoben; </numerusform>
            <numerusform>%n behoben; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n the same.</source>
        <translation>
            <numerusform>%n gleich.</numerusform>
            <numerusform>%n gleich.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>1008 &quot;Invalid or expired token&quot;, no welcome, no signal.</source>
        <translation>1008 &quot;Invalid or expired token&quot;, kein welcome, kein Signal.</translation>
    </message>
    <message>
        <source>1008 &quot;Authentication required&quot;, no welcome, no signal.</source>
        <translation>1008 &quot;Authentication required&quot;, kein welcome, kein Signal.</translation>
    </message>
    <message>
        <source>Valid token</source>
        <translation>Gültiges Token</translation>
    </message>
    <message>
        <source>A genuine token is admitted: welcome, then live signals.</source>
        <translation>Ein echtes Token wird zugelassen: welcome, danach Live-Signale.</translation>
    </message>
    <message>
        <source>welcome, then signals.</source>
        <translation>welcome, danach Signale.</translation>
    </message>
    <message>
        <source>No token</source>
        <translation>Kein Token</translation>
    </message>
    <message>
        <source>A connection without any token is refused before it joins the pool.</source>
        <translation>Eine Verbindung ganz ohne Token wird abgelehnt, bevor sie in den Pool aufgenommen wird.</translation>
    </message>
    <message>
        <source>Empty token</source>
        <translation>Leeres Token</translation>
    </message>
    <message>
        <source>An empty token counts as none.</source>
        <translation>Ein leeres Token zählt wie kein Token.</translation>
    </message>
    <message>
        <source>Null signature</source>
        <translation>Leere Signatur</translation>
    </message>
    <message>
        <source>A genuine header and payload with an empty signature segment (header.payload.) are refused.</source>
        <translation>Echter Header und Payload mit leerem Signatursegment (header.payload.) werden abgelehnt.</translation>
    </message>
    <message>
        <source>Malformed token</source>
        <translation>Fehlerhaftes Token</translation>
    </message>
    <message>
        <source>Text that is not a JWS is refused, not half-parsed.</source>
        <translation>Text, der kein JWS ist, wird abgelehnt und nicht halb geparst.</translation>
    </message>
    <message>
        <source>Bad signature</source>
        <translation>Falsche Signatur</translation>
    </message>
    <message>
        <source>A genuine token with one signature character changed is refused.</source>
        <translation>Ein echtes Token mit einem geänderten Zeichen in der Signatur wird abgelehnt.</translation>
    </message>
    <message>
        <source>alg none</source>
        <translation>alg none</translation>
    </message>
    <message>
        <source>A genuine payload under {&quot;alg&quot;:&quot;none&quot;} without a signature is refused.</source>
        <translation>Ein echter Payload unter {&quot;alg&quot;:&quot;none&quot;} ohne Signatur wird abgelehnt.</translation>
    </message>
    <message>
        <source>Expired token</source>
        <translation>Abgelaufenes Token</translation>
    </message>
    <message>
        <source>A correctly signed token past exp (+ leeway) is refused.</source>
        <translation>Ein korrekt signiertes Token nach exp (+ Toleranz) wird abgelehnt.</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Noch nicht gültig</translation>
    </message>
    <message>
        <source>A correctly signed token with nbf an hour ahead is refused.</source>
        <translation>Ein korrekt signiertes Token mit nbf eine Stunde in der Zukunft wird abgelehnt.</translation>
    </message>
    <message>
        <source>Wrong issuer</source>
        <translation>Falscher Aussteller</translation>
    </message>
    <message>
        <source>A correctly signed token from another issuer is refused.</source>
        <translation>Ein korrekt signiertes Token eines anderen Ausstellers wird abgelehnt.</translation>
    </message>
    <message>
        <source>Wrong audience</source>
        <translation>Falsche Zielgruppe</translation>
    </message>
    <message>
        <source>A correctly signed token for another audience is refused.</source>
        <translation>Ein korrekt signiertes Token für eine andere Zielgruppe wird abgelehnt.</translation>
    </message>
    <message>
        <source>Algorithm confusion</source>
        <translation>Algorithmusverwechslung</translation>
    </message>
    <message>
        <source>The header&apos;s alg never chooses the algorithm: a token whose header names another algorithm (with a key: HS512 with an HS secret, HS256 keyed with the public key PEM for RSA/EC/Ed25519) is refused.</source>
        <translation>Das alg im Header bestimmt nie den Algorithmus: Ein Token, dessen Header einen anderen Algorithmus nennt (mit Schlüssel: HS512 mit einem HS-Geheimnis, HS256 mit dem öffentlichen Schlüssel als PEM für RSA/EC/Ed25519), wird abgelehnt.</translation>
    </message>
    <message>
        <source>Wrong typ</source>
        <translation>Falscher typ</translation>
    </message>
    <message>
        <source>A correctly signed token with typ JWT instead of at+jwt is refused.</source>
        <translation>Ein korrekt signiertes Token mit typ JWT statt at+jwt wird abgelehnt.</translation>
    </message>
    <message>
        <source>Revoked token</source>
        <translation>Widerrufenes Token</translation>
    </message>
    <message>
        <source>An access token is dead after logout, though not expired.</source>
        <translation>Ein Zugriffstoken ist nach der Abmeldung ungültig, auch wenn es nicht abgelaufen ist.</translation>
    </message>
    <message>
        <source>Oversized token</source>
        <translation>Übergroßes Token</translation>
    </message>
    <message>
        <source>A token over 8 KiB is never admitted.</source>
        <translation>Ein Token über 8 KiB wird nie zugelassen.</translation>
    </message>
    <message>
        <source>1008 &quot;Invalid or expired token&quot; or HTTP 400/431, no signal.</source>
        <translation>1008 &quot;Invalid or expired token&quot; oder HTTP 400/431, kein Signal.</translation>
    </message>
    <message>
        <source>Foreign Origin</source>
        <translation>Fremder Origin</translation>
    </message>
    <message>
        <source>A browser page from an origin not on the allow-list cannot open the stream (CSWSH).</source>
        <translation>Eine Browserseite von einem Origin, der nicht auf der Zulassungsliste steht, kann den Stream nicht öffnen (CSWSH).</translation>
    </message>
    <message>
        <source>HTTP 403.</source>
        <translation>HTTP 403.</translation>
    </message>
    <message>
        <source>Message flood</source>
        <translation>Nachrichtenflut</translation>
    </message>
    <message>
        <source>The per-connection message rate holds: the limit plus a few messages get rate_limited, then the close.</source>
        <translation>Die Nachrichtenrate pro Verbindung greift: Das Limit plus einige Nachrichten erhalten rate_limited, danach folgt das Schließen.</translation>
    </message>
    <message>
        <source>rate_limited, then 1008 &quot;Rate limit exceeded&quot;.</source>
        <translation>rate_limited, danach 1008 &quot;Rate limit exceeded&quot;.</translation>
    </message>
    <message>
        <source>Connection flood</source>
        <translation>Verbindungsflut</translation>
    </message>
    <message>
        <source>The per-IP upgrade rate holds: once the published rate is spent the next upgrade is refused.</source>
        <translation>Die Upgrade-Rate pro IP greift: Sobald die veröffentlichte Rate ausgeschöpft ist, wird das nächste Upgrade abgelehnt.</translation>
    </message>
    <message>
        <source>HTTP 429 with Retry-After once the rate is spent.</source>
        <translation>HTTP 429 mit Retry-After, sobald die Rate ausgeschöpft ist.</translation>
    </message>
    <message>
        <source>Oversized message</source>
        <translation>Übergroße Nachricht</translation>
    </message>
    <message>
        <source>A message over max_message_bytes closes the connection.</source>
        <translation>Eine Nachricht über max_message_bytes schließt die Verbindung.</translation>
    </message>
    <message>
        <source>1009.</source>
        <translation>1009.</translation>
    </message>
    <message>
        <source>Binary frame</source>
        <translation>Binärer Frame</translation>
    </message>
    <message>
        <source>The protocol is JSON text: a binary frame closes the connection.</source>
        <translation>Das Protokoll ist JSON-Text: Ein binärer Frame schließt die Verbindung.</translation>
    </message>
    <message>
        <source>1003.</source>
        <translation>1003.</translation>
    </message>
    <message>
        <source>Invalid JSON</source>
        <translation>Ungültiges JSON</translation>
    </message>
    <message>
        <source>Garbage gets an error answer and the connection stays usable.</source>
        <translation>Unsinnige Daten erhalten eine Fehlerantwort, und die Verbindung bleibt nutzbar.</translation>
    </message>
    <message>
        <source>error bad_request, connection stays open.</source>
        <translation>Fehler bad_request, Verbindung bleibt offen.</translation>
    </message>
    <message>
        <source>In-band refresh</source>
        <translation>In-Band-Aktualisierung</translation>
    </message>
    <message>
        <source>A fresh token sent on the open connection extends it.</source>
        <translation>Ein frisches Token, das über die offene Verbindung gesendet wird, verlängert sie.</translation>
    </message>
    <message>
        <source>auth.refreshed, no disconnect.</source>
        <translation>auth.refreshed, keine Trennung.</translation>
    </message>
    <message>
        <source>Refresh as another user</source>
        <translation>Aktualisierung als anderer Benutzer</translation>
    </message>
    <message>
        <source>An open connection cannot be taken over by another user&apos;s valid token.</source>
        <translation>Eine offene Verbindung kann nicht mit dem gültigen Token eines anderen Benutzers übernommen werden.</translation>
    </message>
    <message>
        <source>1008 &quot;Refresh rejected&quot;.</source>
        <translation>1008 &quot;Refresh rejected&quot;.</translation>
    </message>
    <message>
        <source>Refresh attempts exhausted</source>
        <translation>Aktualisierungsversuche ausgeschöpft</translation>
    </message>
    <message>
        <source>Failed in-band refreshes are bounded: the attempt after the published number closes.</source>
        <translation>Fehlgeschlagene In-Band-Aktualisierungen sind begrenzt: Der Versuch nach der veröffentlichten Anzahl schließt die Verbindung.</translation>
    </message>
    <message>
        <source>1008 &quot;Refresh rejected&quot; on the 4th attempt.</source>
        <translation>1008 &quot;Refresh rejected&quot; beim 4. Versuch.</translation>
    </message>
    <message>
        <source>Expiry without refresh</source>
        <translation>Ablauf ohne Aktualisierung</translation>
    </message>
    <message>
        <source>An open connection does not outlive its token: a warning, then the close.</source>
        <translation>Eine offene Verbindung überdauert ihr Token nicht: eine Warnung, danach das Schließen.</translation>
    </message>
    <message>
        <source>auth.expiring, then 1008 &quot;Token expired&quot;.</source>
        <translation>auth.expiring, danach 1008 &quot;Token expired&quot;.</translation>
    </message>
    <message>
        <source>authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>origin and rate limits</source>
        <translation>Origin und Ratenlimits</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>refresh and expiry</source>
        <translation>Aktualisierung und Ablauf</translation>
    </message>
    <message>
        <source>a valid token (a login, a token file or a signing key)</source>
        <translation>ein gültiges Token (eine Anmeldung, eine Token-Datei oder ein Signaturschlüssel)</translation>
    </message>
    <message>
        <source>minted tokens (/dev/token on a dev-mode server, or the signing key)</source>
        <translation>selbst erzeugte Tokens (/dev/token auf einem Server im Dev-Modus oder der Signaturschlüssel)</translation>
    </message>
    <message>
        <source>in-band refresh (feature &quot;refresh&quot;)</source>
        <translation>In-Band-Aktualisierung (Feature &quot;refresh&quot;)</translation>
    </message>
    <message>
        <source>a refresh token (the signalgate login)</source>
        <translation>ein Refresh-Token (die SignalGate-Anmeldung)</translation>
    </message>
    <message>
        <source>logout that revokes (the signalgate login)</source>
        <translation>eine Abmeldung, die widerruft (die SignalGate-Anmeldung)</translation>
    </message>
    <message>
        <source>a message rate limit (feature &quot;msg-rate&quot;)</source>
        <translation>ein Nachrichtenratenlimit (Feature &quot;msg-rate&quot;)</translation>
    </message>
    <message>
        <source>Nothing but the server.</source>
        <translation>Nichts außer dem Server.</translation>
    </message>
</context>
<context>
    <name>ScenarioContext</name>
    <message>
        <source>needs a valid token: give a login (--login), a token file (--token-file) or the signing key (--forge-key)</source>
        <translation>braucht ein gültiges Token: geben Sie eine Anmeldung (--login), eine Token-Datei (--token-file) oder den Signaturschlüssel (--forge-key) an</translation>
    </message>
    <message>
        <source>the target does not claim in-band refresh (features: add &quot;refresh&quot; if it has it)</source>
        <translation>das Ziel gibt keine In-Band-Aktualisierung an (features: &quot;refresh&quot; ergänzen, wenn es sie hat)</translation>
    </message>
    <message>
        <source>the target does not claim a message rate limit (features: add &quot;msg-rate&quot; if it has one)</source>
        <translation>das Ziel gibt kein Nachrichtenratenlimit an (features: &quot;msg-rate&quot; ergänzen, wenn es eines hat)</translation>
    </message>
    <message>
        <source>needs a refresh token: the %1 login gave an access token only</source>
        <translation>braucht ein Refresh-Token: die Anmeldung %1 lieferte nur ein Access-Token</translation>
    </message>
    <message>
        <source>needs a logout that revokes tokens: only the signalgate login has one</source>
        <translation>braucht eine Abmeldung, die Tokens widerruft: nur die SignalGate-Anmeldung hat eine</translation>
    </message>
    <message>
        <source> with the reason PROTOCOL.md gives</source>
        <translation> mit dem Grund aus PROTOCOL.md</translation>
    </message>
    <message>
        <source>still open after %1 ms</source>
        <translation>nach %1 ms noch offen</translation>
    </message>
    <message>
        <source>&quot;%1&quot;</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>any message</source>
        <translation>beliebige Nachrichten</translation>
    </message>
    <message>
        <source>&quot;%1&quot; messages</source>
        <translation>„%1“-Nachrichten</translation>
    </message>
    <message>
        <source>%1, then %2.</source>
        <translation>%1, dann %2.</translation>
    </message>
    <message>
        <source>HTTP %1.</source>
        <translation>HTTP %1.</translation>
    </message>
    <message>
        <source>HTTP %1 with Retry-After once the rate is spent.</source>
        <translation>HTTP %1 mit Retry-After, sobald die Rate verbraucht ist.</translation>
    </message>
    <message>
        <source>close %1 or HTTP 400/431, no signal.</source>
        <translation>Close %1 oder HTTP 400/431, kein Signal.</translation>
    </message>
    <message>
        <source>still open, and still streaming after the garbage.</source>
        <translation>noch offen und streamt nach dem Unsinn weiter.</translation>
    </message>
    <message>
        <source>close %1 once over the rate.</source>
        <translation>Close %1, sobald die Rate überschritten ist.</translation>
    </message>
    <message>
        <source>close %1 (refresh rejected).</source>
        <translation>Close %1 (Aktualisierung abgelehnt).</translation>
    </message>
    <message>
        <source>close %1 once the token has expired.</source>
        <translation>Close %1, sobald das Token abgelaufen ist.</translation>
    </message>
    <message>
        <source>close %1, not admitted, no signal.</source>
        <translation>Close %1, nicht zugelassen, kein Signal.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::AuthApi</name>
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
    <message>
        <source>Wrong user name or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>The session has ended (its refresh token is no longer valid); sign in again.</source>
        <translation>Die Sitzung ist beendet (ihr Aktualisierungstoken ist nicht mehr gültig); bitte erneut anmelden.</translation>
    </message>
    <message>
        <source>The server refused the access token.</source>
        <translation>Der Server hat das Zugriffstoken abgelehnt.</translation>
    </message>
    <message>
        <source>Too many attempts; try again later.</source>
        <translation>Zu viele Versuche; bitte später erneut versuchen.</translation>
    </message>
    <message>
        <source>The server is busy; try again shortly.</source>
        <translation>Der Server ist ausgelastet; bitte gleich erneut versuchen.</translation>
    </message>
    <message>
        <source>The server cannot issue tokens right now; try again shortly.</source>
        <translation>Der Server kann gerade keine Tokens ausstellen; bitte gleich erneut versuchen.</translation>
    </message>
    <message>
        <source>The server does not accept requests from this client&apos;s origin.</source>
        <translation>Der Server nimmt keine Anfragen vom Origin dieses Clients an.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::ClientCore</name>
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
        <source>Disconnected: %1</source>
        <translation>Getrennt: %1</translation>
    </message>
    <message>
        <source>Stay disconnected.</source>
        <translation>Getrennt bleiben.</translation>
    </message>
    <message numerus="yes">
        <source>The server skipped %n signal(s) without closing; they are lost.</source>
        <translation>
            <numerusform>Der Server hat %n Signal ohne Schließen übersprungen; es ist verloren.</numerusform>
            <numerusform>Der Server hat %n Signale ohne Schließen übersprungen; sie sind verloren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed: %n signal(s) recovered</source>
        <translation>
            <numerusform>Fortgesetzt: %n Signal wiederhergestellt</numerusform>
            <numerusform>Fortgesetzt: %n Signale wiederhergestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n lost.</source>
        <translation>
            <numerusform>, %n verloren.</numerusform>
            <numerusform>, %n verloren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Keine Verbindung möglich: %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Signed in as %1 at %2 with the session kept in the keychain.</source>
        <translation>Als %1 bei %2 angemeldet, mit der im Schlüsselbund gespeicherten Sitzung.</translation>
    </message>
    <message>
        <source>Connect; the tokens stay in memory only.</source>
        <translation>Verbinden; die Tokens bleiben nur im Speicher.</translation>
    </message>
    <message>
        <source>%1 Details: %2</source>
        <translation>%1 Details: %2</translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::EventLog</name>
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
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <translation>
            <numerusform>%1 (%n-mal)</numerusform>
            <numerusform>%1 (%n-mal)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::ServerAddress</name>
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
    <message>
        <source>&quot;%1&quot; looks like a mistyped address: write http://host:port or https://host:port.</source>
        <translation>„%1“ sieht nach einer vertippten Adresse aus: Schreiben Sie http://host:port oder https://host:port.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::SessionController</name>
    <message>
        <source>The access token could not be renewed in time; the connection ends when it expires and the client then tries once more.</source>
        <translation>Das Zugriffstoken konnte nicht rechtzeitig erneuert werden; die Verbindung endet, wenn es abläuft, und der Client versucht es dann noch einmal.</translation>
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
    <message>
        <source>Cannot read the CA file %1: %2.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden: %2.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Client::SignalConnection</name>
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
    <name>SignalGate::Client::SignalModel</name>
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
        <translation>Richtung</translation>
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
    <name>SignalGate::Client::TokenStore</name>
    <message>
        <source>error %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <source>No keychain answered. The tokens are kept in memory for this session only; you will have to sign in again next time.</source>
        <translation>Kein Schlüsselbund hat geantwortet. Die Tokens werden nur für diese Sitzung im Speicher gehalten; beim nächsten Mal müssen Sie sich erneut anmelden.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ConnectScenario</name>
    <message>
        <source>unknown scenario</source>
        <translation>unbekanntes Szenario</translation>
    </message>
    <message>
        <source>not admitted</source>
        <translation>nicht zugelassen</translation>
    </message>
    <message>
        <source>closed before any signal</source>
        <translation>vor dem ersten Signal geschlossen</translation>
    </message>
    <message>
        <source>welcome, but no signal within %1 ms</source>
        <translation>welcome, aber kein Signal innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>not admitted within %1 ms</source>
        <translation>nicht innerhalb von %1 ms zugelassen</translation>
    </message>
    <message>
        <source>admitted (open after %1 ms), then a live signal</source>
        <translation>zugelassen (nach %1 ms noch offen), dann ein Live-Signal</translation>
    </message>
    <message>
        <source>%1, then a live signal</source>
        <translation>%1, dann ein Live-Signal</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::HandshakeProbe</name>
    <message>
        <source>no close within the time allowed</source>
        <translation>kein Schließen innerhalb der zulässigen Zeit</translation>
    </message>
    <message>
        <source>no answer to the upgrade request</source>
        <translation>keine Antwort auf die Upgrade-Anfrage</translation>
    </message>
    <message>
        <source>the server closed without answering</source>
        <translation>der Server hat ohne Antwort geschlossen</translation>
    </message>
    <message>
        <source>raw upgrade %1 (%2 bytes)</source>
        <translation>Roh-Upgrade %1 (%2 Bytes)</translation>
    </message>
    <message>
        <source>, Origin %1</source>
        <translation>, Origin %1</translation>
    </message>
    <message>
        <source>answer head too large</source>
        <translation>Kopf der Antwort zu groß</translation>
    </message>
    <message>
        <source>the server sent a frame this probe does not read</source>
        <translation>der Server hat einen Frame gesendet, den diese Prüfverbindung nicht liest</translation>
    </message>
    <message>
        <source>close %1 &quot;%2&quot;</source>
        <translation>Close %1 &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::HandshakeScenario</name>
    <message>
        <source>upgraded a request from the foreign Origin %1%2</source>
        <translation>Upgrade für eine Anfrage vom fremden Origin %1 durchgeführt%2</translation>
    </message>
    <message>
        <source> and sent welcome</source>
        <translation> und welcome gesendet</translation>
    </message>
    <message>
        <source>no answer: %1</source>
        <translation>keine Antwort: %1</translation>
    </message>
    <message>
        <source>refused with HTTP %1 before the upgrade</source>
        <translation>vor dem Upgrade mit HTTP %1 abgelehnt</translation>
    </message>
    <message>
        <source>HTTP %1 instead of 400/431 or 1008</source>
        <translation>HTTP %1 statt 400/431 oder 1008</translation>
    </message>
    <message>
        <source>admitted a %1-byte token: the server sent welcome</source>
        <translation>Token mit %1 Bytes zugelassen: Der Server hat welcome gesendet</translation>
    </message>
    <message>
        <source>no close after the upgrade</source>
        <translation>kein Schließen nach dem Upgrade</translation>
    </message>
    <message>
        <source>closed %1 &quot;%2&quot;</source>
        <translation>geschlossen mit %1 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the published rate (%1 per %2 s) refills every %3 ms: faster than a flood of the limit plus %4 can spend it, so no polite flood can prove it</source>
        <translation>die veröffentlichte Rate (%1 pro %2 s) füllt sich alle %3 ms wieder auf: schneller, als eine Flut aus dem Limit plus %4 sie verbrauchen kann, daher kann keine maßvolle Flut sie nachweisen</translation>
    </message>
    <message>
        <source>HTTP %1 during the flood</source>
        <translation>HTTP %1 während der Flut</translation>
    </message>
    <message>
        <source>HTTP %1 instead of %2</source>
        <translation>HTTP %1 statt %2</translation>
    </message>
    <message>
        <source>upgraded, then closed %1</source>
        <translation>Upgrade, dann geschlossen mit %1</translation>
    </message>
    <message>
        <source>could not read the published limits: not admitted</source>
        <translation>veröffentlichte Limits nicht lesbar: nicht zugelassen</translation>
    </message>
    <message>
        <source>the server publishes conn_rate %1/%2 s</source>
        <translation>der Server veröffentlicht conn_rate %1/%2 s</translation>
    </message>
    <message>
        <source>nothing published; the contract&apos;s default is %1 per 60 s</source>
        <translation>nichts veröffentlicht; der Vertrag sieht %1 pro 60 s vor</translation>
    </message>
    <message>
        <source>no %1 after %2 upgrades in a row (%3)</source>
        <translation>kein %1 nach %2 Upgrades in Folge (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%1 after %n upgrade(s), but without a valid Retry-After</source>
        <translation>
            <numerusform>%1 nach %n Upgrade, aber ohne gültiges Retry-After</numerusform>
            <numerusform>%1 nach %n Upgrades, aber ohne gültiges Retry-After</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 after %n admitted upgrade(s), Retry-After: %2 s</source>
        <translation>
            <numerusform>%1 nach %n zugelassenen Upgrade, Retry-After: %2 s</numerusform>
            <numerusform>%1 nach %n zugelassenen Upgrades, Retry-After: %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ManualProbe</name>
    <message>
        <source>not signed in: there is no current token</source>
        <translation>nicht angemeldet: Es gibt kein aktuelles Token</translation>
    </message>
    <message>
        <source>no server yet: sign in for tests first</source>
        <translation>noch kein Server: melden Sie sich zuerst für Tests an</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::MessageScenario</name>
    <message>
        <source>still open %1 ms later</source>
        <translation>nach %1 ms noch offen</translation>
    </message>
    <message>
        <source>closed %1 &quot;%2&quot; instead of %3</source>
        <translation>geschlossen mit %1 &quot;%2&quot; statt %3</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>geschlossen mit %1</translation>
    </message>
    <message>
        <source>the connection closed (%1 &quot;%2&quot;)</source>
        <translation>die Verbindung wurde geschlossen (%1 &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>no bad_request error within %1 ms</source>
        <translation>kein bad_request-Fehler innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>bad_request, and the connection still answers a ping</source>
        <translation>bad_request, und die Verbindung antwortet weiterhin auf ping</translation>
    </message>
    <message>
        <source>no pong after the error: the connection is not usable</source>
        <translation>kein pong nach dem Fehler: Die Verbindung ist nicht nutzbar</translation>
    </message>
    <message>
        <source>no rate_limited error after %1 messages</source>
        <translation>kein rate_limited-Fehler nach %1 Nachrichten</translation>
    </message>
    <message>
        <source>, and the connection stays open</source>
        <translation>, und die Verbindung bleibt offen</translation>
    </message>
    <message>
        <source>still open, but no signal and no pong within %1 ms after the garbage</source>
        <translation>noch offen, aber kein Signal und kein Pong innerhalb von %1 ms nach dem Unsinn</translation>
    </message>
    <message numerus="yes">
        <source>still open, %n signal(s) after the garbage (no error answer asked for: profile %1)</source>
        <translation>
            <numerusform>noch offen, %n Signal nach dem Müll (keine Fehlerantwort verlangt: Profil %1)</numerusform>
            <numerusform>noch offen, %n Signale nach dem Müll (keine Fehlerantwort verlangt: Profil %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rate_limited error(s) but no close</source>
        <translation>
            <numerusform>%n rate_limited-Fehler, aber kein Schließen</numerusform>
            <numerusform>%n rate_limited-Fehler, aber kein Schließen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> after %n message(s)</source>
        <translation>
            <numerusform> nach %n Nachricht</numerusform>
            <numerusform> nach %n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rate_limited error(s), then the close,</source>
        <translation>
            <numerusform>%n rate_limited-Fehler, dann das Schließen,</numerusform>
            <numerusform>%n rate_limited-Fehler, dann das Schließen,</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ProbeConnection</name>
    <message>
        <source>no answer to the handshake within %1 ms</source>
        <translation>keine Antwort auf den Handshake innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>101 Switching Protocols, subprotocol &quot;%1&quot;</source>
        <translation>101 Switching Protocols, Subprotokoll &quot;%1&quot;</translation>
    </message>
    <message>
        <source>upgrade %1</source>
        <translation>Upgrade %1</translation>
    </message>
    <message>
        <source>, no token</source>
        <translation>, kein Token</translation>
    </message>
    <message>
        <source>, empty token in %1</source>
        <translation>, leeres Token in %1</translation>
    </message>
    <message>
        <source>, token (%1 bytes) in %2</source>
        <translation>, Token (%1 Bytes) in %2</translation>
    </message>
    <message>
        <source>, no Origin</source>
        <translation>, kein Origin</translation>
    </message>
    <message>
        <source>, Origin %1</source>
        <translation>, Origin %1</translation>
    </message>
    <message>
        <source>HTTP %1 instead of 101</source>
        <translation>HTTP %1 statt 101</translation>
    </message>
    <message>
        <source>connection lost without a close frame (1006)</source>
        <translation>Verbindung ohne Close-Frame verloren (1006)</translation>
    </message>
    <message>
        <source>close %1 &quot;%2&quot;</source>
        <translation>Close %1 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>aborted by the probe</source>
        <translation>von der Prüfverbindung abgebrochen</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::RefreshScenario</name>
    <message>
        <source>still open after the wait</source>
        <translation>nach der Wartezeit noch offen</translation>
    </message>
    <message>
        <source>disconnected: close %1 &quot;%2&quot;</source>
        <translation>getrennt: Close %1 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>refresh_failed for a fresh token</source>
        <translation>refresh_failed für ein frisches Token</translation>
    </message>
    <message>
        <source>no auth.refreshed within %1 ms</source>
        <translation>kein auth.refreshed innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>auth.refreshed, still connected</source>
        <translation>auth.refreshed, weiterhin verbunden</translation>
    </message>
    <message>
        <source>no auth.expiring before the close</source>
        <translation>kein auth.expiring vor dem Schließen</translation>
    </message>
    <message>
        <source>closed %1 &quot;%2&quot; instead of %3</source>
        <translation>geschlossen mit %1 &quot;%2&quot; statt %3</translation>
    </message>
    <message>
        <source>closed %1 &quot;%2&quot;</source>
        <translation>geschlossen mit %1 &quot;%2&quot;</translation>
    </message>
    <message numerus="yes">
        <source>%n refresh_failed answer(s) before the close</source>
        <translation>
            <numerusform>%n refresh_failed-Antwort vor dem Schließen</numerusform>
            <numerusform>%n refresh_failed-Antworten vor dem Schließen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, expected %n</source>
        <translation>
            <numerusform>, erwartet %n</numerusform>
            <numerusform>, erwartet %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ScenarioEngine</name>
    <message>
        <source>the server must be http(s)://HOST:PORT or ws(s)://HOST:PORT</source>
        <translation>der Server muss http(s)://HOST:PORT oder ws(s)://HOST:PORT sein</translation>
    </message>
    <message numerus="yes">
        <source>unknown scenario id(s): %1</source>
        <translation>
            <numerusform>unbekannte Szenario-ID: %1</numerusform>
            <numerusform>unbekannte Szenario-IDs: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>not run: the run was stopped</source>
        <translation>nicht ausgeführt: Der Lauf wurde gestoppt</translation>
    </message>
    <message>
        <source>stopped by the user</source>
        <translation>vom Benutzer gestoppt</translation>
    </message>
    <message>
        <source>local key (%1)</source>
        <translation>lokaler Schlüssel (%1)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>cannot reach the WebSocket at %1: %2</source>
        <translation>WebSocket unter %1 nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>no answer within %1 ms</source>
        <translation>keine Antwort innerhalb von %1 ms</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ScenarioResultsModel</name>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Tatsächlich</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::ScenarioRun</name>
    <message>
        <source>no outcome within %1 s</source>
        <translation>kein Ergebnis innerhalb von %1 s</translation>
    </message>
    <message>
        <source>could not open an admitted connection (%1)</source>
        <translation>keine zugelassene Verbindung konnte geöffnet werden (%1)</translation>
    </message>
    <message>
        <source>a token forged with the given key (%1) was refused (%2): the key is not the server&apos;s, so minted scenarios cannot prove anything</source>
        <translation>ein mit dem angegebenen Schlüssel (%1) erzeugtes Token wurde abgelehnt (%2): Der Schlüssel ist nicht der des Servers, daher können Szenarien mit selbst erzeugten Tokens nichts nachweisen</translation>
    </message>
    <message>
        <source>refused with HTTP %1 before the upgrade</source>
        <translation>vor dem Upgrade mit HTTP %1 abgelehnt</translation>
    </message>
    <message>
        <source>HTTP %1 instead of the upgrade</source>
        <translation>HTTP %1 statt des Upgrades</translation>
    </message>
    <message>
        <source>no upgrade: %1</source>
        <translation>kein Upgrade: %1</translation>
    </message>
    <message>
        <source>still open %1 ms after the upgrade</source>
        <translation>%1 ms nach dem Upgrade noch offen</translation>
    </message>
    <message>
        <source>closed as the contract says</source>
        <translation>wie im Vertrag festgelegt geschlossen</translation>
    </message>
    <message>
        <source>admitted: still open %1 ms after the upgrade</source>
        <translation>zugelassen: %1 ms nach dem Upgrade noch offen</translation>
    </message>
    <message>
        <source>admitted: the server sent %1</source>
        <translation>zugelassen: der Server sandte %1</translation>
    </message>
    <message>
        <source>closed %1 &quot;%2&quot; instead of %3</source>
        <translation>geschlossen mit %1 &quot;%2&quot; statt %3</translation>
    </message>
    <message>
        <source>closed %1 &quot;%2&quot; (reason not compared: profile %3)</source>
        <translation>geschlossen mit %1 &quot;%2&quot; (Grund nicht verglichen: Profil %3)</translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) reached a refused connection</source>
        <translation>
            <numerusform>%n Signal erreichte eine abgelehnte Verbindung</numerusform>
            <numerusform>%n Signale erreichten eine abgelehnte Verbindung</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::TokenForge</name>
    <message>
        <source>%1 is an encrypted private key; give an unencrypted PEM.</source>
        <translation>%1 ist ein verschlüsselter privater Schlüssel; geben Sie eine unverschlüsselte PEM-Datei an.</translation>
    </message>
    <message>
        <source>%1 is not an unencrypted RSA (2048 bits or more), EC P-256 or Ed25519 private key.</source>
        <translation>%1 ist kein unverschlüsselter privater RSA-Schlüssel (2048 Bit oder mehr), EC-P-256- oder Ed25519-Schlüssel.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Scenarios::TokenSource</name>
    <message>
        <source>login failed: HTTP %1 (%2)</source>
        <translation>Anmeldung fehlgeschlagen: HTTP %1 (%2)</translation>
    </message>
    <message>
        <source>login failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>/dev/token answered HTTP %1</source>
        <translation>/dev/token hat mit HTTP %1 geantwortet</translation>
    </message>
    <message>
        <source>the key cannot sign</source>
        <translation>der Schlüssel kann nicht signieren</translation>
    </message>
    <message>
        <source>HTTP refresh failed: %1 %2</source>
        <translation>HTTP-Aktualisierung fehlgeschlagen: %1 %2</translation>
    </message>
    <message>
        <source>logout failed: HTTP %1 %2</source>
        <translation>Abmeldung fehlgeschlagen: HTTP %1 %2</translation>
    </message>
    <message>
        <source>second login failed: HTTP %1 %2</source>
        <translation>zweite Anmeldung fehlgeschlagen: HTTP %1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>needs a minted token: run against a server in dev mode (/dev/token) or give the server&apos;s signing key (--forge-key FILE: HS256 secret file or RSA/EC P-256/Ed25519 private key PEM)</source>
        <translation>braucht ein selbst erzeugtes Token: gegen einen Server im Dev-Modus (/dev/token) laufen lassen oder den Signaturschlüssel des Servers angeben (--forge-key DATEI: HS256-Geheimnisdatei oder privater RSA/EC-P-256/Ed25519-Schlüssel als PEM)</translation>
    </message>
    <message>
        <source>given token</source>
        <translation>übergebenes Token</translation>
    </message>
    <message>
        <source>forged (%1)</source>
        <translation>erzeugt (%1)</translation>
    </message>
    <message>
        <source>login %1 %2</source>
        <translation>Anmeldung %1 %2</translation>
    </message>
    <message>
        <source>login signalgate</source>
        <translation>Anmeldung signalgate</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::AboutDialog</name>
    <message>
        <source>About SignalGate</source>
        <translation>Über SignalGate</translation>
    </message>
    <message>
        <source>%1, protocol %2</source>
        <translation>%1, Protokoll %2</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SignalGate %1&lt;/h3&gt;&lt;p&gt;Live signals behind JWT authentication. Tokens are kept in your system keychain only.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;OpenSSL&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Server&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%5&quot;&gt;The wire protocol and every close code&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SignalGate %1&lt;/h3&gt;&lt;p&gt;Live-Signale hinter JWT-Authentifizierung. Tokens werden nur im Schlüsselbund Ihres Systems aufbewahrt.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;OpenSSL&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Server&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%5&quot;&gt;Das Protokoll und alle Close-Codes (englisch)&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ChartPane</name>
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
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 um %2: %3</translation>
    </message>
    <message>
        <source>%1 · last %2</source>
        <translation>%1 · zuletzt %2</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ConnectionStatus</name>
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
        <source>Next refresh: %1</source>
        <translation>Nächste Aktualisierung: %1</translation>
    </message>
    <message>
        <source>Where the tokens are kept</source>
        <translation>Wo die Tokens aufbewahrt werden</translation>
    </message>
    <message>
        <source>Waiting for the keychain…</source>
        <translation>Warten auf den Schlüsselbund…</translation>
    </message>
    <message>
        <source>Tokens: keychain</source>
        <translation>Tokens: Schlüsselbund</translation>
    </message>
    <message>
        <source>Tokens: memory only</source>
        <translation>Tokens: nur im Speicher</translation>
    </message>
    <message>
        <source>The tokens are in the system keychain: the next start signs in by itself.</source>
        <translation>Die Tokens liegen im Schlüsselbund des Systems: Der nächste Start meldet sich selbst an.</translation>
    </message>
    <message>
        <source>No keychain answered: the tokens are in memory and gone when the client closes.</source>
        <translation>Kein Schlüsselbund hat geantwortet: Die Tokens liegen im Speicher und sind weg, sobald der Client schließt.</translation>
    </message>
    <message>
        <source>Not encrypted: over http:// and ws:// the tokens and signals can be read on the way</source>
        <translation>Unverschlüsselt: Über http:// und ws:// können Tokens und Signale unterwegs mitgelesen werden</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ConsolePane</name>
    <message>
        <source>Run &amp;selected</source>
        <translation>Aus&amp;gewählte ausführen</translation>
    </message>
    <message>
        <source>Run &amp;all</source>
        <translation>A&amp;lle ausführen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>St&amp;opp</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <source>Scenario details</source>
        <translation>Szenariodetails</translation>
    </message>
    <message>
        <source>Run progress</source>
        <translation>Fortschritt des Laufs</translation>
    </message>
    <message>
        <source>Run status</source>
        <translation>Status des Laufs</translation>
    </message>
    <message>
        <source>Manual connection</source>
        <translation>Manuelle Verbindung</translation>
    </message>
    <message>
        <source>Token inspector</source>
        <translation>Token-Inspektor</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Ausführung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Running %1 (%2 of %3)</source>
        <translation>%1 wird ausgeführt (%2 von %3)</translation>
    </message>
    <message>
        <source> · waiting %1 for the server&apos;s connection rate</source>
        <translation> · wartet %1 auf die Verbindungsrate des Servers</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Fertig: %1.</translation>
    </message>
    <message>
        <source>Signing in for tests…</source>
        <translation>Anmeldung für Tests läuft…</translation>
    </message>
    <message>
        <source>Tick at least one scenario.</source>
        <translation>Markieren Sie mindestens ein Szenario.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Proves:&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;&lt;b&gt;Needs:&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Expected:&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Weist nach:&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;&lt;b&gt;Benötigt:&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Erwartet:&lt;/b&gt; %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not run yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Noch nicht ausgeführt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Verdict:&lt;/b&gt; %1 — %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Ergebnis:&lt;/b&gt; %1 — %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Actual:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Tatsächlich:&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Errors:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Fehler:&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Frames&lt;/b&gt; (tokens redacted):&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Frames&lt;/b&gt; (Tokens geschwärzt):&lt;/p&gt;</translation>
    </message>
    <message>
        <source>There is no run to export yet.</source>
        <translation>Es gibt noch keinen Lauf zum Exportieren.</translation>
    </message>
    <message>
        <source>Export the run</source>
        <translation>Lauf exportieren</translation>
    </message>
    <message>
        <source>Exported to %1 and %2.</source>
        <translation>Nach %1 und %2 exportiert.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source> · %1 of %2 done, about %3 left</source>
        <translation> · %1 von %2 erledigt, noch etwa %3</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Ready for tests: valid token from %1.</source>
        <translation>Bereit für Tests: gültiges Token aus %1.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;Timings:&lt;/b&gt; %1 in all, %2 of it waiting for the server&apos;s connection rate; %n upgrade(s).&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;Zeiten:&lt;/b&gt; %1 insgesamt, davon %2 Warten auf die Verbindungsrate des Servers; %n Upgrade.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;Zeiten:&lt;/b&gt; %1 insgesamt, davon %2 Warten auf die Verbindungsrate des Servers; %n Upgrades.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>JSON report, with a Markdown copy beside it (*.json)</source>
        <translation>JSON-Bericht, mit einer Markdown-Kopie daneben (*.json)</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::EventLogPane</name>
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
    <name>SignalGate::Ui::LoginDialog</name>
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
    <name>SignalGate::Ui::MainWindow</name>
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
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting in %1 s…</source>
        <translation>Verbindung verloren. Neue Verbindung in %1 s…</translation>
    </message>
    <message>
        <source>Test c&amp;onsole</source>
        <translation>&amp;Testkonsole</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose a readable PEM file in Settings.</source>
        <translation>Wählen Sie in den Einstellungen eine lesbare PEM-Datei.</translation>
    </message>
    <message>
        <source>Signed out. Sign in (%1) to see the live signals.</source>
        <translation>Abgemeldet. Melden Sie sich an (%1), um die Live-Signale zu sehen.</translation>
    </message>
    <message>
        <source>No signals yet: they appear here as the server sends them.</source>
        <translation>Noch keine Signale: Sie erscheinen hier, sobald der Server sie sendet.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ManualPane</name>
    <message>
        <source>Co&amp;nnect</source>
        <translation>V&amp;erbinden</translation>
    </message>
    <message>
        <source>Cl&amp;ose (1000)</source>
        <translation>Sch&amp;ließen (1000)</translation>
    </message>
    <message>
        <source>Send &amp;text</source>
        <translation>Te&amp;xt senden</translation>
    </message>
    <message>
        <source>Send &amp;binary</source>
        <translation>&amp;Binär senden</translation>
    </message>
    <message>
        <source>Token source</source>
        <translation>Token-Quelle</translation>
    </message>
    <message>
        <source>Current (the console&apos;s signed-in token)</source>
        <translation>Aktuell (das Token der Anmeldung in der Konsole)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Kein Token</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Leeres Token</translation>
    </message>
    <message>
        <source>Custom text</source>
        <translation>Eigener Text</translation>
    </message>
    <message>
        <source>Forged from header and claims</source>
        <translation>Aus Header und Claims gefälscht</translation>
    </message>
    <message>
        <source>Custom token text</source>
        <translation>Eigener Token-Text</translation>
    </message>
    <message>
        <source>Any text, sent exactly as typed</source>
        <translation>Beliebiger Text, wird genau wie eingegeben gesendet</translation>
    </message>
    <message>
        <source>Forged header JSON</source>
        <translation>JSON des gefälschten Headers</translation>
    </message>
    <message>
        <source>Header members over {&quot;alg&quot;: the key&apos;s, &quot;typ&quot;: &quot;at+jwt&quot;}; null removes one</source>
        <translation>Header-Felder, die {&quot;alg&quot;: der des Schlüssels, &quot;typ&quot;: &quot;at+jwt&quot;} überschreiben; null entfernt ein Feld</translation>
    </message>
    <message>
        <source>Forged claims JSON</source>
        <translation>JSON der gefälschten Claims</translation>
    </message>
    <message>
        <source>Claims over the signed-in user&apos;s, e.g. {&quot;iss&quot;: &quot;someone-else&quot;}; null removes one</source>
        <translation>Claims, die die des angemeldeten Benutzers überschreiben, z. B. {&quot;iss&quot;: &quot;someone-else&quot;}; null entfernt einen Claim</translation>
    </message>
    <message>
        <source>Forged token expiry</source>
        <translation>Ablauf des gefälschten Tokens</translation>
    </message>
    <message>
        <source>Token transport</source>
        <translation>Token-Übertragung</translation>
    </message>
    <message>
        <source>Authorization header</source>
        <translation>Authorization-Header</translation>
    </message>
    <message>
        <source>Origin header</source>
        <translation>Origin-Header</translation>
    </message>
    <message>
        <source>No Origin (a native client); e.g. https://evil.example</source>
        <translation>Kein Origin (nativer Client); z. B. https://evil.example</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>Zu sendende Nachricht</translation>
    </message>
    <message>
        <source>{&quot;type&quot;:&quot;ping&quot;} — text as typed; for binary, hex bytes like 00 ff 10</source>
        <translation>{&quot;type&quot;:&quot;ping&quot;} — Text wie eingegeben; für binär Hex-Bytes wie 00 ff 10</translation>
    </message>
    <message>
        <source>Frames of the manual connection</source>
        <translation>Frames der manuellen Verbindung</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Content (tokens redacted)</source>
        <translation>Inhalt (Tokens geschwärzt)</translation>
    </message>
    <message>
        <source>Manual connection status</source>
        <translation>Status der manuellen Verbindung</translation>
    </message>
    <message>
        <source>Toke&amp;n:</source>
        <translation>To&amp;ken:</translation>
    </message>
    <message>
        <source>Custom &amp;text:</source>
        <translation>Ei&amp;gener Text:</translation>
    </message>
    <message>
        <source>Forged &amp;header:</source>
        <translation>Gefälschter &amp;Header:</translation>
    </message>
    <message>
        <source>Forged c&amp;laims:</source>
        <translation>Gefälschte &amp;Claims:</translation>
    </message>
    <message>
        <source>Forged e&amp;xpiry:</source>
        <translation>Gefälschter &amp;Ablauf:</translation>
    </message>
    <message>
        <source>T&amp;ransport:</source>
        <translation>Übe&amp;rtragung:</translation>
    </message>
    <message>
        <source>Ori&amp;gin:</source>
        <translation>&amp;Origin:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Nachricht:</translation>
    </message>
    <message>
        <source>Upgraded (HTTP 101); waiting for welcome or a close.</source>
        <translation>Upgrade durchgeführt (HTTP 101); Warten auf welcome oder das Schließen.</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>claims</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>For a binary frame, type hex bytes such as 00 ff 10.</source>
        <translation>Geben Sie für einen binären Frame Hex-Bytes wie 00 ff 10 ein.</translation>
    </message>
    <message>
        <source>Closed %1 &quot;%2&quot;: %3</source>
        <translation>Geschlossen mit %1 &quot;%2&quot;: %3</translation>
    </message>
    <message>
        <source>Refused before the upgrade with HTTP %1.</source>
        <translation>Vor dem Upgrade mit HTTP %1 abgelehnt.</translation>
    </message>
    <message>
        <source>The connection ended without an answer.</source>
        <translation>Die Verbindung endete ohne Antwort.</translation>
    </message>
    <message>
        <source>Subprotocol &lt;prefix&gt;&lt;token&gt; (bearer.)</source>
        <translation>Subprotokoll &lt;Präfix&gt;&lt;Token&gt; (bearer.)</translation>
    </message>
    <message>
        <source>Subprotocol: the token itself</source>
        <translation>Subprotokoll: das Token selbst</translation>
    </message>
    <message>
        <source>Query ?&lt;name&gt;= (token)</source>
        <translation>Query ?&lt;Name&gt;= (token)</translation>
    </message>
    <message>
        <source>The %1 is not valid JSON at line %2, column %3: %4</source>
        <translation>Der Teil „%1“ ist kein gültiges JSON in Zeile %2, Spalte %3: %4</translation>
    </message>
    <message>
        <source>The %1 must be a JSON object: {&quot;name&quot;: value, …}</source>
        <translation>Der Teil „%1“ muss ein JSON-Objekt sein: {&quot;name&quot;: wert, …}</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ProfileEditor</name>
    <message>
        <source>Compare close reasons with PROTOCOL.md&apos;s</source>
        <translation>Close-Gründe mit denen aus PROTOCOL.md vergleichen</translation>
    </message>
    <message>
        <source>In-band refresh</source>
        <translation>In-Band-Aktualisierung</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen (resume)</translation>
    </message>
    <message>
        <source>Message rate limit</source>
        <translation>Nachrichtenratenlimit</translation>
    </message>
    <message>
        <source>Target profile</source>
        <translation>Zielprofil</translation>
    </message>
    <message>
        <source>Authorization header</source>
        <translation>Authorization-Header</translation>
    </message>
    <message>
        <source>Query parameter</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <source>Subprotocol with a prefix</source>
        <translation>Subprotokoll mit Präfix</translation>
    </message>
    <message>
        <source>Subprotocol: the token itself</source>
        <translation>Subprotokoll: das Token selbst</translation>
    </message>
    <message>
        <source>None (a pasted token or the signing key)</source>
        <translation>Keine (ein eingefügtes Token oder der Signaturschlüssel)</translation>
    </message>
    <message>
        <source>SignalGate login (token pair)</source>
        <translation>SignalGate-Anmeldung (Token-Paar)</translation>
    </message>
    <message>
        <source>JSON login (access token)</source>
        <translation>JSON-Anmeldung (Access-Token)</translation>
    </message>
    <message>
        <source>OAuth2 password grant (form)</source>
        <translation>OAuth2 Password Grant (Formular)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>/ws, or /ws/agent/{session} ({session}: a fresh id per connection)</source>
        <translation>/ws oder /ws/agent/{session} ({session}: je Verbindung eine neue ID)</translation>
    </message>
    <message>
        <source>comma separated; empty offers none</source>
        <translation>durch Kommas getrennt; leer bietet keines an</translation>
    </message>
    <message>
        <source>comma separated, e.g. 1008, 4001</source>
        <translation>durch Kommas getrennt, z. B. 1008, 4001</translation>
    </message>
    <message>
        <source>empty: no welcome; admitted means still open after the time below</source>
        <translation>leer: keine Begrüßung; zugelassen heißt nach der Zeit unten noch offen</translation>
    </message>
    <message>
        <source>empty: any message is a signal</source>
        <translation>leer: jede Nachricht ist ein Signal</translation>
    </message>
    <message>
        <source>Profile problem</source>
        <translation>Problem im Profil</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;WebSocket path:</source>
        <translation>&amp;WebSocket-Pfad:</translation>
    </message>
    <message>
        <source>&amp;Token goes in:</source>
        <translation>&amp;Token steht in:</translation>
    </message>
    <message>
        <source>Query &amp;parameter:</source>
        <translation>Query-&amp;Parameter:</translation>
    </message>
    <message>
        <source>Subprotocol p&amp;refix:</source>
        <translation>Subprotokoll-P&amp;räfix:</translation>
    </message>
    <message>
        <source>&amp;Offer subprotocols:</source>
        <translation>Angebotene &amp;Subprotokolle:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Anmeldung:</translation>
    </message>
    <message>
        <source>Login pat&amp;h:</source>
        <translation>Anmelde-Pfa&amp;d:</translation>
    </message>
    <message>
        <source>Login &amp;fields (user, password):</source>
        <translation>Anmelde&amp;felder (Benutzer, Passwort):</translation>
    </message>
    <message>
        <source>Refusal &amp;close codes:</source>
        <translation>Ablehnende &amp;Close-Codes:</translation>
    </message>
    <message>
        <source>Forei&amp;gn Origin refused with HTTP:</source>
        <translation>Fremder Ori&amp;gin abgelehnt mit HTTP:</translation>
    </message>
    <message>
        <source>Over the r&amp;ate refused with HTTP:</source>
        <translation>Über der R&amp;ate abgelehnt mit HTTP:</translation>
    </message>
    <message>
        <source>&amp;Welcome message type:</source>
        <translation>T&amp;yp der Begrüßungsnachricht:</translation>
    </message>
    <message>
        <source>Admitted a&amp;fter:</source>
        <translation>Zugelassen n&amp;ach:</translation>
    </message>
    <message>
        <source>&amp;Signal message type:</source>
        <translation>Typ der Si&amp;gnalnachricht:</translation>
    </message>
    <message>
        <source>The target supports:</source>
        <translation>Das Ziel unterstützt:</translation>
    </message>
    <message>
        <source>Not a valid profile: %1</source>
        <translation>Kein gültiges Profil: %1</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::ProfilePicker</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>L&amp;oad…</source>
        <translation>&amp;Laden…</translation>
    </message>
    <message>
        <source>Target profile</source>
        <translation>Zielprofil</translation>
    </message>
    <message>
        <source>SignalGate (this contract)</source>
        <translation>SignalGate (dieser Vertrag)</translation>
    </message>
    <message>
        <source>Seed (token in the query, codes only, no in-band refresh)</source>
        <translation>Seed (Token im Query-Parameter, nur Codes, keine In-Band-Aktualisierung)</translation>
    </message>
    <message>
        <source> profile</source>
        <translation> Profil</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>Save the target profile</source>
        <translation>Zielprofil speichern</translation>
    </message>
    <message>
        <source>Target profile (*.json)</source>
        <translation>Zielprofil (*.json)</translation>
    </message>
    <message>
        <source>Saved the profile to %1; signalgate-check --profile %1 reads it.</source>
        <translation>Profil nach %1 gespeichert; signalgate-check --profile %1 liest es.</translation>
    </message>
    <message>
        <source>Load a target profile</source>
        <translation>Zielprofil laden</translation>
    </message>
    <message>
        <source>Loaded the profile %1.</source>
        <translation>Profil %1 geladen.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::RunHistoryPane</name>
    <message>
        <source>not run</source>
        <translation>nicht gelaufen</translation>
    </message>
    <message>
        <source>Finished runs</source>
        <translation>Beendete Läufe</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>Comparison summary</source>
        <translation>Zusammenfassung des Vergleichs</translation>
    </message>
    <message>
        <source>Each finished run is kept here; pick one to see which verdicts changed.</source>
        <translation>Jeder beendete Lauf bleibt hier; wählen Sie einen, um zu sehen, welche Urteile sich geändert haben.</translation>
    </message>
    <message>
        <source>Changed verdicts</source>
        <translation>Geänderte Urteile</translation>
    </message>
    <message>
        <source>Compare the selected run &amp;with:</source>
        <translation>Den gewählten Lauf vergleichen &amp;mit:</translation>
    </message>
    <message>
        <source>#%1 %2, %3: %4</source>
        <translation>#%1 %2, %3: %4</translation>
    </message>
    <message>
        <source>The first run: nothing to compare it with yet.</source>
        <translation>Der erste Lauf: noch nichts zum Vergleichen.</translation>
    </message>
    <message>
        <source>From run #%1 to run #%2: %3</source>
        <translation>Von Lauf #%1 zu Lauf #%2: %3</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Run #%1</source>
        <translation>Lauf #%1</translation>
    </message>
    <message>
        <source>Reason now</source>
        <translation>Grund jetzt</translation>
    </message>
    <message>
        <source> (regression)</source>
        <translation> (Rückschritt)</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::SettingsDialog</name>
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
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>&amp;Design:</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::SignalsPane</name>
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
        <source>Signal counters</source>
        <translation>Signalzähler</translation>
    </message>
    <message>
        <source>Live signals, newest first</source>
        <translation>Live-Signale, neueste zuerst</translation>
    </message>
    <message>
        <source>Resume the signal table</source>
        <translation>Signaltabelle fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source> · Paused: %n waiting</source>
        <translation>
            <numerusform> · Pausiert: %n Signal wartet</numerusform>
            <numerusform> · Pausiert: %n Signale warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Signals/s: %1 · Total: %2 · Recovered: %3 · Lost: %4</source>
        <translation>Signale/s: %1 · Gesamt: %2 · Wiederhergestellt: %3 · Verloren: %4</translation>
    </message>
    <message numerus="yes">
        <source> · Server restarts: %n</source>
        <translation>
            <numerusform> · Serverneustarts: %n</numerusform>
            <numerusform> · Serverneustarts: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;lear table…</source>
        <translation>Tabelle &amp;leeren…</translation>
    </message>
    <message>
        <source>Remove every row, also those the filter hides or the pause holds back, and start the counters again</source>
        <translation>Alle Zeilen entfernen, auch die vom Filter ausgeblendeten und die während der Pause zurückgehaltenen, und die Zähler neu beginnen</translation>
    </message>
    <message>
        <source>Filter by symbol (Ctrl+F; Esc clears)</source>
        <translation>Nach Symbol filtern (Strg+F; Esc leert)</translation>
    </message>
    <message>
        <source>Result of the last copy</source>
        <translation>Ergebnis des letzten Kopierens</translation>
    </message>
    <message>
        <source>&amp;Paused</source>
        <translation>&amp;Pausiert</translation>
    </message>
    <message>
        <source>Paused: click or press Space to show the waiting signals</source>
        <translation>Pausiert: klicken oder Leertaste drücken, um die wartenden Signale zu zeigen</translation>
    </message>
    <message>
        <source>Nothing copied: select rows first.</source>
        <translation>Nichts kopiert: zuerst Zeilen auswählen.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n row(s).</source>
        <translation>
            <numerusform>%n Zeile kopiert.</numerusform>
            <numerusform>%n Zeilen kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the table</source>
        <translation>Tabelle leeren</translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n signal(s), also those the filter hides or the pause holds back? The counters start again at zero.</source>
        <translation>
            <numerusform>Das %n Signal entfernen, auch wenn der Filter es ausblendet oder die Pause es zurückhält? Die Zähler beginnen wieder bei null.</numerusform>
            <numerusform>Alle %n Signale entfernen, auch die vom Filter ausgeblendeten und die während der Pause zurückgehaltenen? Die Zähler beginnen wieder bei null.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear table</source>
        <translation>Tabelle leeren</translation>
    </message>
    <message>
        <source>Not live · </source>
        <translation>Nicht live · </translation>
    </message>
    <message>
        <source>Why the table is empty</source>
        <translation>Warum die Tabelle leer ist</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n row(s) as JSON.</source>
        <translation>
            <numerusform>%n Zeile als JSON kopiert.</numerusform>
            <numerusform>%n Zeilen als JSON kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Signal as JSON</source>
        <translation>Signal als JSON</translation>
    </message>
    <message>
        <source>The signal&apos;s JSON</source>
        <translation>Das JSON des Signals</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Zeilen kopieren</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <source>Show JSON…</source>
        <translation>JSON anzeigen…</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::TargetForm</name>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Si&amp;gn in for tests</source>
        <translation>Für Tests an&amp;melden</translation>
    </message>
    <message>
        <source>Server to test</source>
        <translation>Zu testender Server</translation>
    </message>
    <message>
        <source>Test user</source>
        <translation>Testbenutzer</translation>
    </message>
    <message>
        <source>Test user&apos;s password</source>
        <translation>Passwort des Testbenutzers</translation>
    </message>
    <message>
        <source>Used for this run only, never stored</source>
        <translation>Nur für diesen Lauf verwendet, nie gespeichert</translation>
    </message>
    <message>
        <source>Signing key file</source>
        <translation>Signaturschlüsseldatei</translation>
    </message>
    <message>
        <source>Optional: HS256 secret or RSA/EC/Ed25519 private key PEM, for minted tokens</source>
        <translation>Optional: HS256-Geheimnis oder privater RSA/EC/Ed25519-Schlüssel (PEM) für selbst erzeugte Tokens</translation>
    </message>
    <message>
        <source>Valid token</source>
        <translation>Gültiges Token</translation>
    </message>
    <message>
        <source>For a profile without a login: a token used as it is, never stored</source>
        <translation>Für ein Profil ohne Anmeldung: ein Token, so verwendet wie es ist, nie gespeichert</translation>
    </message>
    <message>
        <source>Issuer of forged tokens</source>
        <translation>Aussteller erzeugter Tokens</translation>
    </message>
    <message>
        <source>iss: the valid token&apos;s</source>
        <translation>iss: wie im gültigen Token</translation>
    </message>
    <message>
        <source>Audience of forged tokens</source>
        <translation>Zielgruppe erzeugter Tokens</translation>
    </message>
    <message>
        <source>aud: the valid token&apos;s</source>
        <translation>aud: wie im gültigen Token</translation>
    </message>
    <message>
        <source>typ of forged tokens</source>
        <translation>typ erzeugter Tokens</translation>
    </message>
    <message>
        <source>typ: at+jwt</source>
        <translation>typ: at+jwt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen…</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Signaturschlüssel</translation>
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
        <source>Pro&amp;file:</source>
        <translation>Pro&amp;fil:</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>S&amp;chlüsseldatei:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>T&amp;oken:</translation>
    </message>
    <message>
        <source>Forge &amp;claims:</source>
        <translation>Erzeugte &amp;Claims:</translation>
    </message>
    <message>
        <source>%1 is not encrypted and not on this computer; allow that in Settings first.</source>
        <translation>%1 ist nicht verschlüsselt und nicht auf diesem Computer; erlauben Sie das zuerst in den Einstellungen.</translation>
    </message>
    <message>
        <source>Enter the test user&apos;s name and password (the profile&apos;s login is %1).</source>
        <translation>Geben Sie Namen und Passwort des Testbenutzers ein (die Anmeldung des Profils ist %1).</translation>
    </message>
    <message>
        <source>Choose a readable PEM file in Settings.</source>
        <translation>Wählen Sie in den Einstellungen eine lesbare PEM-Datei.</translation>
    </message>
</context>
<context>
    <name>SignalGate::Ui::TokenInspector</name>
    <message>
        <source>Inspect my &amp;session&apos;s token</source>
        <translation>To&amp;ken meiner Sitzung prüfen</translation>
    </message>
    <message>
        <source>Paste a token to decode it here; it is not sent anywhere</source>
        <translation>Fügen Sie hier ein Token ein, um es zu dekodieren; es wird nirgendwohin gesendet</translation>
    </message>
    <message>
        <source>Token to inspect</source>
        <translation>Zu prüfendes Token</translation>
    </message>
    <message>
        <source>Inspect the signed-in session&apos;s access token</source>
        <translation>Zugriffstoken der angemeldeten Sitzung prüfen</translation>
    </message>
    <message>
        <source>Token header</source>
        <translation>Token-Header</translation>
    </message>
    <message>
        <source>Token claims</source>
        <translation>Token-Claims</translation>
    </message>
    <message>
        <source>Time until the token expires</source>
        <translation>Zeit bis zum Ablauf des Tokens</translation>
    </message>
    <message>
        <source>Decoded locally and NOT verified: the signature is only checked by the server.</source>
        <translation>Lokal dekodiert und NICHT verifiziert: Die Signatur wird nur vom Server geprüft.</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <source>Claims:</source>
        <translation>Claims:</translation>
    </message>
    <message>
        <source>You are not signed in: there is no session token to inspect.</source>
        <translation>Sie sind nicht angemeldet: Es gibt kein Sitzungstoken zum Prüfen.</translation>
    </message>
    <message>
        <source>No token.</source>
        <translation>Kein Token.</translation>
    </message>
    <message>
        <source>This is not a JWS compact token (three base64url parts of JSON). A server would refuse it as malformed.</source>
        <translation>Dies ist kein JWS-Token in kompakter Form (drei base64url-Teile aus JSON). Ein Server würde es als fehlerhaft ablehnen.</translation>
    </message>
    <message>
        <source>Algorithm %1, type %2 · subject %3 · issuer %4 · audience %5 · scope %6 · issued %7 · not before %8 · expires %9</source>
        <translation>Algorithmus %1, Typ %2 · Subjekt %3 · Aussteller %4 · Zielgruppe %5 · Scope %6 · ausgestellt %7 · nicht vor %8 · läuft ab %9</translation>
    </message>
    <message>
        <source>No expiry (exp) claim: a SignalGate server refuses such a token.</source>
        <translation>Kein Ablauf-Claim (exp): Ein SignalGate-Server lehnt ein solches Token ab.</translation>
    </message>
    <message>
        <source>Expires in %1 min %2 s.</source>
        <translation>Läuft in %1 min %2 s ab.</translation>
    </message>
    <message>
        <source>Expired %1 min %2 s ago.</source>
        <translation>Vor %1 min %2 s abgelaufen.</translation>
    </message>
</context>
<context>
    <name>TokenEndpoint</name>
    <message>
        <source>login failed: %1 (%2)</source>
        <translation>Anmeldung fehlgeschlagen: %1 (%2)</translation>
    </message>
    <message>
        <source>login failed: HTTP %1 from %2 (%3)</source>
        <translation>Anmeldung fehlgeschlagen: HTTP %1 von %2 (%3)</translation>
    </message>
    <message>
        <source>login failed: HTTP 200 from %1, but the answer has no &quot;access_token&quot; (keys: %2)</source>
        <translation>Anmeldung fehlgeschlagen: HTTP 200 von %1, aber die Antwort hat kein &quot;access_token&quot; (Schlüssel: %2)</translation>
    </message>
</context>
</TS>
