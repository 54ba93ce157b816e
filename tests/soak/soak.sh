#!/bin/bash
# soak: wrk with 256 connections over a mix of reads and writes against a fresh demo database, the server's memory sampled every second; then the slow-client, limit and graceful-stop tests (tests/soak/slow.c).
# Usage: tests/soak/soak.sh [ACCORD_BINARY] [SECONDS]   (defaults: build/accord, 15; `make soak` runs 60)
# SOAK_KEEP=1 keeps the run's files (the server's log with its memory line every second) even when it passes.
set -u
cd "$(dirname "$0")/../.." || exit 1

BIN=${1:-build/accord}
DURATION=${2:-15}
CONNS=${SOAK_CONNECTIONS:-256}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { # check DESCRIPTION COMMAND...: one test from a command's exit status
	local d=$1
	shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}
zero() { # zero VALUE...: every value is 0 (an empty one is not)
	for v in "$@"; do [ "${v:-x}" = 0 ] || return 1; done
}
finish() {
	echo "soak: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

for need in wrk curl node sqlite3; do
	command -v "$need" >/dev/null 2>&1 || { bad "$need is needed (make setup installs it)"; finish; }
done
[ -x "$BIN" ] || { bad "no accord binary at $BIN"; finish; }
[ -x build/tests/soak_slow ] || make -s build/tests/soak_slow >/dev/null || { bad "cannot build build/tests/soak_slow"; finish; }

T=$(mktemp -d /tmp/accord-soak-XXXXXX)
server_pid=""
sampler_pid=""
cleanup() {
	[ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
	[ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	if [ "$failed" -eq 0 ] && [ -z "${SOAK_KEEP:-}" ]; then rm -rf "$T"; else echo "soak: files kept in $T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'; }

# --- a fresh demo database (the scale demo: 1,000 engagements, every log-in's password known)
export ACCORD_TODAY=2026-11-26
DB=$T/soak.db
"$BIN" init --db "$DB" >/dev/null 2>&1 && "$BIN" demo --db "$DB" --scale 1000 >/dev/null 2>"$T/demo.err" ||
	{ bad "the demo database is made"; finish; }

PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
server_pid=$!
for _ in $(seq 1 400); do
	curl -sf -o /dev/null "$BASE/healthz" && break
	sleep 0.05
done
check "the server answers /healthz" curl -sf -o /dev/null "$BASE/healthz"

# --- who and what the mix works on: the largest buyer's contract manager, one engagement read, another written
TOKEN=$(curl -s -X POST "$BASE/api/v1/login" -d '{"email":"u4@b1.example","password":"accord-scale-demo"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { bad "log-in as u4@b1.example"; finish; }
AUTH="Authorization: Bearer $TOKEN"
ids() { tr '{' '\n' | sed -n 's/^"id":\([0-9]*\),.*/\1/p'; }
read -r ENG WRITE_ENG < <(curl -s -H "$AUTH" "$BASE/api/v1/engagements?limit=2" | tr '{' '\n' | sed -n 's/^"id":\([0-9]*\),"buyer_org_id".*/\1/p' | tr '\n' ' ')
REVIEW=$(curl -s -H "$AUTH" "$BASE/api/v1/engagements/$WRITE_ENG/reviews" | tr '{' '\n' | grep '"status":"planned"' | head -1 | sed -n 's/^"id":\([0-9]*\),.*/\1/p')
OWNER=$(curl -s -H "$AUTH" "$BASE/api/v1/me" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
[ -n "$ENG" ] && [ -n "$WRITE_ENG" ] && [ -n "$REVIEW" ] && [ -n "$OWNER" ] ||
	{ bad "engagements, a planned review and the caller's id found (got '$ENG' '$WRITE_ENG' '$REVIEW' '$OWNER')"; finish; }
# The reviews the mix adds actions to: a planned review in each of up to 40 of the buyer's
# engagements, so that, as in real use, no one engagement grows without bound — a 30-minute
# run adds about 250,000 actions, and every trust summary and review page of the engagement
# they land in reads them all.
REVIEWS=$REVIEW
for e in $(curl -s -H "$AUTH" "$BASE/api/v1/engagements?limit=60" | tr '{' '\n' | sed -n 's/^"id":\([0-9]*\),"buyer_org_id".*/\1/p'); do
	[ "$e" = "$WRITE_ENG" ] && continue
	r=$(curl -s -H "$AUTH" "$BASE/api/v1/engagements/$e/reviews" | tr '{' '\n' | grep '"status":"planned"' | head -1 | sed -n 's/^"id":\([0-9]*\),.*/\1/p')
	[ -n "$r" ] && REVIEWS="$REVIEWS,$r"
	[ "$(echo "$REVIEWS" | tr ',' '\n' | wc -l)" -ge 40 ] && break
done
[ "$(echo "$REVIEWS" | tr ',' '\n' | wc -l)" -ge 10 ] || { bad "planned reviews in at least ten engagements for the mix to write to (got $REVIEWS)"; finish; }
# Twenty actions for the mix to edit.
ACTIONS=""
for i in $(seq 1 20); do
	id=$(curl -s -H "$AUTH" -H 'Content-Type: application/json' -X POST "$BASE/api/v1/reviews/$REVIEW/actions" \
		-d "{\"title\":\"Soak action $i\",\"owner_id\":$OWNER,\"due_on\":\"2027-01-31\"}" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
	ACTIONS="$ACTIONS${ACTIONS:+,}$id"
done
[ "$(echo "$ACTIONS" | tr ',' '\n' | grep -c '^[0-9][0-9]*$')" -eq 20 ] || { bad "twenty actions made to edit"; finish; }

# --- the load, with the server's resident memory (VmRSS) read every second
rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$server_pid/status" 2>/dev/null; }
RSS_BEFORE=$(rss_kib)
(
	for _ in $(seq 1 $((DURATION + 5))); do
		v=$(rss_kib)
		[ -n "$v" ] || break
		echo "$v"
		kill -USR1 "$server_pid" 2>/dev/null # the server writes its memory line (server.c, memory_report)
		sleep 1
	done
) >"$T/rss" &
sampler_pid=$!
echo "soak: wrk -t2 -c$CONNS -d${DURATION}s on $BASE (engagement $ENG read, review $REVIEW edited, actions added to $(echo "$REVIEWS" | tr ',' '\n' | wc -l) reviews)"
SOAK_TOKEN=$TOKEN SOAK_ENG=$ENG SOAK_WRITE_ENG=$WRITE_ENG SOAK_REVIEW=$REVIEW SOAK_REVIEWS=$REVIEWS SOAK_OWNER=$OWNER SOAK_ACTIONS=$ACTIONS \
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency -s tests/soak/mix.lua "$BASE/" >"$T/wrk.out" 2>&1
wrk_rc=$?
kill "$sampler_pid" 2>/dev/null
wait "$sampler_pid" 2>/dev/null
sampler_pid=""
cat "$T/wrk.out"
check "wrk ran (exit $wrk_rc)" [ "$wrk_rc" -eq 0 ]

field() { sed -n "s/.*[ :]$1=\([0-9.]*\).*/\1/p" "$T/wrk.out" | head -1; }
REQS=$(sed -n 's/^soak-requests: \([0-9]*\) .*/\1/p' "$T/wrk.out")
RPS=$(sed -n 's/^soak-requests: .* = \([0-9]*\)\/s/\1/p' "$T/wrk.out")
S2=$(field 2xx) S3=$(field 3xx) S4=$(field 4xx) S5=$(field 5xx) SO=$(field other)
EC=$(field connect) ER=$(field read) EW=$(field write) ET=$(field timeout)
P50=$(field p50) P99=$(field p99) PMAX=$(field max)
check "requests were made (${REQS:-0})" [ "${REQS:-0}" -ge 100 ]
check "no 5xx answer (${S5:-?})" zero "$S5"
check "every answer 2xx: ${S2:-?} 2xx, ${S3:-?} 3xx, ${S4:-?} 4xx, ${SO:-?} other, of ${REQS:-?}" \
	zero "$S3" "$S4" "$SO" "$(( ${REQS:-0} - ${S2:-0} ))"
check "no socket errors (connect ${EC:-?}, read ${ER:-?}, write ${EW:-?}, timeout ${ET:-?})" zero "$EC" "$ER" "$EW" "$ET"

# --- memory. The server's own line (SIGUSR1, every second): its heap in use apart from
# SQLite (page caches, at most ACCORD_SQLITE_CACHE_KIB a connection) and the kept search
# answers (at most 16 MiB) must be flat after warm-up — the first quarter of the samples;
# the median of the last half of the rest may exceed that of the first half by at most
# 10 % + 1 MiB (medians: a sample taken while many large answers are being written is
# not a trend). Resident memory (VmRSS from /proc) grows while those caches fill, so it
# must stay within what they may add: after warm-up + 5 connections x 6 MiB + 16 MiB.
grep -o 'the rest [0-9]* KiB' "$T/serve.log" | sed 's/[^0-9]//g' >"$T/own"
stats() { awk '{ v[NR] = $1 } END {
	n = NR; w = int(n / 4); if (w < 2) w = 2; mid = w + int((n - w) / 2)
	for (i = 1; i <= n; i++) { if (v[i] > mx) mx = v[i]; if (i > w && i <= mid && v[i] > a) a = v[i]; if (i > mid && v[i] > b) b = v[i] }
	print n, v[1], v[w + 1], v[n], mx, a, b }' "$1"; }
read -r N FIRST WARM LAST MAXR A_MAX B_MAX < <(stats "$T/rss")
read -r ON OFIRST OWARM OLAST OMAX OA_MAX OB_MAX < <(stats "$T/own")
# Medians of the two halves after warm-up.
read -r OA_MED OB_MED < <(awk '{ v[NR] = $1 } END {
	n = NR; w = int(n / 4); if (w < 2) w = 2; mid = w + int((n - w) / 2)
	print med(v, w + 1, mid), med(v, mid + 1, n) }
	function med(a, lo, hi,   t, k, i, j, x) { k = 0; for (i = lo; i <= hi; i++) t[++k] = a[i]
		for (i = 2; i <= k; i++) { x = t[i]; for (j = i - 1; j >= 1 && t[j] > x; j--) t[j + 1] = t[j]; t[j + 1] = x }
		return k ? t[int((k + 1) / 2)] : 0 }' "$T/own")
echo "soak: VmRSS (MiB) before $((RSS_BEFORE / 1024)), at the start $((FIRST / 1024)), after warm-up $((WARM / 1024)), at the end $((LAST / 1024)), max $((MAXR / 1024)); $N samples, 1 s apart"
echo "soak: VmRSS curve (MiB): $(awk '{ printf "%s%d", (NR > 1 ? " " : ""), $1 / 1024 }' "$T/rss")"
echo "soak: heap in use outside SQLite and the search answers (KiB): at the start $OFIRST, after warm-up $OWARM, at the end $OLAST, max $OMAX, medians of the two halves $OA_MED and $OB_MED; $ON samples"
echo "soak: $(grep 'accord: memory:' "$T/serve.log" | tail -1 | sed 's/^accord: //')"
# The server's account through the run, about ten lines (MiB): where resident memory goes.
grep 'accord: memory:' "$T/serve.log" | awk -v n="$(grep -c 'accord: memory:' "$T/serve.log")" 'BEGIN { step = int(n / 10); if (step < 1) step = 1 }
	NR == 1 || NR % step == 0 || NR == n {
		gsub(/[^0-9 ]/, "")
		printf "soak: memory at %4d s: resident %3d, malloc holds %3d (free %3d), sqlite heap %3d, sqlite page pool %3d (at most %3d), the rest %3d\n",
			NR, $1 / 1024, $6 / 1024, $7 / 1024, $3 / 1024, $8 / 1024, $9 / 1024, $5 / 1024 }'
echo "soak: $RPS req/s, latency p50 $P50 ms, p99 $P99 ms, max $PMAX ms"
POOL=$(grep 'accord: memory:' "$T/serve.log" | tail -1 | sed -n 's/.*sqlite page pool \([0-9]*\) KiB.*/\1/p')
check "SQLite's page caches are in their own pool (${POOL:-?} KiB of it in use at the end)" [ "${POOL:-0}" -gt 0 ]
# build/accord allocates with jemalloc (src/util/heap.c); its account must be the one read.
if ldd "$BIN" 2>/dev/null | grep -q libjemalloc; then
	ALLOC=$(grep 'accord: memory:' "$T/serve.log" | tail -1 | sed -n 's/.*heap in use \([0-9]*\) KiB.*malloc (\([a-z]*\)) holds.*/\2 \1/p')
	jemalloc_account() { [ "${ALLOC%% *}" = jemalloc ] && [ "${ALLOC##* }" -gt 0 ]; }
	check "the server's memory line is jemalloc's own account (${ALLOC:-none})" jemalloc_account
fi
flat() { [ "${ON:-0}" -ge 6 ] && [ "$OB_MED" -le $((OA_MED * 110 / 100 + 1024)) ]; }
check "accord's own memory flat after warm-up: last half's median ${OB_MED:-?} KiB <= first half's ${OA_MED:-?} KiB x 1.10 + 1 MiB" flat
bounded() { [ "$N" -ge 6 ] && [ "$MAXR" -le $((WARM + (5 * 6 + 16) * 1024)) ]; }
check "resident memory within the caches' bounds: max $((MAXR / 1024)) MiB <= after warm-up $((WARM / 1024)) MiB + 46 MiB" bounded

# --- the writes landed and the database is sound; the server still answers and stops cleanly
CREATED=$(sqlite3 "$DB" "select count(*) from actions where title like 'Soak follow-up %'")
EDITED=$(sqlite3 "$DB" "select count(*) from actions where title like 'Soak edit %'")
check "the mix's writes are in the database ($CREATED actions created, $EDITED edited)" test "${CREATED:-0}" -gt 0 -a "${EDITED:-0}" -gt 0
check "the database passes its integrity check" [ "$(sqlite3 "$DB" 'pragma integrity_check')" = ok ]
check "the server answers after the load" curl -sf -o /dev/null "$BASE/healthz"
kill -TERM "$server_pid"
for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
wait "$server_pid" 2>/dev/null
rc=$?
server_pid=""
check "SIGTERM after the load: exit 0 within 30 s (exit $rc)" [ "$rc" -eq 0 ]

# --- slow clients, limits and the graceful stop, on the same binary
build/tests/soak_slow "$BIN" >"$T/slow.out" 2>&1
cat "$T/slow.out"
line=$(grep -E '^slow: [0-9]+ passed, [0-9]+ failed$' "$T/slow.out" | tail -1)
if [ -n "$line" ]; then
	passed=$((passed + $(echo "$line" | sed 's/^slow: \([0-9]*\) passed.*/\1/')))
	failed=$((failed + $(echo "$line" | sed 's/.* \([0-9]*\) failed$/\1/')))
else
	bad "the slow-client tests ended without a summary"
fi
finish
