#!/bin/sh
# The container's entrypoint (Containerfile, docs/deploy.md#containers): checks what volg needs, then becomes volg.
#
#   container-entrypoint.sh serve            -> volg serve --host 0.0.0.0 (unless --host is given)
#   container-entrypoint.sh worker ...       -> volg worker ...; any volg command works the same way
#   container-entrypoint.sh sh               -> a command that is not volg's runs as it is
#
# Before a long-running command (serve, run, worker) it waits up to VOLG_DB_WAIT_S seconds (default 60) for the
# database, by running `volg migrate` until it succeeds: a PostgreSQL container starting beside volg's is not
# an error, and the schema is current before anything serves. VOLG_DB_WAIT_S=0 skips it.
set -eu

VOLG_HOME="${VOLG_HOME:-/data}"
export VOLG_HOME

fail() {
    echo "error: $*" >&2
    exit 2
}

is_command() {  # whether $1 is one of volg's commands (or an option of `volg` itself)
    case "$1" in
        -*) return 0 ;;
    esac
    volg --help | sed -n '/^Commands:/,$p' | awk '{print $1}' | grep -qx -- "$1"
}

check_home() {  # SQLite (no PostgreSQL URL) keeps its file in VOLG_HOME: it must be a writable folder
    case "${VOLG_DATABASE:-}" in
        postgres://* | postgresql://*) return 0 ;;
    esac
    mkdir -p "$VOLG_HOME" 2>/dev/null || fail "VOLG_HOME=$VOLG_HOME is no folder volg can make: mount a volume there"
    probe="$VOLG_HOME/.volg-write-test.$$"
    if ! : > "$probe" 2>/dev/null; then
        fail "VOLG_HOME=$VOLG_HOME is not writable by user $(id -un) (uid $(id -u)): chown the volume to it"
    fi
    rm -f "$probe"
}

wait_for_database() {  # `volg migrate` until the database answers, for at most VOLG_DB_WAIT_S seconds
    wait_s="${VOLG_DB_WAIT_S:-60}"
    case "$wait_s" in
        '' | *[!0-9]*) fail "VOLG_DB_WAIT_S=$wait_s is not a whole number of seconds" ;;
    esac
    [ "$wait_s" -eq 0 ] && return 0
    deadline=$(($(date +%s) + wait_s))  # whole seconds: give up only past it, so never before wait_s have passed
    until output=$(volg migrate 2>&1); do
        if [ "$(date +%s)" -gt "$deadline" ]; then
            echo "$output" >&2
            echo "error: the database did not answer within ${wait_s}s (VOLG_DB_WAIT_S)" >&2
            exit 1
        fi
        sleep 1
    done
}

if [ "$#" -eq 0 ]; then
    set -- serve
fi
if ! is_command "$1"; then
    exec "$@"
fi

check_home
case "$1" in
    serve | run | worker) wait_for_database ;;
esac
if [ "$1" = serve ]; then
    case " $* " in
        *" --host "* | *" --host="*) ;;
        *) shift; set -- serve --host 0.0.0.0 "$@" ;;
    esac
fi
exec volg "$@"
