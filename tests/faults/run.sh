#!/bin/bash
# faults: a disk that fills, a database file made read-only, a database locked by another program, PostgreSQL stopped mid-run, SMTP unreachable — each answered with a clear error, nothing acknowledged lost, and recovery without a restart.
# Usage: tests/faults/run.sh [PATH_TO_ACCORD_BINARY]   (default build/accord; run as root: it mounts a tmpfs and uses chattr)
# FAULTS_ONLY="full readonly busy pg smtp" runs some of the five only.
set -u

BIN=${1:-build/accord}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
cd "$(dirname "$0")/../.." || exit 1
ONLY=" ${FAULTS_ONLY:-full readonly busy pg smtp} "

early_fail() {
	echo "faults: $1" >&2
	echo "faults: 0 passed, 1 failed"
	exit 1
}
for need in curl sqlite3 node chattr; do
	command -v "$need" >/dev/null 2>&1 || early_fail "the $need command is needed"
done
[ -x "$BIN" ] || early_fail "$BIN is not an executable"

T=$(mktemp -d) || exit 1
PG=""
pids=""
mounted=""
immutable=""
cleanup() {
	for p in $pids; do
		stop "$p"
	done
	for f in $immutable; do
		chattr -i "$f" 2>/dev/null
	done
	for m in $mounted; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	[ -n "$PG" ] && tests/pg/cluster.sh stop "$PG" >/dev/null 2>&1
	[ -n "${FAULTS_KEEP:-}" ] && echo "kept $T" || rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
unset ACCORD_DB ACCORD_SMTP ACCORD_MAIL_FROM ACCORD_PUBLIC_URL ACCORD_COOKIE_SECURE ACCORD_TRUSTED_PROXY ACCORD_GROUP_COMMIT
export ACCORD_TODAY=2026-11-26

passed=0
failed=0
skipped=""
code=""
last=$T/none
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL $1 (last status ${code:-none}; body: $(head -c 300 "$last" 2>/dev/null | tr '\n' '|'))"
}
skip() {
	echo "SKIPPED $1"
	skipped="$skipped $2"
}

# stop PID: SIGTERM, up to 10 s to go, then SIGKILL; reaps it.
stop() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	local i=0
	while [ $i -lt 100 ] && kill -0 "$1" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# http NAME METHOD URL [TOKEN [BODY]]: one request, 30 s at most; body to $T/NAME (also $last), status to $code (000: none).
http() {
	local name=$1 method=$2 url=$3 token=${4:-} body=${5:-}
	local args=(-sS -o "$T/$name" -w '%{http_code}' --max-time 30 -X "$method")
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
	last=$T/$name
	code=$(curl "${args[@]}" "$url" 2>"$T/curl.err")
	[ -n "$code" ] || code=000
}
# jv FILE EXPR: the value of the JavaScript expression EXPR over the JSON in FILE (as d); nothing when unreadable.
jv() {
	node -e '
const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const v = new Function("d", "return (" + process.argv[2] + ");")(d);
if (v !== undefined && v !== null) console.log(typeof v === "object" ? JSON.stringify(v) : String(v));' "$1" "$2" 2>/dev/null
}
# err_code: the error code of the last JSON answer.
err_code() { jv "$last" 'd.error.code'; }

used_ports=" "
free_port() {
	local p i=0
	while [ $i -lt 20 ]; do
		p=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
		case $used_ports in
		*" $p "*) ;;
		*)
			used_ports="$used_ports$p "
			echo "$p"
			return 0
			;;
		esac
		i=$((i + 1))
	done
	return 1
}

# serve NAME DB [ARGS...]: starts accord serve on a free port (log $T/NAME.log); sets pid, base; 0 once /healthz answers
# 200. With PROBE=404 it waits for a 404 from an unknown API path instead, which opens no database connection.
serve() {
	local name=$1 db=$2 port i=0 path=/healthz want=200
	shift 2
	[ "${PROBE:-}" = 404 ] && path=/api/v1/no-such-route && want=404
	port=$(free_port)
	"$BIN" serve --db "$db" --listen "127.0.0.1:$port" "$@" </dev/null >>"$T/$name.log" 2>&1 &
	pid=$!
	pids="$pids $pid"
	base=http://127.0.0.1:$port
	while [ $i -lt 300 ]; do
		kill -0 "$pid" 2>/dev/null || return 1
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base$path" 2>/dev/null)
		[ "$code" = "$want" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# stop_server PID: stops it and forgets it.
stop_server() {
	stop "$1"
	pids=$(echo "$pids" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ')
}

# login BASE EMAIL PASSWORD: prints the API token (nothing on failure).
login() {
	http login POST "$1/api/v1/login" "" "{\"email\":\"$2\",\"password\":\"$3\"}"
	[ "$code" = 200 ] && jv "$T/login" 'd.token'
}

# One shared demo database (as of 2026-11-26), copied for each fault.
TOM=tom.okafor@northwind.example
"$BIN" init --db "$T/demo.db" >/dev/null 2>"$T/err" && "$BIN" demo --db "$T/demo.db" >"$T/logins" 2>>"$T/err" ||
	early_fail "init and demo: $(cat "$T/err")"
TOM_PW=$(awk -v e="$TOM" '$2 == e { print $3 }' "$T/logins")
[ -n "$TOM_PW" ] || early_fail "the demo prints no log-in for $TOM"
# Core banking: an engagement whose contract manager (Tom) shares strategic issues.
ENG=$(sqlite3 "$T/demo.db" "select id from engagements where title like 'Core banking%'")
[ -n "$ENG" ] || early_fail "the demo has no Core banking engagement"

# A 4 KiB text, so each write needs new pages.
PAD=$(head -c 3000 /dev/urandom | base64 -w0)

# write NAME TOKEN TITLE: creates a strategic issue titled TITLE on Core banking; sets code, and records TITLE in
# $T/NAME.acked on 201 or in $T/NAME.refused on 503.
write() {
	http "w.$1" POST "$base/api/v1/engagements/$ENG/strategic-issues" "$2" "{\"title\":\"$3\",\"body\":\"$PAD\"}"
	case $code in
	201) echo "$3" >>"$T/$1.acked" ;;
	503) echo "$3" >>"$T/$1.refused" ;;
	esac
}
lines() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

# titles_check NAME Q [MAX]: every acknowledged title of NAME present exactly once and each refused one at most MAX
# times (default 0), where Q runs SQL (sqlite3 DB or psql); prints what is wrong. SQLite's 503 says "not saved";
# PostgreSQL's says only "unavailable": a COMMIT whose answer was cut by the server stopping may have landed.
titles_check() {
	local name=$1 q=$2 max=${3:-0} t n wrong=""
	if [ -f "$T/$name.acked" ]; then
		while read -r t; do
			n=$($q "select count(*) from strategic_issues where title = '$t'")
			[ "$n" = 1 ] || wrong="$wrong acked $t: $n;"
		done <"$T/$name.acked"
	fi
	if [ -f "$T/$name.refused" ]; then
		while read -r t; do
			n=$($q "select count(*) from strategic_issues where title = '$t'")
			[ "$n" -le "$max" ] 2>/dev/null || wrong="$wrong refused $t: $n;"
		done <"$T/$name.refused"
	fi
	echo "$wrong"
}

# integrity DB: SQLite's integrity check of DB ("ok" when sound).
integrity() { sqlite3 "$1" "pragma integrity_check" 2>&1 | tr '\n' ' ' | sed 's/ $//'; }

# ---------------------------------------------------------------------------------------------------------
# 1. Disk full: the database on a 4 MiB tmpfs, filled up by a filler file.
if [[ $ONLY == *" full "* ]]; then
	M=$T/full
	mkdir -p "$M"
	how=""
	if mount -t tmpfs -o size=4m accord-faults "$M" 2>"$T/mount.err"; then
		how="a 4 MiB tmpfs"
		mounted="$mounted $M"
	else
		# No tmpfs (not root, or a container): a 4 MiB ext4 image on a loop device.
		truncate -s 4M "$T/full.img" && mkfs.ext4 -q -m 0 "$T/full.img" >/dev/null 2>&1 &&
			mount -o loop "$T/full.img" "$M" 2>>"$T/mount.err" && how="a 4 MiB ext4 loop mount" && mounted="$mounted $M"
	fi
	if [ -z "$how" ]; then
		skip "disk full: neither a tmpfs nor a loop mount can be made here ($(tr '\n' ' ' <"$T/mount.err"))" full
	else
		DB=$M/accord.db
		cp "$T/demo.db" "$DB"
		if serve full "$DB"; then ok; else bad "the server starts on $how"; fi
		TOKEN=$(login "$base" "$TOM" "$TOM_PW")
		if [ -n "$TOKEN" ]; then ok; else bad "Tom signs in"; fi
		for i in 1 2 3 4 5; do write full "$TOKEN" "full-before-$i"; done
		if [ "$(lines "$T/full.acked")" = 5 ]; then ok; else bad "5 writes before the disk fills are saved"; fi

		# Fill the file system to the last block.
		dd if=/dev/zero of="$M/filler" bs=64k >/dev/null 2>&1
		sync
		if [ "$(df --output=avail -k "$M" | tail -1 | tr -d ' ')" -lt 64 ]; then ok; else bad "the filler takes the free space ($(df -k "$M" | tail -1))"; fi

		full_503=0
		other=""
		for i in $(seq 1 8); do
			write full "$TOKEN" "full-during-$i"
			case $code in
			201) ;;
			503) if [ "$(err_code)" = storage_full ]; then full_503=$((full_503 + 1)); else other="$other 503:$(err_code)"; fi ;;
			*) other="$other $code" ;;
			esac
		done
		if [ "$full_503" -ge 6 ] && [ -z "$other" ]; then ok; else bad "writes on a full disk answer 503 storage_full ($full_503 of 8; others:$other)"; fi
		if jv "$last" 'd.error.message' | grep -q "disk is full"; then ok; else bad "the 503 says the disk is full"; fi
		# Each request committing on its own (no group commit): the same answer from the handler's own COMMIT.
		full_pid=$pid
		full_base=$base
		if ACCORD_GROUP_COMMIT=0 serve full-solo "$DB"; then
			write full "$TOKEN" "full-during-solo"
			if [ "$code" = 503 ] && [ "$(err_code)" = storage_full ]; then ok; else bad "without group commit too, a write on a full disk answers 503 storage_full"; fi
		else
			bad "a server without group commit starts on the full disk"
		fi
		stop_server "$pid"
		pid=$full_pid
		base=$full_base
		http r.full GET "$base/api/v1/engagements/$ENG/strategic-issues" "$TOKEN"
		if [ "$code" = 200 ] && grep -q full-before-5 "$T/r.full"; then ok; else bad "reads still answer 200 on a full disk"; fi
		code=$(curl -sS -o "$T/p.full" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" "$base/engagements/$ENG")
		last=$T/p.full
		if [ "$code" = 200 ]; then ok; else bad "pages still answer 200 on a full disk"; fi
		# A form write: a readable page, not a 500 or a blank answer.
		csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/p.full" | head -1)
		code=$(curl -sS -o "$T/f.full" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" \
			--data-urlencode "csrf=$csrf" --data-urlencode "title=full-form" --data-urlencode "body=$PAD" \
			"$base/engagements/$ENG/issues")
		last=$T/f.full
		if [ "$code" = 503 ] && grep -q "disk is full" "$T/f.full" && grep -q "<html" "$T/f.full"; then ok; else bad "a form write on a full disk answers a 503 page saying the disk is full"; fi
		# A checkpoint from outside while the disk is full fails, and harms nothing.
		sqlite3 "$DB" "pragma wal_checkpoint(truncate)" >"$T/ckpt.out" 2>&1
		if [ "$(integrity "$DB")" = ok ]; then ok; else bad "the database passes its integrity check while the disk is full ($(integrity "$DB"); checkpoint: $(cat "$T/ckpt.out"))"; fi
		if kill -0 "$pid" 2>/dev/null; then ok; else bad "the server keeps running on a full disk"; fi
		"$BIN" org add --db "$DB" --name "Full Ltd" --kind buyer >"$T/cli.out" 2>"$T/cli.err"
		rc=$?
		last=$T/cli.err
		if [ "$rc" = 1 ] && [ "$(lines "$T/cli.err")" = 1 ] && grep -q 'disk is full' "$T/cli.err"; then ok; else bad "the CLI on a full disk prints one line and exits 1 (exit $rc)"; fi
		echo "full CLI: $(cat "$T/cli.err")"

		# Space back: writes succeed again, with no restart.
		rm -f "$M/filler"
		write full "$TOKEN" "full-after-1"
		if [ "$code" = 201 ]; then ok; else bad "the first write after space is freed is saved (no restart)"; fi
		for i in 2 3 4 5; do write full "$TOKEN" "full-after-$i"; done
		if [ "$(grep -c full-after "$T/full.acked")" = 5 ]; then ok; else bad "writes after space is freed are saved"; fi
		wrong=$(titles_check full "sqlite3 $DB")
		if [ -z "$wrong" ]; then ok; else bad "every 201 write is saved once and no 503 write is saved:$wrong"; fi
		stop_server "$pid"
		if [ "$(integrity "$DB")" = ok ] && [ ! -s "$DB-wal" ]; then ok; else bad "after the server stops the database is sound and its WAL checkpointed ($(integrity "$DB"))"; fi
		wrong=$(titles_check full "sqlite3 $DB")
		if [ -z "$wrong" ]; then ok; else bad "after the stop every acknowledged write is still there:$wrong"; fi
		echo "full: $(lines "$T/full.acked") writes saved, $(lines "$T/full.refused") refused with 503 on $how"
	fi
fi

# ---------------------------------------------------------------------------------------------------------
# 2. A read-only database: chattr +i on the file and its WAL (and the folder, so no file can be made beside them).
#    chmod would not stop root, nor a process holding the file open; an immutable inode stops both on ext4.
# immutable_works DIR: whether chattr +i in DIR refuses writes through a descriptor opened before it.
immutable_works() {
	local f=$1/probe r=1
	: >"$f"
	exec 7<>"$f"
	if chattr +i "$f" 2>/dev/null; then
		echo x >&7 2>/dev/null || r=0
		chattr -i "$f"
	fi
	exec 7>&-
	rm -f "$f"
	return $r
}
ro_on() { for f in "$@"; do [ -e "$f" ] && chattr +i "$f" && immutable="$immutable $f"; done; }
ro_off() { for f in "$@"; do [ -e "$f" ] && chattr -i "$f"; done; }
if [[ $ONLY == *" readonly "* ]]; then
	R=$T/ro
	mkdir -p "$R"
	how="chattr +i on $(stat -f -c %T "$R")"
	if ! immutable_works "$R"; then
		how=""
		truncate -s 16M "$T/ro.img" && mkfs.ext4 -q -m 0 "$T/ro.img" >/dev/null 2>&1 &&
			mount -o loop "$T/ro.img" "$R" 2>"$T/mount.err" && mounted="$mounted $R" && immutable_works "$R" &&
			how="chattr +i on an ext4 loop mount"
	fi
	if [ -z "$how" ]; then
		skip "read-only: chattr +i does not refuse writes here, and no ext4 loop mount can be made" readonly
	else
		DB=$R/accord.db
		cp "$T/demo.db" "$DB"
		# A first server signs Tom in and saves three writes; the session outlives it.
		if serve ro1 "$DB"; then ok; else bad "the server starts"; fi
		TOKEN=$(login "$base" "$TOM" "$TOM_PW")
		for i in 1 2 3; do write ro "$TOKEN" "ro-before-$i"; done
		if [ -n "$TOKEN" ] && [ "$(lines "$T/ro.acked")" = 3 ]; then ok; else bad "Tom signs in and 3 writes are saved"; fi
		stop_server "$pid"
		# The second server has one worker thread, whose database connection opens on its first request:
		# during the fault, so that connection is opened read-only.
		if PROBE=404 serve ro "$DB" --threads 1; then ok; else bad "a second server starts"; fi
		ro_on "$DB" "$DB-wal" "$R"
		http r.ro GET "$base/api/v1/engagements/$ENG/strategic-issues" "$TOKEN"
		if [ "$code" = 200 ] && grep -q ro-before-3 "$T/r.ro"; then ok; else bad "reads answer 200 on a read-only database"; fi
		ro_503=0
		other=""
		for i in 1 2 3 4; do
			write ro "$TOKEN" "ro-during-$i"
			if [ "$code" = 503 ] && [ "$(err_code)" = read_only ]; then ro_503=$((ro_503 + 1)); else other="$other $code:$(err_code)"; fi
		done
		if [ "$ro_503" = 4 ]; then ok; else bad "writes on a read-only database answer 503 read_only ($ro_503 of 4;$other)"; fi
		if jv "$last" 'd.error.message' | grep -q "read-only"; then ok; else bad "the 503 says the database is read-only"; fi
		http l.ro POST "$base/api/v1/login" "" "{\"email\":\"$TOM\",\"password\":\"$TOM_PW\"}"
		if [ "$code" = 503 ] && [ "$(err_code)" = read_only ]; then ok; else bad "signing in (a write on the worker's connection) answers 503 read_only"; fi
		code=$(curl -sS -o "$T/p.ro" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" "$base/engagements/$ENG")
		last=$T/p.ro
		if [ "$code" = 200 ]; then ok; else bad "pages answer 200 on a read-only database"; fi
		"$BIN" org add --db "$DB" --name "Read-only Ltd" --kind buyer >"$T/cli.out" 2>"$T/cli.err"
		rc=$?
		last=$T/cli.err
		if [ "$rc" = 1 ] && [ "$(lines "$T/cli.err")" = 1 ] && grep -q '^accord: ' "$T/cli.err"; then ok; else bad "the CLI on a read-only database prints one line and exits 1 (exit $rc)"; fi
		echo "read-only CLI: $(cat "$T/cli.err")"
		# A server started during the fault serves reads and refuses writes the same way.
		ro_pid=$pid
		ro_base=$base
		if serve ro-start "$DB"; then ok; else bad "a server starts on a read-only database"; fi
		late_pid=$pid
		late_base=$base
		write ro "$TOKEN" "ro-during-late"
		if [ "$code" = 503 ] && [ "$(err_code)" = read_only ]; then ok; else bad "a server started on a read-only database answers writes 503 read_only"; fi
		pid=$ro_pid
		base=$ro_base
		if kill -0 "$pid" 2>/dev/null; then ok; else bad "the server keeps running on a read-only database"; fi

		# Writable again: writes and sign-ins succeed with no restart.
		ro_off "$DB" "$DB-wal" "$R"
		write ro "$TOKEN" "ro-after-1"
		if [ "$code" = 201 ]; then ok; else bad "the first write after the file is writable again is saved (no restart)"; fi
		TOKEN2=$(login "$base" "$TOM" "$TOM_PW")
		if [ -n "$TOKEN2" ]; then ok; else bad "signing in works again on the connection opened read-only (no restart)"; fi
		for i in 2 3; do write ro "$TOKEN2" "ro-after-$i"; done
		if [ "$(grep -c ro-after "$T/ro.acked")" = 3 ]; then ok; else bad "writes after the file is writable again are saved"; fi
		base=$late_base
		write ro "$TOKEN2" "ro-after-late"
		base=$ro_base
		if [ "$code" = 201 ]; then ok; else bad "the server started during the fault saves writes once the file is writable"; fi
		stop_server "$late_pid"
		wrong=$(titles_check ro "sqlite3 $DB")
		if [ -z "$wrong" ]; then ok; else bad "every 201 write is saved once and no 503 write is saved:$wrong"; fi
		stop_server "$pid"
		if [ "$(integrity "$DB")" = ok ]; then ok; else bad "the database passes its integrity check ($(integrity "$DB"))"; fi
		echo "read-only: $(lines "$T/ro.acked") writes saved, $(lines "$T/ro.refused") refused with 503 ($how)"
	fi
fi

# ---------------------------------------------------------------------------------------------------------
# 3. A database locked by another program: the sqlite3 shell holds BEGIN EXCLUSIVE, fed through a FIFO so the
#    test decides when it lets go. accord's busy timeout is 5 s (BUSY_TIMEOUT_MS in src/store/sqlite.c).
holder=""
hold() { # starts the sqlite3 shell on DB with its input on a FIFO (fd 8), takes the lock, waits until it holds
	rm -f "$T/hold"
	mkfifo "$T/hold"
	sqlite3 "$1" <"$T/hold" >"$T/holder.out" 2>&1 &
	holder=$!
	pids="$pids $holder"
	exec 8>"$T/hold"
	echo "BEGIN EXCLUSIVE; INSERT INTO schema_migrations (version, applied_at) VALUES (-1, 'held');" >&8
	local i=0
	while [ $i -lt 100 ]; do
		sqlite3 -cmd ".timeout 0" "$1" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
release() { # rolls the shell's transaction back and ends it
	echo "ROLLBACK;" >&8
	exec 8>&-
	local i=0
	while [ $i -lt 100 ] && kill -0 "$holder" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	stop_server "$holder"
}
ms() { echo $(($(date +%s%N) / 1000000)); }
if [[ $ONLY == *" busy "* ]]; then
	B=$T/busy
	mkdir -p "$B"
	DB=$B/accord.db
	cp "$T/demo.db" "$DB"
	if ACCORD_GROUP_COMMIT=0 serve busy-solo "$DB"; then ok; else bad "a server without group commit starts"; fi
	solo=$base
	solo_pid=$pid
	if serve busy "$DB"; then ok; else bad "the server starts"; fi
	TOKEN=$(login "$base" "$TOM" "$TOM_PW")
	for i in 1 2 3; do write busy "$TOKEN" "busy-before-$i"; done
	if [ -n "$TOKEN" ] && [ "$(lines "$T/busy.acked")" = 3 ]; then ok; else bad "Tom signs in and 3 writes are saved"; fi

	if hold "$DB"; then ok; else bad "the sqlite3 shell takes the lock ($(cat "$T/holder.out"))"; fi
	http r.busy GET "$base/api/v1/engagements/$ENG/strategic-issues" "$TOKEN"
	if [ "$code" = 200 ] && grep -q busy-before-3 "$T/r.busy"; then ok; else bad "reads answer 200 while another program holds the write lock"; fi
	t0=$(ms)
	write busy "$TOKEN" "busy-during-1"
	waited=$(($(ms) - t0))
	if [ "$code" = 503 ] && [ "$(err_code)" = busy ] && jv "$last" 'd.error.message' | grep -q "locked by another program"; then ok; else bad "a write while the database is locked answers 503 busy, saying so"; fi
	if [ "$waited" -ge 4500 ]; then ok; else bad "the write waited the busy timeout before giving up ($waited ms)"; fi
	echo "busy: a write under the lock answered $code after $waited ms"
	base_keep=$base
	base=$solo
	write busy "$TOKEN" "busy-during-solo"
	base=$base_keep
	if [ "$code" = 503 ] && [ "$(err_code)" = busy ]; then ok; else bad "without group commit too, a write while locked answers 503 busy"; fi
	code=$(curl -sS -o "$T/p.busy" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" "$base/engagements/$ENG")
	csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/p.busy" | head -1)
	code=$(curl -sS -o "$T/f.busy" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" \
		--data-urlencode "csrf=$csrf" --data-urlencode "title=busy-form" --data-urlencode "body=x" "$base/engagements/$ENG/issues")
	last=$T/f.busy
	if [ "$code" = 503 ] && grep -q "locked by another program" "$T/f.busy"; then ok; else bad "a form write while locked answers a 503 page saying so"; fi
	"$BIN" org add --db "$DB" --name "Locked Ltd" --kind buyer >"$T/cli.out" 2>"$T/cli.err"
	rc=$?
	last=$T/cli.err
	if [ "$rc" = 1 ] && [ "$(lines "$T/cli.err")" = 1 ] && grep -q 'locked by another program' "$T/cli.err"; then ok; else bad "the CLI while locked prints one line and exits 1 (exit $rc)"; fi
	echo "busy CLI: $(cat "$T/cli.err")"

	# A write that arrives while the lock is held and is released within the busy timeout waits and is saved.
	write busy "$TOKEN" "busy-waited" &
	waiter=$!
	sleep 1
	release
	wait "$waiter"
	if grep -qx busy-waited "$T/busy.acked" 2>/dev/null; then ok; else bad "a write waiting when the lock is released is saved"; fi
	if [ "$(sqlite3 "$DB" "select count(*) from schema_migrations where version = -1")" = 0 ]; then ok; else bad "the other program's transaction was rolled back"; fi

	# Released: writes succeed with no restart, on both servers.
	for i in 1 2 3; do write busy "$TOKEN" "busy-after-$i"; done
	base_keep=$base
	base=$solo
	write busy "$TOKEN" "busy-after-solo"
	base=$base_keep
	if [ "$(grep -c busy-after "$T/busy.acked")" = 4 ]; then ok; else bad "writes after the lock is released are saved (no restart)"; fi
	wrong=$(titles_check busy "sqlite3 $DB")
	if [ -z "$wrong" ]; then ok; else bad "every 201 write is saved once and no 503 write is saved:$wrong"; fi
	stop_server "$pid"
	stop_server "$solo_pid"
	if [ "$(integrity "$DB")" = ok ]; then ok; else bad "the database passes its integrity check ($(integrity "$DB"))"; fi
	echo "busy: $(lines "$T/busy.acked") writes saved, $(lines "$T/busy.refused") refused with 503"
fi

# ---------------------------------------------------------------------------------------------------------
# 4. PostgreSQL stopped mid-run: a throwaway cluster (tests/pg/cluster.sh) taken down while writes run, then up.
if [[ $ONLY == *" pg "* ]]; then
	PG=$(mktemp -d /tmp/accord-pg-XXXXXX)
	if ! tests/pg/cluster.sh start "$PG" >/dev/null 2>"$T/pg.err"; then
		skip "PostgreSQL: no cluster could be started ($(tail -3 "$T/pg.err" | tr '\n' ' '))" pg
	else
		PGDB=$(tests/pg/cluster.sh createdb "$PG" faults 2>>"$T/pg.err")
		pq() { psql "$PGDB" -AtqX -c "$1" 2>/dev/null || echo error; }
		if [ -n "$PGDB" ] && "$BIN" copy --from "$T/demo.db" --to "$PGDB" >/dev/null 2>"$T/err"; then ok; else bad "the demo is copied to PostgreSQL ($(cat "$T/err"))"; fi
		if serve pg "$PGDB"; then ok; else bad "the server starts on PostgreSQL"; fi
		TOKEN=$(login "$base" "$TOM" "$TOM_PW")
		for i in 1 2 3; do write pg "$TOKEN" "pg-before-$i"; done
		if [ -n "$TOKEN" ] && [ "$(lines "$T/pg.acked")" = 3 ]; then ok; else bad "Tom signs in and 3 writes are saved"; fi

		# Writes run in the background while the cluster goes down (fast mode: connections cut) mid-run.
		(for i in $(seq 1 40); do
			write pg "$TOKEN" "pg-run-$i"
			echo "$code" >>"$T/pg.codes"
			case $code in 201 | 503) ;; *) head -c 300 "$last" >>"$T/pg.other"; echo >>"$T/pg.other" ;; esac
		done) &
		runner=$!
		i=0
		while [ $i -lt 300 ] && [ "$(lines "$T/pg.codes")" -lt 5 ]; do sleep 0.1; i=$((i + 1)); done
		tests/pg/cluster.sh down "$PG" 2>>"$T/pg.err"
		wait "$runner"
		other=$(sort "$T/pg.codes" | uniq -c | awk '$2 != 201 && $2 != 503 { printf " %s×%s", $1, $2 }')
		if [ -z "$other" ] && grep -qx 503 "$T/pg.codes"; then ok; else bad "writes while PostgreSQL stops answer 201 or 503, nothing else ($(sort "$T/pg.codes" | uniq -c | tr '\n' ' '); others said: $(tr '\n' '|' <"$T/pg.other" 2>/dev/null))"; fi
		t0=$(ms)
		write pg "$TOKEN" "pg-down-1"
		waited=$(($(ms) - t0))
		if [ "$code" = 503 ] && [ "$(err_code)" = unavailable ] && jv "$last" 'd.error.message' | grep -q "database is unavailable"; then ok; else bad "a write with PostgreSQL down answers 503 unavailable"; fi
		echo "postgresql down: a write answered $code after $waited ms"
		http r.pg GET "$base/api/v1/engagements/$ENG/strategic-issues" "$TOKEN"
		if [ "$code" = 503 ] && [ "$(err_code)" = unavailable ]; then ok; else bad "a read with PostgreSQL down answers 503 unavailable"; fi
		code=$(curl -sS -o "$T/p.pg" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" "$base/engagements/$ENG")
		last=$T/p.pg
		if [ "$code" = 503 ] && grep -q "<html" "$T/p.pg" && grep -q "unavailable" "$T/p.pg"; then ok; else bad "a page with PostgreSQL down answers a 503 page saying the database is unavailable"; fi
		http h.pg GET "$base/healthz"
		if [ "$code" = 503 ]; then ok; else bad "/healthz answers 503 with PostgreSQL down"; fi
		"$BIN" org add --db "$PGDB" --name "Down Ltd" --kind buyer >"$T/cli.out" 2>"$T/cli.err"
		rc=$?
		last=$T/cli.err
		if [ "$rc" = 1 ] && [ "$(lines "$T/cli.err")" = 1 ] && grep -q '^accord: ' "$T/cli.err"; then ok; else bad "the CLI with PostgreSQL down prints one line and exits 1 (exit $rc)"; fi
		echo "postgresql down CLI: $(cat "$T/cli.err")"
		if kill -0 "$pid" 2>/dev/null; then ok; else bad "the server keeps running while PostgreSQL is down"; fi

		# Up again: the same server reads and writes, with no restart.
		tests/pg/cluster.sh up "$PG" >/dev/null 2>>"$T/pg.err"
		write pg "$TOKEN" "pg-after-1"
		if [ "$code" = 201 ]; then ok; else bad "the first write after PostgreSQL is back is saved (no restart)"; fi
		http r2.pg GET "$base/api/v1/engagements/$ENG/strategic-issues" "$TOKEN"
		if [ "$code" = 200 ] && grep -q pg-after-1 "$T/r2.pg"; then ok; else bad "reads answer 200 after PostgreSQL is back"; fi
		for i in 2 3 4 5; do write pg "$TOKEN" "pg-after-$i"; done
		if [ "$(grep -c pg-after "$T/pg.acked")" = 5 ]; then ok; else bad "writes after PostgreSQL is back are saved"; fi
		wrong=$(titles_check pg pq 1)
		if [ -z "$wrong" ]; then ok; else bad "every 201 write is saved once and no 503 write twice:$wrong"; fi
		landed=0
		while read -r t; do [ "$(pq "select count(*) from strategic_issues where title = '$t'")" = 1 ] && landed=$((landed + 1)); done <"$T/pg.refused"
		echo "postgresql: $landed of the writes answered 503 were saved all the same (a COMMIT cut off from its answer)"
		stop_server "$pid"
		echo "postgresql: $(lines "$T/pg.acked") writes saved, $(lines "$T/pg.refused") refused with 503"
		tests/pg/cluster.sh stop "$PG" >/dev/null 2>&1
		PG=""
	fi
fi

# ---------------------------------------------------------------------------------------------------------
# 5. SMTP unreachable. tests/cli/test_remind.sh already covers a closed port (exit 1, one line, every claim
#    released, then each reminder sent once). Here: a server that refuses service (421), a black hole that
#    never answers (the run must end in bounded time), and a server that goes away after 3 messages (those 3
#    are recorded as sent, the rest released; the next run sends exactly the rest).
flaky_pid=""
# flaky MODE FILE [K]: starts tests/faults/smtp-flaky.mjs; sets flaky_pid and SMTP.
flaky() {
	local port="" i=0
	# Emptied here, before the server starts: the background job's own redirection may come after
	# the first read below, which would then find the previous server's port (gone by now).
	: >"$T/flaky.out"
	node tests/faults/smtp-flaky.mjs "$@" >"$T/flaky.out" 2>"$T/flaky.err" &
	flaky_pid=$!
	pids="$pids $flaky_pid"
	while [ $i -lt 100 ] && [ -z "$port" ]; do
		port=$(sed -n 's/^PORT \([0-9][0-9]*\)$/\1/p' "$T/flaky.out")
		[ -n "$port" ] || sleep 0.1
		i=$((i + 1))
	done
	SMTP=smtp://127.0.0.1:$port
}
# remind ARGS...: accord remind on $DB; sets rc, stdout $T/out, stderr $T/err, and took (milliseconds).
remind() {
	local t0
	t0=$(ms)
	"$BIN" remind --no-digest --db "$DB" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	took=$(($(ms) - t0))
	last=$T/err
}
one_error() { [ "$(lines "$T/err")" -eq 1 ] && grep -q '^accord: remind: ' "$T/err"; }
if [[ $ONLY == *" smtp "* ]]; then
	S=$T/smtp
	mkdir -p "$S"
	DB=$S/accord.db
	cp "$T/demo.db" "$DB"
	remind --dry-run
	N=$(grep -c '^due ' "$T/out")
	sed -n 's/^due [^ ]* [^ ]* [0-9]* to \([^:]*\): \(.*\)$/\1\t\2/p' "$T/out" | LC_ALL=C sort >"$T/want.mail"
	if [ "$rc" = 0 ] && [ "$N" -ge 5 ] && [ "$(lines "$T/want.mail")" = "$N" ]; then ok; else bad "--dry-run lists the reminders due ($N)"; fi
	sent_rows() { sqlite3 "$DB" "select count(*) from reminders where state = 'sent'"; }
	all_rows() { sqlite3 "$DB" "select count(*) from reminders"; }

	flaky refuse "$S/none"
	remind --smtp "$SMTP"
	if [ "$rc" = 1 ] && one_error && [ "$(tail -n 1 "$T/out")" = "0 sent, $N failed" ]; then ok; else bad "a server refusing service (421): exit 1, one line, 0 sent, $N failed"; fi
	if [ "$(all_rows)" = 0 ]; then ok; else bad "a server refusing service: nothing recorded ($(all_rows) rows)"; fi
	echo "smtp 421: $(cat "$T/err") ($took ms)"
	stop_server "$flaky_pid"

	flaky silent "$S/none"
	remind --smtp "$SMTP"
	if [ "$rc" = 1 ] && one_error && [ "$(tail -n 1 "$T/out")" = "0 sent, $N failed" ]; then ok; else bad "a server that never answers: exit 1, one line, 0 sent, $N failed"; fi
	# 30 s per message would be $N × 30 s; the first timeout stops the run.
	if [ "$took" -lt 120000 ]; then ok; else bad "a server that never answers holds the run for one timeout, not one per message ($took ms)"; fi
	if [ "$(all_rows)" = 0 ]; then ok; else bad "a server that never answers: nothing recorded ($(all_rows) rows)"; fi
	echo "smtp black hole: $(cat "$T/err") ($took ms for $N reminders)"
	stop_server "$flaky_pid"

	flaky accept "$S/first" 3
	remind --smtp "$SMTP"
	if [ "$rc" = 1 ] && one_error && [ "$(tail -n 1 "$T/out")" = "3 sent, $((N - 3)) failed" ]; then ok; else bad "a server going away after 3 messages: exit 1, one line, 3 sent, $((N - 3)) failed ($(tail -n 1 "$T/out"))"; fi
	if [ "$(lines "$S/first")" = 3 ] && [ "$(sent_rows)" = 3 ] && [ "$(all_rows)" = 3 ]; then ok; else bad "the 3 messages taken are recorded as sent and the rest released ($(sent_rows) sent of $(all_rows) rows)"; fi
	echo "smtp going away: $(tail -n 1 "$T/out"); $(cat "$T/err")"
	stop_server "$flaky_pid"

	flaky accept "$S/second" 1000
	remind --smtp "$SMTP"
	if [ "$rc" = 0 ] && [ ! -s "$T/err" ] && [ "$(tail -n 1 "$T/out")" = "$((N - 3)) sent, 0 failed" ]; then ok; else bad "SMTP back: the next run sends the $((N - 3)) left and exits 0 ($(tail -n 1 "$T/out"))"; fi
	LC_ALL=C sort "$S/first" "$S/second" >"$T/got.mail"
	if cmp -s "$T/got.mail" "$T/want.mail"; then ok; else bad "across both runs each reminder due arrived exactly once: $(diff "$T/want.mail" "$T/got.mail" | tr '\n\t' '| ')"; fi
	if [ "$(sent_rows)" = "$N" ] && [ "$(all_rows)" = "$N" ]; then ok; else bad "all $N reminders are recorded as sent ($(sent_rows) of $(all_rows))"; fi
	remind --smtp "$SMTP"
	if [ "$rc" = 0 ] && [ "$(tail -n 1 "$T/out")" = "0 sent, 0 failed" ] && [ "$(lines "$S/second")" = $((N - 3)) ]; then ok; else bad "a third run sends nothing"; fi
	stop_server "$flaky_pid"
	if [ "$(integrity "$DB")" = ok ]; then ok; else bad "the database passes its integrity check ($(integrity "$DB"))"; fi
fi

# The servers' logs hold no sanitizer report (with an -asan binary), and no crash.
for p in $pids; do stop "$p"; done
pids=""
reports=$(grep -l -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|Segmentation fault' "$T"/*.log 2>/dev/null | tr '\n' ' ')
if [ -z "$reports" ]; then ok; else bad "sanitizer reports in $reports: $(grep -h -m1 -E 'ERROR: |runtime error:' $reports | head -3)"; fi

[ -n "$skipped" ] && echo "SKIPPED (not tested here):$skipped"
echo "faults: $passed passed, $failed failed"

[ "$failed" -eq 0 ]
