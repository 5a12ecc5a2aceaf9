# Sourced by scripts/schemathesis.sh and scripts/bench-server.sh: a demo ledger in a temporary
# directory and `weightledger serve` on a free loopback port, removed and stopped on exit.
# Needs: $binary (the weightledger to run). Sets: $work, $ledger, $base, $server_pid.
# demo_server_start starts it; demo_server_token ROLE NAME prints a new token.
work=$(mktemp -d)
ledger="$work/ledger.db"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$work" && "$OLDPWD/$binary" demo --ledger ledger.db >/dev/null)

demo_server_token() {
    "$binary" token create --role "$1" --name "$2" --ledger "$ledger"
}

demo_server_start() {
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$binary" serve --port "$port" --ledger "$ledger" > "$work/server.log" 2>&1 &
    server_pid=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 0.1; done
    echo "the server did not start:"; cat "$work/server.log"; return 1
}
