#!/bin/bash
# cluster.sh: creates, starts, stops, restarts and removes a throwaway PostgreSQL cluster on a free loopback port for the tests, owned by an unprivileged user.
#
# Usage:
#   tests/pg/cluster.sh start DIR          create a fresh cluster in DIR (missing or empty), start it, print its URL
#   tests/pg/cluster.sh createdb DIR NAME  create database NAME (UTF8, from template0), print its URL
#   tests/pg/cluster.sh url DIR [NAME]     print the URL of database NAME (default postgres); creates nothing
#   tests/pg/cluster.sh down DIR           stop the server (fast mode: connections are cut, committed data kept)
#   tests/pg/cluster.sh up DIR             start it again on the same port, print its URL
#   tests/pg/cluster.sh restart DIR        down, then up
#   tests/pg/cluster.sh stop DIR           stop the server and remove DIR; succeeds when there is nothing to stop
#
# URLs are postgresql://accord@127.0.0.1:PORT/NAME (superuser accord, trust authentication, loopback only).
# start, up and restart print exactly that one line on stdout; everything else goes to stderr.
# DIR is the data directory; it also holds the server log (DIR/log), the port (DIR/port) and the Unix socket.
# As root the server runs as the system user accord-pg (created when missing), so DIR's parent must be
# traversable by that user (/tmp is; a mktemp -d folder is not, so use one as DIR itself, not as its parent).
# The binaries come from the highest /usr/lib/postgresql/*/bin (Debian's postgresql package), else from PATH.
set -u

exec 3>&1 1>&2 # stdout carries only the URL (fd 3); anything a tool prints goes to stderr
LC_ALL=C
export LC_ALL
for v in $(compgen -e); do
	case $v in PG*) unset "$v" ;; esac # the caller's PGHOST, PGDATA, PGOPTIONS... must not steer this cluster
done

PG_USER=accord-pg
me=${0##*/}

die() {
	echo "$me: $*"
	exit 1
}

usage() {
	sed -n '4,11p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}

# --- binaries ---------------------------------------------------------------------------------------------
BIN=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
	[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && BIN=$d
done

pgbin() { # pgbin NAME: the path of a PostgreSQL program
	if [ -n "$BIN" ] && [ -x "$BIN/$1" ]; then
		echo "$BIN/$1"
	elif command -v "$1" >/dev/null 2>&1; then
		command -v "$1"
	else
		echo "$me: cannot find $1 (install Debian's postgresql package: scripts/setup)" >&2
		return 1
	fi
}

# --- the user that owns the cluster ------------------------------------------------------------------------
is_root() { [ "$(id -u)" = 0 ]; }

ensure_user() {
	is_root || return 0
	i=0
	# Two clusters started at once may both try to add the user; the loser sees it exist on a later look.
	while ! getent passwd "$PG_USER" >/dev/null; do
		useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER" >/dev/null 2>&1 && break
		i=$((i + 1))
		[ $i -ge 20 ] && {
			echo "$me: cannot create the system user $PG_USER (useradd failed)"
			return 1
		}
		sleep 0.2
	done
}

as_pg() { # as_pg CMD ARGS...: run as the cluster's owner, from /, so that no unreadable working folder gets in the way
	(
		# The postmaster must not inherit the URL pipe or any other descriptor of the caller: a caller
		# reading "$(cluster.sh start DIR)" would wait for the server to exit.
		for f in /proc/$BASHPID/fd/*; do
			n=${f##*/}
			[ "$n" -gt 2 ] && [ "$n" -lt 255 ] && eval "exec $n>&-"
		done
		cd / || exit 1
		if ! is_root; then
			exec "$@"
		elif command -v runuser >/dev/null 2>&1; then
			exec runuser -u "$PG_USER" -- "$@"
		else
			exec su -s /bin/sh "$PG_USER" -c '"$0" "$@"' "$@"
		fi
	)
}

# --- the folder ----------------------------------------------------------------------------------------------
absdir() { # absdir DIR: DIR as an absolute path (it need not exist)
	case $1 in
	/*) echo "$1" ;;
	*) echo "$PWD/$1" ;;
	esac
}

physdir() { # physdir DIR: an existing DIR with symbolic links resolved, as the server sees it
	(cd "$1" 2>/dev/null && pwd -P)
}

looks_like_cluster() { [ -f "$1/PG_VERSION" ] && [ -f "$1/postgresql.conf" ]; }

need_cluster() { # need_cluster DIR: sets D to DIR resolved, or dies
	[ -d "$1" ] || die "no cluster in $1 (folder missing)"
	D=$(physdir "$1") || die "cannot enter $1"
	looks_like_cluster "$D" && [ -s "$D/port" ] || die "no cluster made by $me in $1"
	PORT=$(cat "$D/port")
}

# --- processes -----------------------------------------------------------------------------------------------
# A PostgreSQL process belongs to the cluster in D when its working folder is D (the postmaster and every
# child change into the data directory); this never touches another cluster or an unrelated process.
cluster_pids() { # cluster_pids D: the live server processes of the cluster in D
	for p in /proc/[0-9]*; do
		[ "$p/cwd" -ef "$1" ] || continue # no fork per process: the test builtin follows the link
		case $(readlink "$p/exe" 2>/dev/null) in */postgres | */postmaster) echo "${p#/proc/}" ;; esac
	done
}

postmaster_pid() { # postmaster_pid D: the pid in D/postmaster.pid when it is this cluster's live postmaster
	pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null)
	case $pid in '' | *[!0-9]*) return 1 ;; esac
	[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$1" ] || return 1
	echo "$pid"
}

stop_server() { # stop_server D [MODE]: pg_ctl stop in MODE (immediate), bounded; then kill whatever is left of it
	if pid=$(postmaster_pid "$1"); then
		pg_ctl=$(pgbin pg_ctl) || return 1
		as_pg timeout 40 "$pg_ctl" -D "$1" -m "${2:-immediate}" -w -t 30 stop >/dev/null 2>&1 ||
			as_pg timeout 40 "$pg_ctl" -D "$1" -m immediate -w -t 30 stop >/dev/null 2>&1
	fi
	# pg_ctl may have timed out, or the postmaster died and left children behind.
	i=0
	while [ -n "$(cluster_pids "$1")" ]; do
		for p in $(cluster_pids "$1"); do kill -KILL "$p" 2>/dev/null; done
		i=$((i + 1))
		[ $i -ge 50 ] && {
			echo "$me: server processes of $1 are still alive: $(cluster_pids "$1" | tr "\n" " ")"
			return 1
		}
		sleep 0.1
	done
	# Lock files left by a killed server name a pid that may since belong to anything, or to a zombie that
	# nobody reaps (a container's init may not): nothing of this cluster runs now, so drop them.
	rm -f "$1/postmaster.pid" "$1"/.s.PGSQL.*
	return 0
}

# --- ports ----------------------------------------------------------------------------------------------------
port_busy() { # port_busy PORT: any TCP socket bound to it (any state, IPv4 or IPv6), or something answering there
	hex=$(printf '%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v h=":$hex" '{ if (substr($2, length($2) - 4) == h) f = 1 } END { exit !f }' && return 0
	(exec 4<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() { # free_port: a port below Linux's ephemeral range that nothing uses now
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 12000))
		port_busy "$p" || {
			echo "$p"
			return 0
		}
	done
	return 1
}

# --- starting ---------------------------------------------------------------------------------------------------
write_conf() { # write_conf D PORT: the settings this harness needs, included last by postgresql.conf
	cat >"$1/accord.conf" <<EOF
# Written by tests/pg/cluster.sh for a throwaway test cluster.
listen_addresses = '127.0.0.1'
port = $2
unix_socket_directories = '$1'
max_connections = 200
timezone = 'UTC'
# Durability is worthless here: the cluster is deleted after the tests and never outlives an OS crash.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
	echo "$2" >"$1/port"
	is_root && chown "$PG_USER:" "$1/accord.conf" "$1/port"
	return 0
}

show_log() { # show_log D: the end of the server log, for a failure message
	[ -s "$1/log" ] || return 0
	echo "$me: last lines of $1/log:"
	tail -n 20 "$1/log"
}

wait_ready() { # wait_ready PORT: until the server accepts connections, at most about 30 s
	isready=$(pgbin pg_isready) || return 1
	for _ in $(seq 1 60); do
		timeout 5 "$isready" -q -h 127.0.0.1 -p "$1" -U accord -d postgres && return 0
		sleep 0.5
	done
	return 1
}

run_server() { # run_server D PORT: start the server in D; 0 when it answers on PORT, else why says what failed
	why="no pg_ctl"
	pg_ctl=$(pgbin pg_ctl) || return 1
	why="pg_ctl start failed"
	as_pg timeout 60 "$pg_ctl" -D "$1" -l "$1/log" -w -t 30 start >/dev/null 2>&1 || return 1
	why="it started but does not answer pg_isready"
	wait_ready "$2" || return 1
	why=""
}

url() { # url PORT NAME
	echo "postgresql://accord@127.0.0.1:$1/$2" >&3
}

valid_name() {
	case $1 in
	[a-z]*) ;;
	*) return 1 ;;
	esac
	case $1 in *[!a-z0-9_]*) return 1 ;; esac
	[ ${#1} -le 41 ]
}

# --- commands ----------------------------------------------------------------------------------------------------
cmd_start() {
	DIR=$(absdir "$1")
	[ "$DIR" != / ] || die "refusing to use / as DIR"
	if [ -e "$DIR" ]; then
		[ -d "$DIR" ] || die "$DIR exists and is not a folder"
		[ -z "$(ls -A "$DIR" 2>/dev/null)" ] || die "$DIR is not empty"
		made=0
	else
		mkdir -p "$DIR" || die "cannot create $DIR"
		made=1
	fi
	D=$(physdir "$DIR") || die "cannot enter $DIR"
	# The Unix socket path D/.s.PGSQL.PORT must fit in sun_path (107 bytes).
	[ ${#D} -le 85 ] || fail_start "the path $D is too long for a Unix socket; use a shorter DIR"
	trap 'fail_start "interrupted"' INT TERM HUP

	initdb=$(pgbin initdb) || fail_start "no initdb"
	pgbin pg_ctl >/dev/null && pgbin postgres >/dev/null && pgbin pg_isready >/dev/null || fail_start "PostgreSQL is incomplete"
	ensure_user || fail_start "no user to own the cluster"
	if is_root; then
		chown "$PG_USER:" "$D" || fail_start "cannot chown $D to $PG_USER"
	fi
	chmod 700 "$D" || fail_start "cannot chmod $D"
	if is_root && ! as_pg test -w "$D" -a -x "$D"; then
		blocker=$D
		p=$D
		while [ "$p" != / ]; do
			p=$(dirname "$p")
			as_pg test -x "$p" || blocker=$p
		done
		fail_start "$PG_USER cannot reach $D: $blocker is not traversable by others (use a DIR directly under /tmp, or chmod o+x $blocker)"
	fi

	locale=C
	locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale=C.UTF-8
	out=$(as_pg timeout 120 "$initdb" -D "$D" --auth=trust --username=accord --encoding=UTF8 --locale="$locale" 2>&1) ||
		fail_start "initdb failed in $D" "$out"
	echo "include_if_exists = 'accord.conf'" >>"$D/postgresql.conf"

	# Another process may take the chosen port between the check and the bind: then try another one.
	for attempt in 1 2 3 4 5; do
		port=$(free_port) || fail_start "no free port on 127.0.0.1"
		write_conf "$D" "$port"
		if run_server "$D" "$port"; then
			trap - INT TERM HUP
			url "$port" postgres
			return 0
		fi
		if [ $attempt -lt 5 ] && tail -n 20 "$D/log" 2>/dev/null | grep -q 'Address already in use'; then
			stop_server "$D"
			continue
		fi
		fail_start "the server in $D did not start on 127.0.0.1:$port: $why"
	done
}

fail_start() { # fail_start MESSAGE [OUTPUT]: report, show OUTPUT's end and the log's, undo start, exit 1
	trap - INT TERM HUP
	echo "$me: start: $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | tail -n 20
	if [ -n "${D:-}" ] && [ -d "$D" ]; then
		show_log "$D"
		stop_server "$D" >/dev/null 2>&1
		if [ "${made:-0}" = 1 ]; then
			rm -rf "$D"
		else
			find "$D" -mindepth 1 -delete 2>/dev/null
		fi
	fi
	exit 1
}

cmd_createdb() {
	need_cluster "$1"
	valid_name "$2" || die "invalid database name '$2' (want [a-z][a-z0-9_]{0,40})"
	psql=$(pgbin psql) || exit 1
	timeout 60 "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U accord -d postgres \
		-c "CREATE DATABASE \"$2\" ENCODING 'UTF8' TEMPLATE template0" >/dev/null ||
		die "cannot create database $2 in $1 (port $PORT)"
	url "$PORT" "$2"
}

cmd_url() {
	need_cluster "$1"
	name=${2:-postgres}
	valid_name "$name" || die "invalid database name '$name' (want [a-z][a-z0-9_]{0,40})"
	url "$PORT" "$name"
}

cmd_down() {
	need_cluster "$1"
	# A fast shutdown cuts every connection like a crash does, but writes out what was committed: with
	# synchronous_commit off, an immediate stop would lose the last commits and surprise a restart test.
	stop_server "$D" fast || die "cannot stop the server in $1"
}

cmd_up() {
	need_cluster "$1"
	if ! postmaster_pid "$D" >/dev/null; then
		stop_server "$D" >/dev/null # leftovers of a killed server would hold the shared memory
		# No check of the port beforehand: the server's own connections linger there in TIME_WAIT after a
		# stop, which does not keep it from listening again.
		run_server "$D" "$PORT" || {
			if tail -n 20 "$D/log" 2>/dev/null | grep -q 'Address already in use'; then
				why="port $PORT is taken by something else"
			fi
			echo "$me: up: the server in $1 did not start again on 127.0.0.1:$PORT: $why"
			show_log "$D"
			exit 1
		}
	else
		wait_ready "$PORT" || die "the server in $1 runs but does not answer on 127.0.0.1:$PORT"
	fi
	url "$PORT" postgres
}

cmd_stop() {
	DIR=$(absdir "$1")
	[ "$DIR" != / ] || die "refusing to remove /"
	[ -e "$DIR" ] || return 0
	D=$(physdir "$DIR") || die "cannot enter $DIR"
	if ! looks_like_cluster "$D" && [ -n "$(ls -A "$D" 2>/dev/null)" ]; then
		die "$DIR does not look like a cluster made by $me; not removing it"
	fi
	stop_server "$D" || die "cannot stop the server in $DIR"
	rm -rf "$D" || die "cannot remove $DIR"
}

[ $# -ge 2 ] || usage
[ -n "$2" ] || usage
case $1 in
start) [ $# -eq 2 ] || usage; cmd_start "$2" ;;
createdb) [ $# -eq 3 ] || usage; cmd_createdb "$2" "$3" ;;
url) [ $# -le 3 ] || usage; cmd_url "$2" "${3:-}" ;;
down) [ $# -eq 2 ] || usage; cmd_down "$2" ;;
up) [ $# -eq 2 ] || usage; cmd_up "$2" ;;
restart) [ $# -eq 2 ] || usage; cmd_down "$2" && cmd_up "$2" ;;
stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
*) usage ;;
esac
