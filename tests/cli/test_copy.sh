#!/bin/sh
# test_copy: "accord copy" SQLite → PostgreSQL → SQLite with the demo, the copy served and written to, its refusals; and a server that rides out a PostgreSQL restart.
# Usage: tests/cli/test_copy.sh PATH_TO_ACCORD_BINARY   (starts its own PostgreSQL cluster with tests/pg/cluster.sh)
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
	echo "copy: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}
# run ARGS...: accord with stdout in $T/out, stderr in $T/err, exit code in rc.
run() {
	"$BIN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}
one_error() { [ "$(wc -l <"$T/err" | tr -d ' ')" -eq 1 ] && grep -q '^accord: ' "$T/err"; }
q() { psql "$1" -AtqX -c "$2" 2>/dev/null || echo "error"; }
sq() { sqlite3 "$1" "$2" 2>/dev/null || echo "error"; }

if ! tests/pg/cluster.sh start "$PG" >/dev/null 2>"$T/pg.err"; then
	cat "$T/pg.err"
	failed=1
	finish
fi
PGA=$(tests/pg/cluster.sh createdb "$PG" copy_a)
PGB=$(tests/pg/cluster.sh createdb "$PG" copy_b)
SRC=$T/demo.db
BACK=$T/back.db

ACCORD_TODAY=2026-11-26 "$BIN" demo --db "$SRC" >"$T/logins" 2>"$T/err"
if [ $? -eq 0 ]; then ok; else bad "the SQLite demo is made"; fi

# SQLite → PostgreSQL.
run copy --from "$SRC" --to "$PGA"
if [ $rc -eq 0 ] && grep -q "^copied [0-9]* rows; every table's row count and checksum match the source$" "$T/out"; then ok; else bad "copy to PostgreSQL succeeds and says it verified every table"; fi
if grep -q '^orgs  *6  *[0-9a-f]\{32\}$' "$T/out" && grep -q '^practices  *6 ' "$T/out"; then ok; else bad "the report gives each table's rows and checksum"; fi
for t in orgs users engagements reviews attendance actions practices practice_revisions adoptions sessions; do
	if [ "$(sq "$SRC" "select count(*) from $t")" = "$(q "$PGA" "select count(*) from $t")" ]; then ok; else bad "$t has as many rows in PostgreSQL as in SQLite"; fi
done
if [ "$(sq "$SRC" "select group_concat(title, '|') from (select title from engagements order by id)")" = "$(q "$PGA" "select string_agg(title, '|' order by id) from engagements")" ]; then ok; else bad "engagement titles are the same, in the same ids"; fi

# A non-empty target is refused, and nothing is written to it.
before=$(q "$PGA" "select count(*) from orgs")
run copy --from "$SRC" --to "$PGA"
if [ $rc -eq 1 ] && one_error && grep -q "not empty" "$T/err" && [ "$(q "$PGA" "select count(*) from orgs")" = "$before" ]; then ok; else bad "a non-empty target is refused with one error and left as it was"; fi
# Usage errors.
run copy --from "$SRC"
if [ $rc -eq 2 ] && one_error; then ok; else bad "copy without --to exits 2 with one error"; fi
run copy --from "$SRC" --to "$SRC"
if [ $rc -eq 2 ] && one_error; then ok; else bad "copy onto itself exits 2 with one error"; fi
run copy --from "$T/missing.db" --to "$T/x.db"
if [ $rc -eq 1 ] && one_error && [ ! -e "$T/missing.db" ]; then ok; else bad "a missing SQLite source is an error and is not created"; fi
run copy --from "$SRC" --to "postgresql://accord@127.0.0.1:1/none?connect_timeout=2"
if [ $rc -eq 1 ] && one_error; then ok; else bad "an unreachable target is one error"; fi

# The copy serves: sign in with a demo password, read, and write (new ids continue after the copied ones).
port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
ACCORD_TODAY=2026-11-26 "$BIN" serve --db "$PGA" --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
server_pid=$!
base="http://127.0.0.1:$port"
i=0
while [ $i -lt 100 ] && ! curl -sf "$base/healthz" >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
email=$(awk '$1 == "contract_manager" { print $2 }' "$T/logins")
password=$(awk '$1 == "contract_manager" { print $3 }' "$T/logins")
token=$(curl -s -X POST "$base/api/v1/login" -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
if [ -n "$token" ]; then ok; else bad "a demo log-in works on the copy"; fi
auth="Authorization: Bearer $token"
n=$(curl -s -H "$auth" "$base/api/v1/engagements?limit=200" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
if [ "$n" = "$(sq "$SRC" "select count(*) from engagements e join users u on u.org_id = e.buyer_org_id where u.email = '$email'")" ]; then ok; else bad "the contract manager sees the same engagements ($n)"; fi
found=$(curl -s -H "$auth" "$base/api/v1/practices?q=release%20train" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.total, /<mark>/.test(j.items[0]?.snippet_html||""))})')
if [ "$found" = "1 true" ]; then ok; else bad "full-text search works on the copy, with highlights ($found)"; fi
org=$(curl -s -H "$auth" "$base/api/v1/me" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).org.id))')
code=$(curl -s -o "$T/out" -w '%{http_code}' -X PUT -H "$auth" "$base/api/v1/orgs/$org/confidential-terms" -d '{"terms":["Project Bluebird","Kingfisher"]}')
if [ "$code" = 200 ] && [ "$(q "$PGA" "select count(*) from confidential_terms where term = 'Kingfisher'")" = 1 ]; then ok; else bad "a write on the copy is kept ($code)"; fi
maxid=$(q "$PGA" "select max(id) from practices")
lead_email=$(awk '$1 == "provider_leadership" { print $2 }' "$T/logins")
lead_pw=$(awk '$1 == "provider_leadership" { print $3 }' "$T/logins")
lead=$(curl -s -X POST "$base/api/v1/login" -d "{\"email\":\"$lead_email\",\"password\":\"$lead_pw\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
code=$(curl -s -o "$T/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $lead" "$base/api/v1/practices" -d '{"title":"Copied world practice","body":"Written after the copy.","origin_engagement_id":1}')
if [ "$code" = 201 ] && grep -q "\"id\":$((maxid + 1))," "$T/out"; then ok; else bad "a new practice on the copy takes the next id after the copied ones ($code, max was $maxid)"; fi

# And in the browser: the sign-in form, the dashboard and a practice page, served from the copy.
curl -s -c "$T/jar" -o "$T/login.html" "$base/login"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/login.html" | head -1)
code=$(curl -s -b "$T/jar" -c "$T/jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$csrf" --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login")
home=$(curl -s -b "$T/jar" -o "$T/home.html" -w '%{http_code}' "$base/")
lib=$(curl -s -b "$T/jar" -o "$T/lib.html" -w '%{http_code}' "$base/practices?q=release")
if [ "$code" = 303 ] && [ "$home" = 200 ] && grep -q 'Tom Okafor' "$T/home.html" && [ "$lib" = 200 ] && grep -q '<mark>' "$T/lib.html"; then ok; else bad "the copy works in the browser: sign in, dashboard, library search ($code $home $lib)"; fi

# PostgreSQL goes down under the running server: requests fail cleanly (5xx, never a hang), and work again when it is back.
tests/pg/cluster.sh down "$PG" >/dev/null 2>&1
code=$(curl -s -m 10 -o "$T/out" -w '%{http_code}' -H "$auth" "$base/api/v1/engagements")
case $code in 5*) ok ;; *) bad "with PostgreSQL down a request fails with 5xx ($code)" ;; esac
pgport=$(cat "$PG/port")
if ! grep -q -e "127.0.0.1" -e "$pgport" "$T/out"; then ok; else bad "the error a client gets names neither the database host nor its port"; fi
code=$(curl -s -m 10 -o "$T/out" -w '%{http_code}' "$base/healthz")
if [ "$code" = 503 ]; then ok; else bad "/healthz answers 503 while the database is down ($code)"; fi
if kill -0 "$server_pid" 2>/dev/null; then ok; else bad "the server keeps running while PostgreSQL is down"; fi
tests/pg/cluster.sh up "$PG" >/dev/null 2>&1
i=0
code=000
while [ $i -lt 50 ]; do
	code=$(curl -s -m 10 -o "$T/out" -w '%{http_code}' -H "$auth" "$base/api/v1/engagements")
	[ "$code" = 200 ] && break
	sleep 0.2
	i=$((i + 1))
done
if [ "$code" = 200 ]; then ok; else bad "after PostgreSQL is back the same server answers again ($code)"; fi
code=$(curl -s -o "$T/out" -w '%{http_code}' -X PUT -H "$auth" "$base/api/v1/orgs/$org/confidential-terms" -d '{"terms":["Kingfisher","Heron"]}')
if [ "$code" = 200 ]; then ok; else bad "writes work again after the restart ($code)"; fi
kill "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null
server_pid=""

# PostgreSQL → SQLite and PostgreSQL → PostgreSQL: the whole copy again, verified.
run copy --from "$PGA" --to "$BACK"
if [ $rc -eq 0 ] && [ "$(sq "$BACK" "select count(*) from practices")" = "$(q "$PGA" "select count(*) from practices")" ] &&
	[ "$(sq "$BACK" "select group_concat(term, '|') from (select term from confidential_terms order by org_id, term)")" = "Heron|Kingfisher" ]; then ok; else bad "copy back to SQLite keeps what was written on PostgreSQL"; fi
run copy --from "$PGA" --to "$PGB"
if [ $rc -eq 0 ]; then ok; else bad "copy between two PostgreSQL databases"; fi
if [ "$(sqlite3 "$BACK" "pragma integrity_check")" = ok ] && [ "$(sqlite3 "$BACK" "select count(*) from practice_search where practice_search match 'release'")" -ge 1 ]; then ok; else bad "the SQLite copy passes its integrity check and its search index is rebuilt"; fi

finish
