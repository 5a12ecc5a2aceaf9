# Sourced by .ci/run and the benchmarks: a throwaway PostgreSQL cluster from Debian's packages,
# on a free loopback port, password-protected (scram-sha-256), run as the `postgres` user when
# this runs as root (initdb refuses root). Sets $postgres_url (the administrator, database
# `postgres`); postgres_cluster_stop stops it.
postgres_cluster_start() {
    local dir=$1 bin password
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "no PostgreSQL server found (apt-get install postgresql)"
        return 2
    fi
    postgres_run=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        chown postgres "$dir"
        postgres_run=(runuser -u postgres --)
    fi
    postgres_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf '%s\n' "$password" > "$dir/pwfile"
    chmod 600 "$dir/pwfile"
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir/pwfile"
    "${postgres_run[@]}" "$bin/initdb" -D "$dir/data" -U wl_admin --pwfile="$dir/pwfile" -A scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 >/dev/null
    rm -f "$dir/pwfile"
    "${postgres_run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $postgres_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    postgres_dir=$dir
    postgres_bin=$bin
    postgres_url="postgresql://wl_admin:$password@127.0.0.1:$postgres_port/postgres"
}

postgres_cluster_stop() {
    if [ -n "${postgres_dir:-}" ]; then
        "${postgres_run[@]}" "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$postgres_dir"
        postgres_dir=""
    fi
}
