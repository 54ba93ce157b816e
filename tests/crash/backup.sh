#!/bin/sh
# backup: "accord backup" — its refusals, and a backup taken while serve is under concurrent write load holds every write acknowledged before it began and restores (accord copy) to a server that logs in, reads and writes; on SQLite and on PostgreSQL.
# Usage: tests/crash/backup.sh [PATH_TO_ACCORD_BINARY]   (default build/accord; needs build/tests/crash; starts its own PostgreSQL cluster)
set -u

BIN=${1:-build/accord}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
cd "$(dirname "$0")/../.." || exit 1
DRIVER=$(pwd)/build/tests/crash

T=$(mktemp -d /tmp/accord-backup-XXXXXX) || exit 1
PG=$(mktemp -d /tmp/accord-pg-XXXXXX) || exit 1
cleanup() {
	tests/pg/cluster.sh stop "$PG" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
unset ACCORD_DB ACCORD_TODAY

passed=0
failed=0
rc=0
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL $1 (exit $rc; stdout: $(tail -c 300 "$T/out" 2>/dev/null | tr '\n' '|'); stderr: $(head -c 300 "$T/err" 2>/dev/null | tr '\n' '|'))"
}
# expect NAME STATUS [STDERR_PATTERN] -- COMMAND...: the exit status, one line on stderr matching the pattern.
expect() {
	name=$1 want=$2 pattern=$3
	shift 4
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: want exit $want"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$T/err"; then
		bad "$name: stderr lacks '$pattern'"
	elif [ "$want" -ne 0 ] && [ "$(wc -l <"$T/err")" -ne 1 ]; then
		bad "$name: want one line on stderr"
	else
		ok
	fi
}
rows() { sqlite3 "$1" "SELECT (SELECT count(*) FROM reviews) || ' ' || (SELECT count(*) FROM bids) || ' ' || (SELECT count(*) FROM users)"; }

# --- the command line ---
ACCORD_TODAY=2026-11-26 "$BIN" init --db "$T/demo.db" >/dev/null 2>&1 && ACCORD_TODAY=2026-11-26 "$BIN" demo --db "$T/demo.db" >/dev/null 2>&1 || echo "FAIL could not make the demo database"
expect "no --db" 2 "--db DB is required" -- "$BIN" backup --to "$T/x.db"
expect "no --to" 2 "--to FILE is required" -- "$BIN" backup --db "$T/demo.db"
expect "unknown option" 2 "unknown or incomplete option" -- "$BIN" backup --db "$T/demo.db" --to "$T/x.db" --fast
expect "extra argument" 2 "unexpected argument" -- "$BIN" backup --db "$T/demo.db" --to "$T/x.db" now
expect "same file" 2 "same file" -- "$BIN" backup --db "$T/demo.db" --to "$T/demo.db"
expect "to PostgreSQL" 2 "accord copy" -- "$BIN" backup --db "$T/demo.db" --to postgresql://accord@127.0.0.1:1/x
echo "keep me" >"$T/exists.db"
expect "existing --to" 1 "exists" -- "$BIN" backup --db "$T/demo.db" --to "$T/exists.db"
[ "$(cat "$T/exists.db")" = "keep me" ] && ok || bad "an existing --to was changed"
expect "missing --db" 1 "cannot read the database" -- "$BIN" backup --db "$T/none.db" --to "$T/x.db"
[ ! -e "$T/none.db" ] && [ ! -e "$T/x.db" ] && ok || bad "a missing --db was created, or a backup written"
echo "not a database" >"$T/junk.db"
expect "--db not a database" 1 "not a database" -- "$BIN" backup --db "$T/junk.db" --to "$T/x.db"
mkdir "$T/folder.db"
expect "--db a folder" 1 "" -- "$BIN" backup --db "$T/folder.db" --to "$T/x.db"
sqlite3 "$T/other.db" "CREATE TABLE t (x)"
expect "--db not accord's" 1 "not an accord database" -- "$BIN" backup --db "$T/other.db" --to "$T/x.db"
[ ! -e "$T/x.db" ] && [ ! -e "$T/x.db.tmp" ] && ok || bad "a refused backup left a file"
expect "--to in a missing folder" 1 "" -- "$BIN" backup --db "$T/demo.db" --to "$T/no/such/x.db"
expect "ACCORD_DB" 0 "" -- env ACCORD_DB="$T/demo.db" "$BIN" backup --to "$T/env.db"
# A half backup an interrupted run left under the temporary name does not stand in the way.
echo "half" >"$T/b.db.tmp"
expect "backup" 0 "" -- "$BIN" backup --db "$T/demo.db" --to "$T/b.db"
grep -q "integrity and foreign key checks ok" "$T/out" && ok || bad "backup: no word of the checks"
[ ! -e "$T/b.db.tmp" ] && [ ! -e "$T/b.db-wal" ] && ok || bad "backup left its temporary file or a WAL"
[ "$(sqlite3 "$T/b.db" "PRAGMA integrity_check")" = ok ] && ok || bad "backup: integrity_check"
[ "$(rows "$T/b.db")" = "$(rows "$T/demo.db")" ] && ok || bad "backup: rows differ ($(rows "$T/b.db") vs $(rows "$T/demo.db"))"
expect "restore with copy" 0 "" -- "$BIN" copy --from "$T/b.db" --to "$T/restored.db"
[ "$(rows "$T/restored.db")" = "$(rows "$T/demo.db")" ] && ok || bad "restore: rows differ"
expect "help backup" 0 "" -- "$BIN" help backup
grep -q "accord backup --db DB --to FILE" "$T/out" && ok || bad "help backup: no usage"

# --- under load: the driver's last line is "backup: 1 passed, 0 failed" or "... 0 passed, N failed" ---
under_load() {
	name=$1
	shift
	mkdir -p "$T/$name"
	echo "-- under load, $name"
	"$DRIVER" --bin "$BIN" --dir "$T/$name" "$@" >"$T/$name/out" 2>&1
	rc=$?
	grep -v '^backup: ' "$T/$name/out"
	line=$(grep -E '^backup: [0-9]+ passed, [0-9]+ failed$' "$T/$name/out" | tail -1)
	if [ "$rc" -eq 0 ] && [ "$line" = "backup: 1 passed, 0 failed" ]; then
		ok
	else
		failed=$((failed + 1))
		echo "FAIL backup under load on $name (exit $rc)"
		tail -20 "$T/$name/serve.log"
	fi
}
if [ -x "$DRIVER" ]; then
	under_load sqlite --db "$T/load.db" --backup "$T/load-backup.db"
	if tests/pg/cluster.sh start "$PG" >/dev/null; then
		under_load postgresql --db "$(tests/pg/cluster.sh createdb "$PG" load)" --backup "$T/pg-backup.db" \
			--restore-to "$(tests/pg/cluster.sh createdb "$PG" restored)"
	else
		echo "FAIL could not start a PostgreSQL cluster"
		failed=$((failed + 1))
	fi
else
	echo "FAIL $DRIVER is not built (make build/tests/crash)"
	failed=$((failed + 1))
fi
echo "backup: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
