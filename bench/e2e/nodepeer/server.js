// What most teams would build instead of SignalGate, as the Node peer of
// bench/e2e/run.py: ws 8 and jsonwebtoken 9, the same token check (HS256,
// issuer, audience, typ at+jwt), a welcome, and a broadcast timer that sends
// each signal, encoded once, to every client. A client with more than 1 MiB
// unsent is dropped, as SignalGate's --max-outbound-bytes does.
//
//   node server.js --port P --secret-file F [--signal-interval-ms I] [--signals-per-tick K]
// Prints "listening on PORT" once it accepts.
'use strict';
const fs = require('fs');
const http = require('http');
const jwt = require('jsonwebtoken');
const { WebSocketServer } = require('ws');

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2)
    args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const secret = fs.readFileSync(args['secret-file']);
const intervalMs = Number(args['signal-interval-ms'] ?? 250);
const perTick = Number(args['signals-per-tick'] ?? 1);
const maxPending = 1 << 20;

const server = http.createServer((req, res) => { res.writeHead(404).end(); });
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

function refuse(socket) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}

server.on('upgrade', (req, socket, head) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    let claims;
    try {
        const decoded = jwt.verify(match ? match[1] : '', secret, {
            algorithms: ['HS256'], issuer: 'signalgate', audience: 'signalgate-clients', complete: true,
        });
        if (String(decoded.header.typ).toLowerCase() !== 'at+jwt')
            throw new Error('typ');
        claims = decoded.payload;
    } catch {
        return refuse(socket);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send(JSON.stringify({ type: 'welcome', protocol: 'signalgate.v1', sub: claims.sub, exp: claims.exp,
                                 server_time: Date.now(), last_seq: seq }));
        ws.on('message', () => {});
    });
});

let seq = 0;
const symbols = ['AAPL', 'BTC-USD', 'EUR-USD', 'GBP-USD', 'MSFT'];
if (intervalMs > 0) {
    setInterval(() => {
        const ts = Date.now();
        for (let i = 0; i < perTick; ++i) {
            ++seq;
            const frame = JSON.stringify({ confidence: 0.83, price: 1.0848, seq, side: 'buy',
                                           symbol: symbols[seq % symbols.length], ts, type: 'signal' });
            for (const ws of wss.clients) {
                if (ws.bufferedAmount > maxPending)
                    ws.terminate();
                else
                    ws.send(frame);
            }
        }
    }, intervalMs);
}

server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
    console.log(`listening on ${server.address().port}`);
});
