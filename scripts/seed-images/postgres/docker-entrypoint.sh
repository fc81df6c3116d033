#!/usr/bin/env bash
# The official postgres image's entrypoint, for what the seeds use: on an empty
# PGDATA, initdb with POSTGRES_USER/POSTGRES_PASSWORD, create POSTGRES_DB, run
# /docker-entrypoint-initdb.d/* (*.sh, *.sql, *.sql.gz) once; then run the server
# as the postgres user, listening on every address.
set -Eeuo pipefail

if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi
[[ "${1:-}" == postgres ]] || exec "$@"

: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
export POSTGRES_USER POSTGRES_DB PGDATA

# As root: own the data directory, then start again as postgres.
if [[ "$(id -u)" == 0 ]]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    if [[ -z "${POSTGRES_PASSWORD:-}" && "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]]; then
        echo "Error: Database is uninitialized and superuser password is not specified." >&2
        echo "       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)." >&2
        exit 1
    fi
    pwfile=$(mktemp)
    printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
    # shellcheck disable=SC2086 # the official image splits these too
    initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust ${POSTGRES_INITDB_ARGS:-} >/dev/null
    rm -f "$pwfile"
    printf '\nhost all all all %s\n' "${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"
    printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

    # A temporary server on a private socket only, so that health checks
    # (pg_isready on the default socket) fail until initialization is over.
    socket=$(mktemp -d)
    pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=$socket" start >/dev/null
    export PGHOST=$socket PGUSER=$POSTGRES_USER
    psql_run=(psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc)
    if [[ "$POSTGRES_DB" != postgres ]]; then
        "${psql_run[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db" ;' >/dev/null
    fi
    for file in /docker-entrypoint-initdb.d/*; do
        case "$file" in
        *.sh)
            echo "running $file"
            if [[ -x "$file" ]]; then "$file"; else source "$file"; fi
            ;;
        *.sql) echo "running $file" && "${psql_run[@]}" --dbname "$POSTGRES_DB" -f "$file" ;;
        *.sql.gz) echo "running $file" && gunzip -c "$file" | "${psql_run[@]}" --dbname "$POSTGRES_DB" ;;
        *) if [[ -e "$file" ]]; then echo "ignoring $file"; fi ;;
        esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    unset PGHOST PGUSER
    rm -rf "$socket"
    echo "PostgreSQL init process complete; ready for start up."
else
    echo "PostgreSQL Database directory appears to contain a database; Skipping initialization"
fi

exec "$@"
