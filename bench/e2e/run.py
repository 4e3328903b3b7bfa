#!/usr/bin/env python3
"""The end-to-end load benchmark: SignalGate beside its two peers, in one run.

Peers, started one at a time on the same loopback and fed the same way:
  raw         bench_rawpeer: pre-framed bytes, one send() per socket, no
              WebSocket library and no auth: the ceiling of this machine;
  node        nodepeer/server.js: ws 8 + jsonwebtoken 9, what most teams
              would build instead (its packages are installed with npm ci on
              first use);
  signalgate  signalgate-server, limits off, HS256 tokens; once per --threads
              value, labelled signalgate (1 thread) and signalgate-tN.
bench_loadgen measures each. The output is one JSON object: every scenario's
figures per peer, and SignalGate's ratio to each peer, so the numbers survive a
noisy machine.

  bench/e2e/run.py [--build build/default] [--quick] [--peers raw,node,signalgate]
                   [--scenarios fanout-1,fanout-5,upgrades,latency] [--repeat N]
                   [--threads 1,2,...]
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (connections, feed interval ms, signals per tick, seconds measured)
SCENARIOS = {
    'fanout-1': (2000, 2, 1, 10),
    'fanout-5': (2000, 2, 5, 10),
    'upgrades': (5000, 0, 1, 0),
    'latency': (5000, 250, 1, 10),
}
QUICK = {
    'fanout-1': (50, 20, 1, 1),
    'upgrades': (100, 0, 1, 0),
}


def fail(message):
    print('bench/e2e/run.py: ' + message, file=sys.stderr)
    sys.exit(1)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def mint(secret):
    """An access token of the contract (PROTOCOL.md section 2), HS256."""
    now = int(time.time())
    header = {'alg': 'HS256', 'typ': 'at+jwt'}
    claims = {'iss': 'signalgate', 'aud': 'signalgate-clients', 'sub': 'bench', 'iat': now,
              'exp': now + 3600, 'jti': secrets.token_hex(8), 'scope': 'signals:read'}
    signing_input = b64url(json.dumps(header).encode()) + '.' + b64url(json.dumps(claims).encode())
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + '.' + b64url(signature)


def write_secret(workdir):
    """A fresh HS256 key in workdir (0600), shared by the peers: the key and its file."""
    secret = secrets.token_bytes(32)
    secret_file = os.path.join(workdir, 'hs256.key')
    with open(secret_file, 'wb') as f:
        f.write(secret)
    os.chmod(secret_file, 0o600)
    return secret, secret_file


class Peer:
    """One server process, started for one scenario and stopped after it."""

    def __init__(self, name, argv, cwd=None):
        self.name = name
        self.process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        self.port = None
        deadline = time.time() + 20
        seen = []
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            seen.append(line)
            match = re.search(r'listening on (?:https?://[^ ]*:)?(\d+)', line)
            if match:
                self.port = int(match.group(1))
                break
        if self.port is None:
            self.stop()
            fail('%s did not start:\n%s' % (name, ''.join(seen)))
        # Keep reading its output so a chatty server never blocks on a full pipe.
        self.drain = subprocess.Popen(['cat'], stdin=self.process.stdout, stdout=subprocess.DEVNULL)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_peer(name, args, workdir, secret_file, interval, per_tick):
    feed = ['--signal-interval-ms', str(interval), '--signals-per-tick', str(per_tick)]
    if name == 'raw':
        return Peer(name, [os.path.join(args.build, 'bench', 'bench_rawpeer'), '--port', '0'] + feed)
    if name == 'node':
        return Peer(name, ['node', 'server.js', '--port', '0', '--secret-file', secret_file] + feed,
                    cwd=os.path.join(HERE, 'nodepeer'))
    data = tempfile.mkdtemp(dir=workdir)
    threads = name.split('-t')[1] if '-t' in name else '1'
    argv = [os.path.join(args.build, 'server', 'signalgate-server'), '--listen', '127.0.0.1:0',
            '--data-dir', data, '--jwt-secret-file', secret_file, '--conn-rate', '0', '--msg-rate', '0',
            '--login-rate', '0', '--login-rate-user', '0', '--max-conns', '0', '--max-conns-per-user', '0',
            '--max-pending-per-ip', '0', '--threads', threads] + feed
    return Peer(name, argv)


def ensure_node_peer():
    if shutil.which('node') is None or shutil.which('npm') is None:
        fail('the node peer needs node and npm (apt install nodejs npm), or leave it out with --peers')
    if not os.path.isdir(os.path.join(HERE, 'nodepeer', 'node_modules')):
        result = subprocess.run(['npm', 'ci', '--no-audit', '--no-fund'], cwd=os.path.join(HERE, 'nodepeer'),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            fail('npm ci for the node peer failed:\n' + result.stdout)


def measure(args, peer, token, conns, seconds):
    argv = [os.path.join(args.build, 'bench', 'bench_loadgen'), '--port', str(peer.port), '--token', token,
            '--conns', str(conns), '--seconds', str(seconds), '--server-pid', str(peer.process.pid),
            '--label', peer.name, '--settle-ms', '300' if args.quick else '2000']
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    if result.returncode != 0:
        fail('bench_loadgen failed against %s: %s' % (peer.name, result.stderr))
    return json.loads(result.stdout)


def ratio(a, b):
    return round(a / b, 2) if a is not None and b not in (None, 0) else None


# The figure each scenario is judged by, and whether more is better.
FIGURES = {
    'fanout-1': ('deliveries_per_s', True),
    'fanout-5': ('deliveries_per_s', True),
    'upgrades': ('upgrades_per_s', True),
    'latency': ('p99_ms', False),
}


def figure(result, name):
    if name == 'p99_ms':
        return result['latency_ms']['p99']
    return result[name]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--build', default='build/default')
    parser.add_argument('--quick', action='store_true', help='tiny sizes: a smoke test, not a measurement')
    parser.add_argument('--peers', default='raw,node,signalgate')
    parser.add_argument('--scenarios', default=None)
    parser.add_argument('--repeat', type=int, default=1,
                        help='runs per peer, taken in turn; the median run by the judged figure is reported')
    parser.add_argument('--threads', default='1,2,%d' % max(2, os.cpu_count() or 1),
                        help='pool threads of the signalgate peer, one run each (default 1, 2 and the cores)')
    args = parser.parse_args()

    table = QUICK if args.quick else SCENARIOS
    scenarios = args.scenarios.split(',') if args.scenarios else list(table)
    peers = args.peers.split(',')
    for name in scenarios:
        if name not in table:
            fail('unknown scenario %s (known: %s)' % (name, ', '.join(table)))
    for name in peers:
        if name not in ('raw', 'node', 'signalgate'):
            fail('unknown peer %s (known: raw, node, signalgate)' % name)
    threads = []
    for value in args.threads.split(','):
        if not value.isdigit() or int(value) < 1:
            fail('--threads takes whole numbers from 1, like 1,2,4; got %s' % args.threads)
        if int(value) not in threads:
            threads.append(int(value))
    if 'signalgate' in peers:
        at = peers.index('signalgate')
        peers[at:at + 1] = ['signalgate' if n == 1 else 'signalgate-t%d' % n for n in threads]
    if 'node' in peers:
        ensure_node_peer()

    workdir = tempfile.mkdtemp(prefix='signalgate-bench-')
    secret, secret_file = write_secret(workdir)
    token = mint(secret)

    report = {'machine': {'cores': os.cpu_count()}, 'scenarios': {}}
    broken = []
    try:
        for scenario in scenarios:
            conns, interval, per_tick, seconds = table[scenario]
            key, more_is_better = FIGURES[scenario]
            # Peers in turn, round after round, so a slow minute of the
            # machine hits them alike; then each peer's median run.
            runs = {name: [] for name in peers}
            for _ in range(max(1, args.repeat)):
                for name in peers:
                    peer = start_peer(name, args, workdir, secret_file, interval, per_tick)
                    try:
                        result = measure(args, peer, token, conns, seconds)
                    finally:
                        peer.stop()
                    # Throughput per core the server used: what carries over to a
                    # machine where the load generator does not share its cores.
                    cpu = result['server']['cpu_percent']
                    result['server']['deliveries_per_cpu_s'] = (
                        round(result['deliveries_per_s'] / (cpu / 100.0)) if cpu else None)
                    runs[name].append(result)
                    if result['seq_gaps'] or result['reordered']:
                        broken.append((scenario, name))
            results = {}
            for name, measured in runs.items():
                ordered = sorted(measured, key=lambda r: figure(r, key))
                results[name] = ordered[len(ordered) // 2]
                if len(measured) > 1:
                    results[name]['runs'] = [figure(r, key) for r in measured]
            ratios = {}
            for label, result in results.items():
                if not label.startswith('signalgate'):
                    continue
                for other in ('raw', 'node'):
                    if other in results:
                        ratios['%s/%s' % (label, other)] = ratio(figure(result, key), figure(results[other], key))
                        ratios['%s/%s rss_per_conn' % (label, other)] = ratio(
                            result['server']['rss_per_conn_kib'], results[other]['server']['rss_per_conn_kib'])
            report['scenarios'][scenario] = {
                'conns': conns, 'signal_interval_ms': interval, 'signals_per_tick': per_tick,
                'judged_by': key + (' (higher is better)' if more_is_better else ' (lower is better)'),
                'results': results, 'ratios': ratios}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    json.dump(report, sys.stdout, indent=1)
    print()
    # A peer that cannot keep up may drop or never open some connections:
    # that is its result, shown as it is. A lost or reordered seq is a bug.
    if broken:
        fail('signals lost or out of order: %s' % broken)
    for s, v in report['scenarios'].items():
        for label, r in v['results'].items():
            if r['connected'] != r['conns'] or r['closes']:
                print('note: %s %s: %d of %d connections opened; closes %s' %
                      (s, label, r['connected'], r['conns'], r['closes']), file=sys.stderr)

if __name__ == '__main__':
    main()
