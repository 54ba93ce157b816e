#!/bin/sh
# Builds the libFuzzer drivers, replays the committed corpus through each, then fuzzes each for a while; ends with "fuzz: N passed, N failed".
#
#   tests/fuzz/run.sh                 short form, in `make check`: FUZZ_SHORT seconds (default 20) per driver;
#                                     what the run adds goes to a scratch folder that is removed
#   tests/fuzz/run.sh --long SECONDS  `make fuzz`: SECONDS per driver; new inputs are kept in
#                                     build/fuzz/work/NAME and read again by the next run
#   tests/fuzz/run.sh ... NAME...     only these drivers (fuzz_NAME.c)
#
# The committed corpus (tests/fuzz/corpus/NAME) is only read. A crash, leak, timeout or
# sanitizer report fails the driver; its input is written to build/fuzz/artifacts/.
set -u
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SHORT:-20}
long=0
if [ "${1:-}" = --long ]; then
	long=1
	seconds=${2:-600}
	if [ $# -ge 2 ]; then shift 2; else shift; fi
fi
names="$*"
[ -n "$names" ] || names=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_\(.*\)\.c$|\1|')

passed=0
failed=0
log=$(mktemp)
scratch=$(mktemp -d)
trap 'rm -rf "$log" "$scratch"' EXIT
trap 'exit 1' INT TERM

# A failure shows the report: the sanitizer's summary and what leads up to it.
report() {
	grep -a -v -E '^(#[0-9]+	|INFO: |	NEW_FUNC)' "$log" | tail -40
}

pass() {
	passed=$((passed + 1))
	echo "ok   $1"
}

fail() {
	failed=$((failed + 1))
	echo "FAIL $1"
	report
}

if ! make -s fuzz-build >"$log" 2>&1; then
	cat "$log"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
mkdir -p build/fuzz/artifacts

for n in $names; do
	bin=build/fuzz/fuzz_$n
	corpus=tests/fuzz/corpus/$n
	set --
	[ -f "tests/fuzz/$n.dict" ] && set -- "-dict=tests/fuzz/$n.dict"
	if [ ! -x "$bin" ] || [ ! -d "$corpus" ]; then
		echo "FAIL $n: no driver $bin or no corpus $corpus"
		failed=$((failed + 1))
		continue
	fi

	# Every committed input, once each: reproducers of fixed bugs must stay fixed.
	if "$bin" -timeout=10 "$corpus"/* >"$log" 2>&1; then
		pass "$n: replayed $(ls "$corpus" | wc -l) inputs of $corpus"
	else
		fail "$n: replaying $corpus"
	fi

	# Fuzzing from the corpus; new inputs go to the work folder, never into the corpus.
	if [ "$long" = 1 ]; then
		work=build/fuzz/work/$n
	else
		work=$scratch/$n
	fi
	mkdir -p "$work"
	start=$(date +%s)
	if "$bin" "$@" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/artifacts/$n-" "$work" "$corpus" >"$log" 2>&1; then
		runs=$(grep -a '^stat::number_of_executed_units' "$log" | sed 's/.*: *//')
		pass "$n: fuzzed $(($(date +%s) - start)) s, ${runs:-?} runs, $(ls "$work" | wc -l) inputs in $work"
	else
		fail "$n: fuzzing for $seconds s (reproduce: $bin build/fuzz/artifacts/$n-*)"
	fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
