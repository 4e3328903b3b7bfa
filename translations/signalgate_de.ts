<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuthApi</name>
    <message>
        <source>Could not connect to the server: the connection was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to the server: the host name was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to the server securely (TLS): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request as malformed (HTTP 400).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the credentials (HTTP 401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request (HTTP 403).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no such endpoint (HTTP 404): is this a SignalGate server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts; try again later (HTTP 429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server redirected the request (HTTP %1); redirects are not followed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server failed to answer (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an answer that is not a token pair (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <source>Price charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signals yet. A chart appears here for every symbol as its first signal arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price chart of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientCore</name>
    <message>
        <source>subject %1, issued by %2, valid %3 to %4, SHA-256 %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect as soon as the access token is in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for you to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out; the tokens were deleted from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay disconnected until you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token renewed; valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand it to the open connection (auth.refresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not renew the access token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again with a growing delay until 30 s before it expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the tokens in memory for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out here, but the server could not be told: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing: the server ends the session when its tokens expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable access token: not connecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect once a token with at least 30 s left is there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: welcome for %1, token valid until %2, last seq %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection with HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ignored: fix the CA file in Settings or find out who answers instead of the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server says the access token expires in %n s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The server accepted the new token (auth.refreshed); valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-band refresh refused: %1 (%2 attempts left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-band refresh refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server error %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resumed after a server restart: %n signal(s) recovered; what the old server sent meanwhile is lost.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resumed: %1 signal(s) recovered, %2 lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseCodeInfo</name>
    <message>
        <source>The connection was closed on purpose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is shutting down or restarting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client sent data the server does not accept: the protocol is JSON text only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server received no access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the access token: it is invalid or has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token expired while connected because it was not refreshed in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was revoked: signed out elsewhere, revoked by an administrator, or a refresh token was used twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused an in-band token refresh: a token of another user, or too many attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client sent too many messages and the server&apos;s rate limit ran out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user already has as many open connections as the server allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was larger than the server allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server hit an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client did not read fast enough and the server&apos;s outgoing queue overflowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection ended without a close frame: a network error, or the server went away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side broke the WebSocket protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed without a status code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was not valid UTF-8 or did not match its type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection because a policy was violated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not agree to a WebSocket extension the client needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is restarting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gateway or proxy got no valid answer from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS handshake failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed with a code reserved by the WebSocket standard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed with a code registered for a library or framework.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed with an application-specific code this client does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed with an invalid close code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next token refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token: %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted (%1, %2); certificate for %3, issued by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (wss://); not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted (ws://)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next refresh: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Nothing: the connection was closed on purpose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect after a short, growing delay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the access token once, then reconnect; if that fails, ask you to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask you to sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay disconnected: reconnecting would fail the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventLogPane</name>
    <message>
        <source>Connection log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the connection log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close code legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every connection event, newest at the bottom. Colours: blue information, yellow warning, red error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close codes of the SignalGate protocol and what the client does:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(any)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to SignalGate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is sent to the server once and never stored. The tokens the server returns are kept in your system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is another machine and the address is not encrypted: your password and tokens would cross the network readable by anyone on the way. Use https://, or allow unencrypted connections in Settings for testing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reconnect &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SignalGate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;harts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SignalGate — %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection: %1 %2. %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection with HTTP %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was not accepted: %1. The connection log has the certificate&apos;s details; set the right CA file in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SignalGate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SignalGate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;SignalGate %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Live signals behind JWT authentication. Tokens are kept in your system keychain only.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting in %1 s…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReconnectPolicy</name>
    <message>
        <source>The server still rejects the access token after a refresh; please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token expired; refreshing it, then reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the access token; refreshing it, then reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server received no access token; please sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was revoked; not reconnecting. Sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the token refresh; not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user has too many open connections; not reconnecting. Close another client first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client sent more messages than the server allows; not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed on purpose; not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept the data the client sent; not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was larger than the server allows; not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is shutting down; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had an internal error; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client fell behind the server; reconnecting and resuming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed with code %1; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed with code %1, which this client does not know; not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network error ended the connection; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is taking no new connections for now (HTTP 429); reconnecting later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection (HTTP 403: origin not allowed); not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for a sign-in (HTTP 401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the WebSocket connection (HTTP %1); not reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerAddress</name>
    <message>
        <source>Enter the server address, for example http://127.0.0.1:8765.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Use http://host:port or https://host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with http://, https://, ws:// or wss:// (not %1://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must not contain a user name, a query or a fragment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>The access token could not be renewed in time; the connection ends when it expires and the client then tries once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the CA file %1: %2. Choose a readable PEM file in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----). For the bundled server use the cert.pem written by gen-dev-cert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no refresh token to renew the session with. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved session has ended (%1). Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused to renew the session (%1). Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Allow unencrypted ws:// to hosts other than this computer (testing only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SignalGate settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization header (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subprotocol bearer.&lt;token&gt; (testing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query ?token= (testing; the token appears in URLs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file (TLS):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token transport:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new server, CA file or transport applies from the next sign-in; a new language from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not encrypted and not on this computer. Use https://, or tick the box that allows unencrypted connections.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignalConnection</name>
    <message>
        <source>Disconnected on request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No WebSocket server address (ws:// or wss://) is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not trusted; not reconnecting. Check the CA certificate setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new access token cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignalModel</name>
    <message>
        <source>Buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignalsPane</name>
    <message>
        <source>E&amp;xact symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by symbol, e.g. EUR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match the whole symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the signal table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the table; signals are still received and counted (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text (Ctrl+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every row; the counters stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal counters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live signals, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the signal table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signals/s: %1 · Total: %2 · Gaps: %3 · Recovered: %4 · Duplicates dropped: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · Paused: %n waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <source>error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (%1). Tokens are kept in memory for this session only; you will have to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
