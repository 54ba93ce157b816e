#!/bin/sh
# test_kpi: "accord kpi import" on the demo database (SQLite, or PostgreSQL when ACCORD_TEST_DB names an empty database) — CSV from stdin or a file, a ServiceNow task_sla export, all rows or none with one stderr line per refused row, re-imports as no-ops, who submits, exit codes.
# Usage: tests/cli/test_kpi.sh PATH_TO_ACCORD_BINARY
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 PATH_TO_ACCORD_BINARY" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
if [ ! -x "$BIN" ] || ! command -v sqlite3 >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
	echo "test_kpi: $BIN is not an executable, or the sqlite3 or psql command is missing" >&2
	echo "kpi: 0 passed, 1 failed"
	exit 1
fi
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
unset ACCORD_DB
export ACCORD_TODAY=2026-11-26

passed=0
failed=0
rc=0
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL $1 (exit $rc; stdout: $(head -c 300 "$T/out" | tr '\n' '|'); stderr: $(head -c 600 "$T/err" | tr '\n' '|'))"
}
# check DESCRIPTION CONDITION...: one case.
check() {
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
lines() { wc -l <"$1" | tr -d ' '; }
# q SQL: one query's rows, from SQLite or (a postgresql:// DB) from PostgreSQL.
q() {
	case $DB in
	postgres*) psql "$DB" -AtqX -c "$1" ;;
	*) sqlite3 "$DB" "$1" ;;
	esac
}

# import [ARGS...]: accord kpi import on the demo's engagement E with stdin from $T/in.
import() {
	"$BIN" kpi import --db "$DB" "$@" <"$T/in" >"$T/out" 2>"$T/err"
	rc=$?
}

DB=${ACCORD_TEST_DB:-$T/accord.db}
if ! "$BIN" init --db "$DB" >/dev/null 2>&1 || ! "$BIN" demo --db "$DB" >"$T/logins" 2>&1; then
	echo "test_kpi: the demo database could not be made" >&2
	echo "kpi: 0 passed, 1 failed"
	exit 1
fi
# The demo gives most engagements KPIs of their own; this one (Northwind and Kestrel) has none.
E=$(q "SELECT id FROM engagements WHERE title = 'Digital channels development'")
PENDING=$(q "SELECT id FROM engagements WHERE acceptance <> 'accepted' LIMIT 1")
CONSULTANT=$(awk '$1 == "provider_consulting" { print $2; exit }' "$T/logins")
BUYER=$(awk '$1 == "contract_manager" { print $2; exit }' "$T/logins")
command -v curl >/dev/null 2>&1 || { echo "test_kpi: the curl command is needed" >&2; echo "kpi: 0 passed, 1 failed"; exit 1; }
# Three KPIs of E, defined through the API by the buyer's contract manager (the API's own rules are tested in tests/api/kpi_cases.c).
# A port picked from the process id may be taken (a PostgreSQL cluster's, another server's): up to ten tries.
attempt=0
while :; do
	PORT=$((20000 + ($$ + attempt * 1237) % 20000))
	"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$T/serve.log" 2>&1 &
	SERVER=$!
	i=0
	until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || [ $i -ge 100 ] || ! kill -0 "$SERVER" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && kill -0 "$SERVER" 2>/dev/null && break
	kill "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
	attempt=$((attempt + 1))
	if [ $attempt -ge 10 ]; then
		echo "test_kpi: the server did not start: $(head -c 400 "$T/serve.log" | tr '\n' '|')" >&2
		echo "kpi: 0 passed, 1 failed"
		exit 1
	fi
done
CM_PASSWORD=$(awk '$1 == "contract_manager" { print $3; exit }' "$T/logins")
TOKEN=$(curl -s "http://127.0.0.1:$PORT/api/v1/login" -d "{\"email\":\"$BUYER\",\"password\":\"$CM_PASSWORD\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
for k in '"name":"Availability","unit":"%","direction":"higher","target":99.5,"threshold":99,"frequency":"monthly"' \
	'"name":"Incidents resolved within SLA","unit":"%","direction":"higher","target":95,"threshold":90,"frequency":"monthly"' \
	'"name":"Priority 1 response","unit":"%","direction":"higher","target":90,"threshold":80,"frequency":"quarterly"'; do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/engagements/$E/kpis" -H "Authorization: Bearer $TOKEN" -d "{$k}"
done
kill "$SERVER"
wait "$SERVER" 2>/dev/null
if [ "$(q "SELECT count(*) FROM kpis WHERE engagement_id = $E")" -ne 3 ]; then
	echo "test_kpi: the KPIs could not be defined through the API (server log: $(head -c 400 "$T/serve.log" | tr '\n' '|'))" >&2
	echo "kpi: 0 passed, 1 failed"
	exit 1
fi
count() { q "SELECT count(*) FROM kpi_measurements WHERE engagement_id = $E"; }

# --help and usage errors: exit 0 with the usage on stdout; exit 2 with one line on stderr.
: >"$T/in"
import --help
check "--help prints the usage and exits 0" [ "$rc" -eq 0 ] && grep -q '^usage: accord kpi import' "$T/out"
import
check "no --engagement: exit 2, one line" [ "$rc" -eq 2 ] && [ "$(lines "$T/err")" -eq 1 ] && grep -q -- '--engagement' "$T/err"
import --engagement "$E" --format xml
check "an unknown --format: exit 2, one line" [ "$rc" -eq 2 ] && [ "$(lines "$T/err")" -eq 1 ]
import --engagement "$E" --file "$T/no-such-file"
check "a file that cannot be read: exit 1, one line" [ "$rc" -eq 1 ] && [ "$(lines "$T/err")" -eq 1 ]

# A good CSV from stdin, as the provider's first leadership user.
printf 'kpi,period,value,note\nAvailability,2026-09,99.7,\n"Availability",2026-10,98.2,"two outages, 4 hours"\n' >"$T/in"
import --engagement "$E"
check "a CSV from stdin is imported" [ "$rc" -eq 0 ] && grep -qx 'imported 2, replaced 0, unchanged 0' "$T/out" && [ "$(count)" -eq 2 ]
check "the values are recorded as csv by the provider's leadership" \
	[ "$(q "SELECT count(*) FROM kpi_measurements m JOIN users u ON u.id = m.submitted_by WHERE m.engagement_id = $E AND m.source = 'csv' AND (u.roles & 32) <> 0")" -eq 2 ]
check "the note keeps its comma" [ "$(q "SELECT note FROM kpi_measurements WHERE period = '2026-10' AND engagement_id = $E")" = "two outages, 4 hours" ]
cp "$T/in" "$T/good.csv"
: >"$T/in"
import --engagement "$E" --file "$T/good.csv"
check "the same file again changes nothing" [ "$rc" -eq 0 ] && grep -qx 'imported 0, replaced 0, unchanged 2' "$T/out" && [ "$(count)" -eq 2 ]

# A bad CSV: every bad row one line on stderr, then the summary; nothing written.
printf 'Availability,2026-08,99.9\nUptime,2026-08,99\nAvailability,2026-12,99\nAvailability,2026-07,n/a\nAvailability,2026-08,99.1\n' >"$T/in"
import --engagement "$E"
check "a bad CSV exits 1 and writes nothing" [ "$rc" -eq 1 ] && [ "$(count)" -eq 2 ]
check "each bad row is a line of its own, then the summary" [ "$(lines "$T/err")" -eq 5 ] &&
	grep -q '^accord: kpi import: line 2: unknown KPI "Uptime"' "$T/err" &&
	grep -q '^accord: kpi import: line 3: period 2026-12 has not started yet' "$T/err" &&
	grep -q '^accord: kpi import: line 4: value "n/a" is not a number' "$T/err" &&
	grep -q '^accord: kpi import: line 5: .*already on line 1' "$T/err" &&
	grep -q '^accord: kpi import: nothing imported: 4 rows refused' "$T/err"

# --as: a consultant of the provider may submit; a person of the buyer may not.
printf 'Availability,2026-10,98.4,recount\n' >"$T/in"
import --engagement "$E" --as "$CONSULTANT"
check "--as a consultant replaces a value, the old one kept" [ "$rc" -eq 0 ] && grep -qx 'imported 0, replaced 1, unchanged 0' "$T/out" &&
	[ "$(q "SELECT u.email FROM kpi_measurements m JOIN users u ON u.id = m.submitted_by WHERE m.period = '2026-10' AND m.engagement_id = $E")" = "$CONSULTANT" ] &&
	[ "$(q "SELECT count(*) FROM kpi_measurement_history h JOIN kpi_measurements m ON m.id = h.measurement_id WHERE m.engagement_id = $E")" -eq 1 ]
import --engagement "$E" --as "$BUYER"
check "--as a person of the buyer: exit 1, one line" [ "$rc" -eq 1 ] && [ "$(lines "$T/err")" -eq 1 ]
import --engagement 999999
check "an unknown engagement: exit 1, one line" [ "$rc" -eq 1 ] && [ "$(lines "$T/err")" -eq 1 ]
if [ -n "$PENDING" ]; then
	import --engagement "$PENDING"
	check "an engagement not accepted: exit 1" [ "$rc" -eq 1 ] && [ "$(lines "$T/err")" -eq 1 ]
fi

# A ServiceNow task_sla export: each period's share of records not breached.
: >"$T/in"
import --engagement "$E" --format servicenow --file tests/fixtures/servicenow/task_sla_bad.json
check "a bad export names each bad record and writes nothing" [ "$rc" -eq 1 ] && [ "$(lines "$T/err")" -eq 6 ] &&
	grep -q '^accord: kpi import: line 2: unknown KPI "Change success"' "$T/err" && [ "$(count)" -eq 2 ]
import --engagement "$E" --format servicenow --file tests/fixtures/servicenow/task_sla_good.json
check "a good export is imported" [ "$rc" -eq 0 ] && grep -qx 'imported 3, replaced 0, unchanged 0' "$T/out"
check "September: 19 of 20 met is 95" [ "$(q "SELECT count(*) FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id WHERE k.engagement_id = $E AND k.name = 'Incidents resolved within SLA' AND m.period = '2026-09' AND m.value = 95 AND m.source = 'servicenow'")" = 1 ]
check "2026-Q3: 3 of 4 met is 75" [ "$(q "SELECT count(*) FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id WHERE k.engagement_id = $E AND k.name = 'Priority 1 response' AND m.period = '2026-Q3' AND m.value = 75")" = 1 ]
import --engagement "$E" --format servicenow --file tests/fixtures/servicenow/task_sla_good.json
check "the same export again changes nothing" [ "$rc" -eq 0 ] && grep -qx 'imported 0, replaced 0, unchanged 3' "$T/out"

echo "kpi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
