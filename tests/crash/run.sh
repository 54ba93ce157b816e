#!/bin/sh
# run: the crash-safety test on SQLite and on PostgreSQL — concurrent writes, the server SIGKILLed CRASH_KILLS times (default 20) per backend, every acknowledged write checked.
# Usage: tests/crash/run.sh [PATH_TO_ACCORD_BINARY]   (default build/accord; needs build/tests/crash; starts its own PostgreSQL cluster)
# CRASH_KILLS=N kills per backend (make crash-long: 200); CRASH_SEED=S repeats a run (each backend prints its seed).
set -u

BIN=${1:-build/accord}
case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
cd "$(dirname "$0")/../.." || exit 1
DRIVER=$(pwd)/build/tests/crash
KILLS=${CRASH_KILLS:-20}
SEED=${CRASH_SEED:-}

T=$(mktemp -d /tmp/accord-crash-XXXXXX) || exit 1
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

# One backend: the driver's last line is "crash: N passed, N failed" (N kills survived or not).
backend() {
	name=$1
	db=$2
	mkdir -p "$T/$name"
	echo "-- $name"
	"$DRIVER" --bin "$BIN" --db "$db" --dir "$T/$name" --kills "$KILLS" ${SEED:+--seed "$SEED"} >"$T/$name/out" 2>&1
	rc=$?
	grep -v '^crash: ' "$T/$name/out"
	line=$(grep -E '^crash: [0-9]+ passed, [0-9]+ failed$' "$T/$name/out" | tail -1)
	if [ -z "$line" ]; then
		echo "FAIL $name: the driver ended (exit $rc) without a summary"
		failed=$((failed + 1))
		return
	fi
	p=$(echo "$line" | sed 's/crash: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/.* \([0-9]*\) failed$/\1/')
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: the driver exited $rc"
		failed=$((failed + 1))
		tail -20 "$T/$name/serve.log"
	fi
}

if [ ! -x "$DRIVER" ]; then
	echo "FAIL: $DRIVER is not built (make build/tests/crash)"
	echo "crash: 0 passed, 1 failed"
	exit 1
fi
start=$(date +%s)
backend sqlite "$T/crash.db"
echo "   ($(($(date +%s) - start)) s)"
start=$(date +%s)
if tests/pg/cluster.sh start "$PG" >/dev/null; then
	backend postgresql "$(tests/pg/cluster.sh createdb "$PG" crash)"
	echo "   ($(($(date +%s) - start)) s)"
else
	echo "FAIL: could not start a PostgreSQL cluster"
	failed=$((failed + 1))
fi
echo "crash: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
