#!/bin/sh
# test_transfer: "accord export" and "accord import" — a round trip that gives the same bytes (SQLite and PostgreSQL), an imported database that serves, and every refusal leaving the target empty.
# Usage: tests/cli/test_transfer.sh PATH_TO_ACCORD_BINARY   (starts its own PostgreSQL cluster with tests/pg/cluster.sh)
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 PATH_TO_ACCORD_BINARY" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")/../.." || exit 1

T=$(mktemp -d) || exit 1
PG=$(mktemp -d) || exit 1
server_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
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
finish() {
	echo "transfer: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}
# run ARGS... [< input]: accord with stdout in $T/out, stderr in $T/err, exit code in rc.
run() {
	"$BIN" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
one_error() { [ "$(wc -l <"$T/err" | tr -d ' ')" -eq 1 ] && grep -q '^accord: ' "$T/err"; }
sq() { sqlite3 "$1" "$2" 2>/dev/null || echo "error"; }
# Rows in every table of a SQLite database but schema_migrations: 0 when the import left nothing behind.
rows_sqlite() {
	total=0
	for t in $(sqlite3 "$1" "select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like 'practice_search%' and name not in ('schema_migrations', 'search_version')"); do
		total=$((total + $(sqlite3 "$1" "select count(*) from $t")))
	done
	echo "$total"
}

SRC=$T/demo.db
ACCORD_TODAY=2026-11-26 "$BIN" demo --db "$SRC" >"$T/logins" 2>"$T/err"
if [ $? -eq 0 ]; then ok; else bad "the demo is made"; fi

# Export: one document, tables in creation order, one row a line.
run export --db "$SRC"
cp "$T/out" "$T/a.json"
if [ $rc -eq 0 ] && [ ! -s "$T/err" ] && head -1 "$T/a.json" | grep -q '^{"accord_export": 1, "schema_version": [0-9]*, "tables": \[$'; then ok; else bad "export writes the document's header"; fi
if grep -q '^{"name": "orgs", "columns": \["id","name","kind","industry","created_at"\], "rows": \[$' "$T/a.json" &&
	grep -q '^\[2,"Northwind Bank","buyer","Banking",' "$T/a.json"; then ok; else bad "orgs come with their columns and one row a line"; fi
orgs_line=$(grep -n '"name": "orgs"' "$T/a.json" | cut -d: -f1)
users_line=$(grep -n '"name": "users"' "$T/a.json" | cut -d: -f1)
if [ -n "$orgs_line" ] && [ -n "$users_line" ] && [ "$orgs_line" -lt "$users_line" ]; then ok; else bad "tables come in the order they were created"; fi
if ! grep -q '"name": "trust_summaries"' "$T/a.json" && ! grep -q '"name": "schema_migrations"' "$T/a.json"; then ok; else bad "derived tables and schema_migrations are not exported"; fi
run export --db "$SRC"
if cmp -s "$T/out" "$T/a.json"; then ok; else bad "the same data exports to the same bytes"; fi

# Import into an empty SQLite database, then export again: the same bytes.
run import --db "$T/b.db" <"$T/a.json"
if [ $rc -eq 0 ] && grep -q '^imported [0-9]* rows$' "$T/out" && grep -q '^orgs  *6$' "$T/out"; then ok; else bad "import reads the document and reports each table's rows"; fi
run export --db "$T/b.db"
if cmp -s "$T/out" "$T/a.json"; then ok; else bad "an imported database exports to the same bytes"; fi
if [ "$(sq "$T/b.db" "pragma integrity_check")" = ok ] && [ -z "$(sq "$T/b.db" "pragma foreign_key_check")" ]; then ok; else bad "the imported database passes its integrity and foreign-key checks"; fi

# A second import into the same database is refused and changes nothing.
before=$(rows_sqlite "$T/b.db")
run import --db "$T/b.db" <"$T/a.json"
if [ $rc -eq 1 ] && one_error && grep -q "not empty" "$T/err" && [ "$(rows_sqlite "$T/b.db")" = "$before" ]; then ok; else bad "a non-empty target is refused with one error and left as it was"; fi

# Bad documents: one error naming the place, and the target stays empty.
refused() { # refused NAME PATTERN DESCRIPTION: import $T/bad.json into a fresh database
	rm -f "$T/$1.db"
	run import --db "$T/$1.db" <"$T/bad.json"
	if [ $rc -eq 1 ] && one_error && grep -q -e "$2" "$T/err" && [ "$(rows_sqlite "$T/$1.db")" = 0 ]; then ok; else bad "$3"; fi
}
printf 'not json' >"$T/bad.json"
refused notjson "not valid JSON" "text that is not JSON is refused"
printf '[1,2]' >"$T/bad.json"
refused array "not a JSON object" "a document that is not an object is refused"
sed '1s/"accord_export": 1/"accord_export": 2/' "$T/a.json" >"$T/bad.json"
refused format "accord_export must be 1" "another format is refused"
sed '1s/"schema_version": [0-9]*/"schema_version": 3/' "$T/a.json" >"$T/bad.json"
refused version "schema_version must be" "another schema version is refused"
sed 's/"name": "units"/"name": "unitz"/' "$T/a.json" >"$T/bad.json"
refused table 'tables\[[0-9]*\].name names no table' "an unknown table is refused, named by its place"
sed 's/"name": "units"/"name": "users"/' "$T/a.json" >"$T/bad.json"
refused twice 'names table users a second time' "a table named twice is refused"
sed 's/"columns": \["id","name","kind"/"columns": ["id","kind","name"/' "$T/a.json" >"$T/bad.json"
refused columns 'tables\[0\].columns\[1\] must be "name"' "columns out of order are refused, naming the column"
sed '0,/^\[2,"Northwind Bank","buyer","Banking",/s//[2,"Northwind Bank","buyer",/' "$T/a.json" >"$T/bad.json"
refused short 'tables\[0\].rows\[1\] must be an array of 5 values' "a row with too few values is refused"
sed '0,/^\[2,"Northwind Bank","buyer","Banking",/s//[2,"Northwind Bank","buyer",{"a":1},/' "$T/a.json" >"$T/bad.json"
refused object 'tables\[0\].rows\[1\]\[3\] is an object' "a value that is an object is refused, naming its place"
sed '0,/^\[2,"Northwind Bank","buyer","Banking",/s//[2,"Northwind Bank","buyer",2.5,/' "$T/a.json" >"$T/bad.json"
refused real 'is a real number' "a real number is refused (reals are written as text)"
# A row the database refuses (a unit of an organisation that does not exist) rolls back every row before it.
awk 'BEGIN{d=0} /"name": "units"/ {u=1} u && /^\[/ && !d {sub(/^\[[0-9]*,[0-9]*,/, "[999,999,"); d=1} {print}' "$T/a.json" >"$T/bad.json"
refused fk 'the database refused the row' "a row breaking a foreign key is refused and nothing is kept"
printf '' >"$T/bad.json"
refused empty "stdin is empty" "an empty stdin is refused"

# Usage errors.
run import
if [ $rc -eq 2 ] && one_error; then ok; else bad "import without --db exits 2 with one error"; fi
run import --db "$T/x.db" extra </dev/null
if [ $rc -eq 2 ] && one_error; then ok; else bad "import with an extra argument exits 2"; fi
run export --db "$T/missing.db"
if [ $rc -eq 1 ] && one_error && [ ! -e "$T/missing.db" ]; then ok; else bad "export of a missing SQLite file is an error and creates nothing"; fi
run export --db "$SRC" --org 2
if [ $rc -eq 2 ] && one_error; then ok; else bad "an unknown option exits 2"; fi

# The imported database serves: a demo log-in works and reads what was exported.
port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
ACCORD_TODAY=2026-11-26 "$BIN" serve --db "$T/b.db" --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
server_pid=$!
base="http://127.0.0.1:$port"
i=0
while [ $i -lt 100 ] && ! curl -sf "$base/healthz" >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
email=$(awk '$1 == "contract_manager" { print $2 }' "$T/logins")
password=$(awk '$1 == "contract_manager" { print $3 }' "$T/logins")
token=$(curl -s -X POST "$base/api/v1/login" -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
if [ -n "$token" ]; then ok; else bad "a demo log-in works on the imported database"; fi
code=$(curl -s -o "$T/out" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/practices?q=release%20train")
if [ "$code" = 200 ] && grep -q '"total":1' "$T/out"; then ok; else bad "full-text search works on the imported database ($code)"; fi
kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
server_pid=""

# PostgreSQL: import the SQLite export, export it back: the same bytes; a second import is refused.
if ! tests/pg/cluster.sh start "$PG" >/dev/null 2>"$T/pg.err"; then
	cat "$T/pg.err"
	failed=$((failed + 1))
	finish
fi
PGA=$(tests/pg/cluster.sh createdb "$PG" transfer_a)
run import --db "$PGA" <"$T/a.json"
if [ $rc -eq 0 ] && grep -q '^imported [0-9]* rows$' "$T/out"; then ok; else bad "import into PostgreSQL succeeds"; fi
run export --db "$PGA"
if cmp -s "$T/out" "$T/a.json"; then ok; else bad "PostgreSQL exports the same bytes as SQLite ($(diff "$T/out" "$T/a.json" | head -3 | tr '\n' '|'))"; fi
run import --db "$PGA" <"$T/a.json"
if [ $rc -eq 1 ] && one_error && grep -q "not empty" "$T/err"; then ok; else bad "a second import into PostgreSQL is refused"; fi
PGB=$(tests/pg/cluster.sh createdb "$PG" transfer_b)
awk 'BEGIN{d=0} /"name": "units"/ {u=1} u && /^\[/ && !d {sub(/^\[[0-9]*,[0-9]*,/, "[999,999,"); d=1} {print}' "$T/a.json" >"$T/bad.json"
run import --db "$PGB" <"$T/bad.json"
n=$(psql "$PGB" -AtqX -c "select count(*) from orgs" 2>/dev/null || echo error)
if [ $rc -eq 1 ] && one_error && [ "$n" = 0 ]; then ok; else bad "a refused row on PostgreSQL keeps nothing ($n orgs)"; fi

finish
