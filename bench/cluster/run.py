#!/usr/bin/env python3
"""Several nodes on one Redis (docs/SCALING.md), measured beside one node.

Scenarios (each peer started fresh, limits off, HS256 tokens):
  fanout      (and fanout-paced, a lighter feed)
              CONNS clients on one node with the in-process broker ("one"),
              the same on one node through Redis ("one-redis"), and split
              over two nodes through Redis ("two-redis", two bench_loadgen at
              once). Judged by deliveries/s summed over the nodes.
  latency     the feed on node a, every client on node b: publish to delivery
              across nodes (each signal's ts to its arrival), beside the same
              clients on the feed's own node with the in-process broker.
  revocation  a client on node b, a logout of its token on node a: the time
              from sending the logout to the close frame on b, N times.
The output is one JSON object with the figures and their ratios. Redis runs
without persistence in a temp dir; PostgreSQL is not needed (each node keeps
its own SQLite: the benchmarks mint their tokens).

  bench/cluster/run.py [--build build/default] [--quick]
                       [--scenarios fanout,fanout-paced,latency,revocation]
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'e2e'))
import run as e2e  # noqa: E402  (Peer, mint, measure, fail)

# name: (connections, feed interval ms, signals per tick, seconds measured)
# fanout is past what one node of this 2-core machine carries (the e2e
# benchmark's fanout-1); fanout-paced is a load one node carries, so the
# ratio shows what Redis costs when nobody is short of CPU.
SCENARIOS = {'fanout': (2000, 2, 1, 10), 'fanout-paced': (1000, 10, 1, 10), 'latency': (1000, 100, 1, 10),
             'revocation': (0, 0, 0, 40)}
QUICK = {'fanout': (50, 20, 1, 1), 'fanout-paced': (20, 20, 1, 1), 'latency': (20, 50, 1, 1),
         'revocation': (0, 0, 0, 3)}


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self, workdir):
        self.port = free_port()
        self.process = subprocess.Popen(
            ['redis-server', '--port', str(self.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
             '--dir', workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection(('127.0.0.1', self.port), 0.2) as s:
                    s.sendall(b'PING\r\n')
                    if s.recv(16).startswith(b'+PONG'):
                        return
            except OSError:
                time.sleep(0.05)
        e2e.fail('redis-server did not start (apt install redis-server)')

    def flush(self):
        with socket.create_connection(('127.0.0.1', self.port), 1) as s:
            s.sendall(b'FLUSHALL\r\n')
            s.recv(16)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def start_node(args, workdir, secret_file, name, redis=None, interval=0, per_tick=1):
    data = tempfile.mkdtemp(dir=workdir)
    argv = [os.path.join(args.build, 'server', 'signalgate-server'), '--listen', '127.0.0.1:0', '--data-dir', data,
            '--jwt-secret-file', secret_file, '--conn-rate', '0', '--msg-rate', '0', '--login-rate', '0',
            '--login-rate-user', '0', '--max-conns', '0', '--max-conns-per-user', '0', '--max-pending-per-ip', '0',
            '--signal-interval-ms', str(interval), '--signals-per-tick', str(per_tick), '--node-id', name]
    if redis:
        argv += ['--broker', 'redis://127.0.0.1:%d' % redis.port]
    node = e2e.Peer(name, argv)
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            if urllib.request.urlopen('http://127.0.0.1:%d/readyz' % node.port, timeout=1).status == 200:
                return node
        except OSError:
            time.sleep(0.05)
    node.stop()
    e2e.fail('%s did not become ready' % name)


def measure_together(args, nodes, token, conns, seconds):
    """bench_loadgen against each node at once, conns split evenly."""
    share = conns // len(nodes)
    procs = []
    for node in nodes:
        argv = [os.path.join(args.build, 'bench', 'bench_loadgen'), '--port', str(node.port), '--token', token,
                '--conns', str(share), '--seconds', str(seconds), '--server-pid', str(node.process.pid),
                '--label', node.name, '--settle-ms', '300' if args.quick else '2000']
        procs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        if proc.returncode != 0:
            e2e.fail('bench_loadgen failed: %s' % err)
        results.append(json.loads(out))
    return results


def fanout(args, workdir, secret_file, token, redis, scenario):
    conns, interval, per_tick, seconds = (QUICK if args.quick else SCENARIOS)[scenario]
    report = {'conns': conns, 'signal_interval_ms': interval, 'signals_per_tick': per_tick, 'results': {}}
    for label in ('one', 'one-redis', 'two-redis'):
        redis.flush()
        shared = redis if label != 'one' else None
        nodes = [start_node(args, workdir, secret_file, 'a', shared, interval, per_tick)]
        if label == 'two-redis':
            nodes.append(start_node(args, workdir, secret_file, 'b', shared))
        try:
            results = measure_together(args, nodes, token, conns, seconds)
        finally:
            for node in nodes:
                node.stop()
        report['results'][label] = {
            'deliveries_per_s': sum(r['deliveries_per_s'] for r in results),
            'connected': sum(r['connected'] for r in results),
            'seq_gaps': sum(r['seq_gaps'] for r in results),
            'reordered': sum(r['reordered'] for r in results),
            'server_cpu_percent': [r['server']['cpu_percent'] for r in results],
            'latency_ms': [r['latency_ms'] for r in results]}
    r = report['results']
    report['ratios'] = {'one-redis/one': e2e.ratio(r['one-redis']['deliveries_per_s'], r['one']['deliveries_per_s']),
                        'two-redis/one': e2e.ratio(r['two-redis']['deliveries_per_s'], r['one']['deliveries_per_s'])}
    return report


def latency(args, workdir, secret_file, token, redis):
    conns, interval, per_tick, seconds = (QUICK if args.quick else SCENARIOS)['latency']
    report = {'conns': conns, 'signal_interval_ms': interval, 'results': {}}
    redis.flush()
    one = start_node(args, workdir, secret_file, 'one', None, interval, per_tick)
    try:
        report['results']['same-node'] = e2e.measure(args, one, token, conns, seconds)['latency_ms']
    finally:
        one.stop()
    a = start_node(args, workdir, secret_file, 'a', redis, interval, per_tick)
    b = start_node(args, workdir, secret_file, 'b', redis)
    try:
        result = e2e.measure(args, b, token, conns, seconds)
        report['results']['across-nodes'] = result['latency_ms']
        report['results']['across-nodes-seq-gaps'] = result['seq_gaps']
    finally:
        a.stop()
        b.stop()
    same, across = report['results']['same-node'], report['results']['across-nodes']
    report['ratios'] = {'across/same p50': e2e.ratio(across['p50'], same['p50']),
                        'across/same p99': e2e.ratio(across['p99'], same['p99'])}
    return report


def read_exactly(sock, count):
    data = b''
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError('closed without a close frame')
        data += chunk
    return data


def read_frame(sock):
    """One server frame (unmasked): its opcode and payload."""
    head = read_exactly(sock, 2)
    length = head[1] & 0x7f
    if length == 126:
        length = int.from_bytes(read_exactly(sock, 2), 'big')
    elif length == 127:
        length = int.from_bytes(read_exactly(sock, 8), 'big')
    return head[0] & 0x0f, read_exactly(sock, length)


def close_code(sock):
    while True:
        opcode, payload = read_frame(sock)
        if opcode == 0x8:
            return int.from_bytes(payload[:2], 'big')


def one_revocation(node_a, node_b, secret):
    # A bare WebSocket client: the handshake and frame reading are all this needs.
    token = e2e.mint(secret)
    sock = socket.create_connection(('127.0.0.1', node_b.port), 5)
    sock.sendall(('GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'
                  'Sec-WebSocket-Protocol: signalgate.v1\r\nAuthorization: Bearer %s\r\n\r\n' % token).encode())
    head = b''
    while b'\r\n\r\n' not in head:
        head += read_exactly(sock, 1)
    if not head.startswith(b'HTTP/1.1 101'):
        e2e.fail('node b refused the upgrade: %s' % head[:60])
    read_frame(sock)   # the welcome: the node holds the session now
    request = urllib.request.Request('http://127.0.0.1:%d/auth/logout' % node_a.port, data=b'{}',
                                     headers={'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})
    sent = time.perf_counter()
    if urllib.request.urlopen(request, timeout=5).status != 204:
        e2e.fail('logout on node a was not 204')
    code = close_code(sock)
    closed = time.perf_counter()
    sock.close()
    if code != 1008:
        e2e.fail('node b closed with %s, not 1008' % code)
    return (closed - sent) * 1000


def revocation(args, workdir, secret_file, secret, redis):
    rounds = (QUICK if args.quick else SCENARIOS)['revocation'][3]
    redis.flush()
    a = start_node(args, workdir, secret_file, 'a', redis)
    b = start_node(args, workdir, secret_file, 'b', redis)
    try:
        times = [one_revocation(a, b, secret) for _ in range(rounds)]
    finally:
        a.stop()
        b.stop()
    times.sort()
    return {'rounds': rounds, 'logout_to_close_ms': {
        'p50': round(statistics.median(times), 1), 'p99': round(times[min(len(times) - 1, int(len(times) * 0.99))], 1),
        'max': round(times[-1], 1)}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--build', default='build/default')
    parser.add_argument('--quick', action='store_true', help='tiny sizes: a smoke test, not a measurement')
    parser.add_argument('--scenarios', default=','.join(SCENARIOS))
    args = parser.parse_args()
    scenarios = args.scenarios.split(',')
    for name in scenarios:
        if name not in SCENARIOS:
            e2e.fail('unknown scenario %s (known: %s)' % (name, ', '.join(SCENARIOS)))
    workdir = tempfile.mkdtemp(prefix='signalgate-cluster-bench-')
    secret, secret_file = e2e.write_secret(workdir)
    token = e2e.mint(secret)
    redis = Redis(workdir)
    report = {'machine': {'cores': os.cpu_count()}, 'scenarios': {}}
    try:
        for name in ('fanout', 'fanout-paced'):
            if name in scenarios:
                report['scenarios'][name] = fanout(args, workdir, secret_file, token, redis, name)
        if 'latency' in scenarios:
            report['scenarios']['latency'] = latency(args, workdir, secret_file, token, redis)
        if 'revocation' in scenarios:
            report['scenarios']['revocation'] = revocation(args, workdir, secret_file, secret, redis)
    finally:
        redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    json.dump(report, sys.stdout, indent=1)
    print()
    gaps = [(name, label, r['seq_gaps'], r['reordered']) for name in ('fanout', 'fanout-paced')
            for label, r in report['scenarios'].get(name, {}).get('results', {}).items()
            if r['seq_gaps'] or r['reordered']]
    if gaps:
        e2e.fail('signals lost or out of order: %s' % gaps)


if __name__ == '__main__':
    main()
