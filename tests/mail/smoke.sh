#!/bin/sh
# smoke: starts the SMTP sink, sends it one message with curl and checks messages.jsonl records it.
set -u
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
sink_pid=""
sink_port=""
sink_status=""

# Starts the sink writing into $1; sets sink_pid and sink_port, or fails after 10 s.
sink_start() {
	node tests/mail/smtp-sink.mjs "$1" >"$tmp/sink.out" 2>"$tmp/sink.err" &
	sink_pid=$!
	i=0
	while [ $i -lt 100 ]; do
		sink_port=$(sed -n 's/^PORT \([0-9][0-9]*\)$/\1/p' "$tmp/sink.out" | head -1)
		[ -n "$sink_port" ] && return 0
		kill -0 "$sink_pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	echo "smoke: the sink did not start:" >&2
	cat "$tmp/sink.err" >&2
	return 1
}

# Waits up to 5 s for $1/messages.jsonl to hold at least $2 lines.
sink_wait_count() {
	i=0
	while [ $i -lt 50 ]; do
		[ -f "$1/messages.jsonl" ] && [ "$(wc -l <"$1/messages.jsonl")" -ge "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Stops the sink with SIGTERM, then SIGKILL if it is still there after 5 s;
# sink_status is its exit status (0 when it stopped cleanly).
sink_stop() {
	[ -n "$sink_pid" ] || return 0
	kill "$sink_pid" 2>/dev/null
	i=0
	while [ $i -lt 50 ] && kill -0 "$sink_pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$sink_pid" 2>/dev/null
	wait "$sink_pid" 2>/dev/null
	sink_status=$?
	sink_pid=""
}

cleanup() {
	sink_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
check() {
	if [ "$1" = ok ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $2" >&2
	fi
}

if sink_start "$tmp/mail"; then
	check ok "sink starts"
	printf 'From: a@x\r\nTo: b@y\r\nSubject: smoke test\r\n\r\nhello from smoke\r\n' |
		curl -sS --max-time 10 --url "smtp://127.0.0.1:$sink_port" --mail-from a@x \
			--mail-rcpt b@y --upload-file -
	[ $? -eq 0 ] && r=ok || r=no
	check $r "curl sends the message"
	sink_wait_count "$tmp/mail" 1 && r=ok || r=no
	check $r "messages.jsonl gets a line"
	want='{"from":"a@x","to":["b@y"],"subject":"smoke test","text":"hello from smoke\n"}'
	grep -qFx "$want" "$tmp/mail/messages.jsonl" 2>/dev/null && r=ok || r=no
	check $r "the line is $want"
	grep -q 'hello from smoke' "$tmp/mail/1.eml" 2>/dev/null && r=ok || r=no
	check $r "1.eml holds the raw message"
	sink_stop
	[ "$sink_status" -eq 0 ] && r=ok || r=no
	check $r "the sink stops cleanly on SIGTERM (exit $sink_status)"
else
	check no "sink starts"
fi

echo "mail smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
