#!/bin/sh
# Two SignalGate nodes on one Redis and one PostgreSQL, all on this machine
# (docs/SCALING.md). Called by `scripts/signalgate.sh cluster` after the build.
#   node a: http://127.0.0.1:8080  (/metrics, /healthz, /readyz on 127.0.0.1:9100)
#   node b: http://127.0.0.1:8081  (on 127.0.0.1:9101)
#   user demo, password demo-password; Redis on 6390, PostgreSQL on 5440
# Everything lives in one temp dir (SIGNALGATE_CLUSTER_DIR to choose it) and
# stops with Ctrl-C. PostgreSQL refuses to run as root: as root its tools run
# as the postgres user the Debian package creates.
set -eu
cd "$(dirname "$0")/.."

server=build/default/server/signalgate-server
dir=${SIGNALGATE_CLUSTER_DIR:-$(mktemp -d /tmp/signalgate-cluster.XXXXXX)}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || ! command -v redis-server >/dev/null; then
    echo "== PostgreSQL or Redis is missing: apt install postgresql redis-server (scripts/signalgate.sh installs them)" >&2
    exit 1
fi
for port in 6390 5440 8080 8081 9100 9101; do
    # curl's exit code 7 is "could not connect": anything else means someone listens.
    status=0
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || status=$?
    if [ "$status" -ne 7 ]; then
        echo "== port $port is taken; stop what listens there first" >&2
        exit 1
    fi
done

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    for pid in $pids; do wait "$pid" 2>/dev/null || true; done
    as_owner "$pgbin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
    echo "== stopped; the data stays in $dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$dir/redis" "$dir/a" "$dir/b"
chmod 700 "$dir/a" "$dir/b"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi

echo "== Redis on 127.0.0.1:6390"
redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly yes --dir "$dir/redis" \
    --daemonize no >"$dir/redis.log" 2>&1 &
pids="$pids $!"

echo "== PostgreSQL on 127.0.0.1:5440"
if [ ! -d "$dir/pg" ]; then
    as_owner "$pgbin/initdb" -D "$dir/pg" -U postgres --auth=trust >"$dir/initdb.log" 2>&1
fi
as_owner "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w \
    -o "-p 5440 -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
as_owner "$pgbin/psql" -h 127.0.0.1 -p 5440 -U postgres -qtAc \
    "SELECT 1 FROM pg_roles WHERE rolname = 'signalgate'" | grep -q 1 ||
    as_owner "$pgbin/createuser" -h 127.0.0.1 -p 5440 -U postgres signalgate
as_owner "$pgbin/psql" -h 127.0.0.1 -p 5440 -U postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = 'signalgate'" | grep -q 1 ||
    as_owner "$pgbin/createdb" -h 127.0.0.1 -p 5440 -U postgres -O signalgate signalgate

database=postgresql://signalgate@127.0.0.1:5440/signalgate
broker=redis://127.0.0.1:6390
[ -f "$dir/jwt.key" ] || head -c 64 /dev/urandom >"$dir/jwt.key"
chmod 600 "$dir/jwt.key"
printf 'demo-password\n' | "$server" user add demo --password-stdin --database "$database" \
    --data-dir "$dir/a" >/dev/null 2>&1 || true   # already there on a second run

start_node() {
    name=$1 port=$2 ops=$3
    shift 3
    "$server" --listen "127.0.0.1:$port" --metrics-listen "127.0.0.1:$ops" --node-id "$name" "$@" \
        --data-dir "$dir/$name" --jwt-secret-file "$dir/jwt.key" --database "$database" --broker "$broker" &
    pids="$pids $!"
    tries=0
    until curl -fs "http://127.0.0.1:$ops/readyz" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -gt 150 ]; then
            echo "== node $name is not ready after 15 s: $(curl -s "http://127.0.0.1:$ops/readyz")" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "== node $name ready on http://127.0.0.1:$port (operations on 127.0.0.1:$ops)"
}
start_node a 8080 9100
# One simulated feed for the whole cluster, as with one node: b's is off.
start_node b 8081 9101 --signal-interval-ms 0

echo "== user demo, password demo-password; connect the desktop client to either node:"
printf '%s\n' "   printf 'demo-password\\n' | build/default/ui/signalgate --server http://127.0.0.1:8081 --user demo --password-stdin"
echo "== Ctrl-C stops the cluster"
wait
