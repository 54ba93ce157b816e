#!/bin/sh
# test_remind: "accord remind" against a real SMTP server on loopback — what is due, each reminder exactly once, --dry-run, failures released.
# (The daily inbox digest the same command sends is tests/cli/test_digest.sh's: here every run says --no-digest.)
# Usage: tests/cli/test_remind.sh PATH_TO_ACCORD_BINARY
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
SINK=tests/mail/smtp-sink.mjs
for need in node sqlite3; do
	if ! command -v "$need" >/dev/null 2>&1; then
		echo "test_remind: the $need command is needed" >&2
		echo "remind: 0 passed, 1 failed"
		exit 1
	fi
done
if [ ! -x "$BIN" ] || [ ! -d tests/mail/node_modules/smtp-server ]; then
	echo "test_remind: $BIN is not an executable, or tests/mail has no node_modules (run make setup)" >&2
	echo "remind: 0 passed, 1 failed"
	exit 1
fi

T=$(mktemp -d) || exit 1
sink_pid=""
sink_port=""
cleanup() {
	if [ -n "$sink_pid" ]; then
		kill "$sink_pid" 2>/dev/null
		i=0
		while [ $i -lt 50 ] && kill -0 "$sink_pid" 2>/dev/null; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$sink_pid" 2>/dev/null
		wait "$sink_pid" 2>/dev/null
		sink_pid=""
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
unset ACCORD_DB ACCORD_TODAY ACCORD_SMTP ACCORD_MAIL_FROM ACCORD_PUBLIC_URL

passed=0
failed=0
rc=0
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL $1 (exit $rc; stdout: $(head -c 400 "$T/out" | tr '\n' '|'); stderr: $(head -c 300 "$T/err" | tr '\n' '|'))"
}

# remind DAY ARGS...: runs accord remind with ACCORD_TODAY=DAY; sets rc, stdout in $T/out, stderr in $T/err.
remind() {
	day=$1
	shift
	ACCORD_TODAY=$day "$BIN" remind --no-digest "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}

lines() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }
one_error() { [ "$(lines "$T/err")" -eq 1 ] && grep -q '^accord: ' "$T/err"; }
# q DB SQL: one query's rows, from SQLite or (a postgresql:// DB) from PostgreSQL, whose chr() is SQLite's char().
q() {
	case $1 in
	postgres*) psql "$1" -AtqX -c "$(printf '%s' "$2" | sed 's/char(/chr(/g')" 2>/dev/null || echo "error $(date +%s%N)" ;;
	*) sqlite3 "$1" "$2" 2>/dev/null || echo "error $(date +%s%N)" ;;
	esac
}

MAIL=$T/mail
mails() { lines "$MAIL/messages.jsonl"; }
# sent_since N: "to<TAB>subject" of every message after the first N, sorted.
sent_since() {
	[ -f "$MAIL/messages.jsonl" ] || return 0
	tail -n +"$(($1 + 1))" "$MAIL/messages.jsonl" | node -e '
let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
	for (const l of s.split("\n").filter(Boolean)) { const m = JSON.parse(l); console.log(m.to.join(",") + "\t" + m.subject); }
});' | LC_ALL=C sort
}
# want LINES...: the expected "to<TAB>subject" lines, sorted (arguments use | for the tab).
want() { printf '%s\n' "$@" | tr '|' '\t' | LC_ALL=C sort; }

# A closed loopback port: bound, read and released.
closed_port() { node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'; }

# Starts the SMTP sink writing into $MAIL; sets sink_pid and sink_port.
node "$SINK" "$MAIL" >"$T/sink.out" 2>"$T/sink.err" &
sink_pid=$!
i=0
while [ $i -lt 100 ] && [ -z "$sink_port" ]; do
	sink_port=$(sed -n 's/^PORT \([0-9][0-9]*\)$/\1/p' "$T/sink.out" | head -1)
	[ -n "$sink_port" ] && break
	kill -0 "$sink_pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ -z "$sink_port" ]; then
	echo "test_remind: the SMTP sink did not start: $(cat "$T/sink.err")" >&2
	echo "remind: 0 passed, 1 failed"
	exit 1
fi
SMTP=smtp://127.0.0.1:$sink_port

# The demo as of 2026-11-26 (its review history is in src/service/demo_reviews.c).
TODAY=2026-11-26
# ACCORD_TEST_DB and ACCORD_TEST_DB2: two empty PostgreSQL databases to run against instead (tests/run makes them).
DB=${ACCORD_TEST_DB:-$T/demo.db}
DB2=${ACCORD_TEST_DB2:-$T/demo2.db}
for d in "$DB" "$DB2"; do
	"$BIN" init --db "$d" >/dev/null 2>&1 && ACCORD_TODAY=$TODAY "$BIN" demo --db "$d" >/dev/null 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 0 ]; then ok; else bad "init and demo on $d"; fi
done
reminders() { q "$1" "select count(*) from reminders"; }

# What the demo owes on 2026-11-26, worked out by hand:
#   review_30: the ad-hoc steering committee of Core banking, 12 days ahead, to its contract
#     manager and the mandated roles (Northwind's CxO, Kestrel's leadership);
#   review_overdue: Card disputes' missed review of 2026-01-01 (Northwind's CM and CxO,
#     Harbor's leadership and consulting), Store systems' missed review of 2025-07-01
#     (Meridian's CM and CxO, Kestrel's leadership);
#   minutes_missing: Card disputes' review held 2026-09-30 without minutes, to its CM;
#   renewal_30: Card disputes' notice date, 25 days ahead (the demo puts it there, docs/delivery.md
#     "The demo"), to its contract manager and Harbor's leadership;
#   action_overdue: every open action due before today, to its owner (from the database).
OVERDUE_ACTIONS=$(q "$DB" "select count(*) from actions where status = 'open' and due_on < '$TODAY'")
EXPECTED=$((13 + OVERDUE_ACTIONS))
want \
	"tom.okafor@northwind.example|Business review due in 12 days: Core banking application maintenance" \
	"helen.park@northwind.example|Business review due in 12 days: Core banking application maintenance" \
	"anil.mehta@kestrel.example|Business review due in 12 days: Core banking application maintenance" \
	"tom.okafor@northwind.example|Business review overdue: Card dispute back-office" \
	"helen.park@northwind.example|Business review overdue: Card dispute back-office" \
	"claire.dubois@harbor.example|Business review overdue: Card dispute back-office" \
	"ken.sato@harbor.example|Business review overdue: Card dispute back-office" \
	"jonas.berg@meridian.example|Business review overdue: Store systems support" \
	"david.ross@meridian.example|Business review overdue: Store systems support" \
	"anil.mehta@kestrel.example|Business review overdue: Store systems support" \
	"tom.okafor@northwind.example|Minutes missing: business review of Card dispute back-office" \
	"tom.okafor@northwind.example|Notice date in 30 days or less: Card dispute back-office" \
	"claire.dubois@harbor.example|Notice date in 30 days or less: Card dispute back-office" \
	>"$T/want.reviews"
q "$DB" "select u.email || char(9) || 'Action overdue: ' || a.title from actions a join users u on u.id = a.owner_id where a.status = 'open' and a.due_on < '$TODAY'" >"$T/want.actions"
LC_ALL=C sort "$T/want.reviews" "$T/want.actions" >"$T/want.first"
if [ "$OVERDUE_ACTIONS" -ge 1 ] && [ "$(q "$DB" "select count(*) from actions where status = 'open' and due_on between '$TODAY' and '2026-11-29'")" = 0 ]; then ok; else bad "the demo has overdue open actions and none due within 3 days ($OVERDUE_ACTIONS)"; fi

# --- usage errors: exit 2, one line, nothing sent or recorded
remind 2026-13-01 --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 2 ] && one_error && [ ! -s "$T/out" ]; then ok; else bad "a bad ACCORD_TODAY (2026-13-01) exits 2 with one error line"; fi
remind tomorrow --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 2 ] && one_error; then ok; else bad "a bad ACCORD_TODAY (tomorrow) exits 2 with one error line"; fi
remind "$TODAY" --db "$DB" --smtp "$SMTP" --bogus
if [ "$rc" -eq 2 ] && one_error; then ok; else bad "an unknown option exits 2 with one error line"; fi
remind "$TODAY" --db "$DB" --smtp "$SMTP" extra
if [ "$rc" -eq 2 ] && one_error; then ok; else bad "an unexpected argument exits 2 with one error line"; fi
remind "$TODAY" --db "$DB" --smtp "http://127.0.0.1:$sink_port"
if [ "$rc" -eq 2 ] && one_error; then ok; else bad "an --smtp that is not smtp:// exits 2 with one error line"; fi
remind "$TODAY" --smtp "$SMTP"
if [ "$rc" -eq 2 ] && one_error; then ok; else bad "remind without --db (and no ACCORD_DB) exits 2 with one error line"; fi
remind "$TODAY" --db "$DB" --smtp
if [ "$rc" -eq 2 ] && one_error; then ok; else bad "--smtp without its value exits 2 with one error line"; fi
if [ "$(mails)" = 0 ] && [ "$(reminders "$DB")" = 0 ]; then ok; else bad "usage errors send and record nothing"; fi

# --- --dry-run lists what is due and sends and records nothing
remind "$TODAY" --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && [ "$(grep -c '^due ' "$T/out")" = "$EXPECTED" ] && [ "$(tail -n 1 "$T/out")" = "$EXPECTED reminders due" ]; then ok; else bad "--dry-run lists the $EXPECTED reminders due and counts them"; fi
if grep -q '^due review_30 review [0-9]* to anil.mehta@kestrel.example: Business review due in 12 days' "$T/out" &&
	grep -q '^due minutes_missing review [0-9]* to tom.okafor@northwind.example' "$T/out" &&
	grep -q '^due action_overdue action [0-9]* to ' "$T/out"; then ok; else bad "--dry-run lines name the kind, the subject and the person"; fi
if [ "$(mails)" = 0 ] && [ "$(reminders "$DB")" = 0 ]; then ok; else bad "--dry-run sends and records nothing"; fi

# --- an SMTP server that cannot be reached: exit 1, one error line, every claim released
port=$(closed_port)
remind "$TODAY" --db "$DB" --smtp "smtp://127.0.0.1:$port"
if [ "$rc" -eq 1 ] && one_error && grep -q "could not be sent" "$T/err"; then ok; else bad "a closed SMTP port exits 1 with one error line"; fi
if [ "$(tail -n 1 "$T/out")" = "0 sent, $EXPECTED failed" ]; then ok; else bad "a closed SMTP port reports 0 sent, $EXPECTED failed"; fi
if [ "$(mails)" = 0 ] && [ "$(reminders "$DB")" = 0 ]; then ok; else bad "reminders that could not be sent are released, not recorded ($(reminders "$DB") rows)"; fi

# --- the real run sends each due reminder once, to the right people
remind "$TODAY" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ ! -s "$T/err" ] && [ "$(tail -n 1 "$T/out")" = "$EXPECTED sent, 0 failed" ]; then ok; else bad "remind sends the $EXPECTED reminders due and exits 0"; fi
if [ "$(mails)" = "$EXPECTED" ]; then ok; else bad "the SMTP server received $EXPECTED messages (got $(mails))"; fi
sent_since 0 >"$T/got.first"
if cmp -s "$T/got.first" "$T/want.first"; then ok; else bad "the messages are the expected reminders to the expected people: $(diff "$T/want.first" "$T/got.first" | tr '\n\t' '| ')"; fi
if [ "$(q "$DB" "select count(*) from reminders where state = 'sent'")" = "$EXPECTED" ] && [ "$(reminders "$DB")" = "$EXPECTED" ]; then ok; else bad "every reminder sent is recorded as sent"; fi
if node -e '
const ms = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
const m = ms.find((x) => x.to[0] === "tom.okafor@northwind.example" && x.subject.startsWith("Business review due in 12 days"));
const ok = m && ms.every((x) => x.from === "accord@localhost" && x.to.length === 1) &&
	m.text.includes("Hello Tom Okafor") && m.text.includes("due on 2026-12-08, in 12 days") && /\/reviews\/\d+/.test(m.text);
process.exit(ok ? 0 : 1);' "$MAIL/messages.jsonl"; then ok; else bad "a reminder greets its person, says when the review is due and links to it"; fi

# --- exactly once: a second run the same day sends nothing
remind "$TODAY" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "0 sent, 0 failed" ] && [ "$(mails)" = "$EXPECTED" ]; then ok; else bad "a second run the same day sends nothing"; fi
remind "$TODAY" --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && [ "$(cat "$T/out")" = "0 reminders due" ]; then ok; else bad "--dry-run after the run lists nothing"; fi

# --- five days later the steering committee is a week away: only the review_7 reminders
LATER=2026-12-01
remind "$LATER" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "3 sent, 0 failed" ]; then ok; else bad "on $LATER remind sends 3 reminders"; fi
sent_since "$EXPECTED" >"$T/got.later"
want \
	"tom.okafor@northwind.example|Business review due in 7 days: Core banking application maintenance" \
	"helen.park@northwind.example|Business review due in 7 days: Core banking application maintenance" \
	"anil.mehta@kestrel.example|Business review due in 7 days: Core banking application maintenance" \
	>"$T/want.later"
if cmp -s "$T/got.later" "$T/want.later"; then ok; else bad "on $LATER only the review_7 reminders arrive: $(tr '\n\t' '| ' <"$T/got.later")"; fi
if [ "$(q "$DB" "select count(*) from reminders where kind = 'review_7'")" = 3 ]; then ok; else bad "the review_7 reminders are recorded"; fi
remind "$LATER" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "0 sent, 0 failed" ] && [ "$(mails)" = $((EXPECTED + 3)) ]; then ok; else bad "a second run on $LATER sends nothing"; fi

# --- two runs at once still send each reminder once
before=$(mails)
ACCORD_TODAY=$TODAY "$BIN" remind --no-digest --db "$DB2" --smtp "$SMTP" </dev/null >"$T/out.a" 2>"$T/err.a" &
a=$!
ACCORD_TODAY=$TODAY "$BIN" remind --no-digest --db "$DB2" --smtp "$SMTP" </dev/null >"$T/out.b" 2>"$T/err.b" &
b=$!
wait "$a"
rc_a=$?
wait "$b"
rc=$?
sa=$(tail -n 1 "$T/out.a" | sed -n 's/^\([0-9]*\) sent, 0 failed$/\1/p')
sb=$(tail -n 1 "$T/out.b" | sed -n 's/^\([0-9]*\) sent, 0 failed$/\1/p')
if [ "$rc_a" -eq 0 ] && [ "$rc" -eq 0 ] && [ -n "$sa" ] && [ -n "$sb" ] && [ $((sa + sb)) -eq "$EXPECTED" ]; then ok; else bad "two runs at once share the $EXPECTED reminders (a: $(tail -n 1 "$T/out.a"), b: $(tail -n 1 "$T/out.b"))"; fi
sent_since "$before" >"$T/got.twice"
if [ "$(mails)" = $((before + EXPECTED)) ] && cmp -s "$T/got.twice" "$T/want.first"; then ok; else bad "two runs at once deliver each reminder exactly once ($(($(mails) - before)) messages)"; fi

# --- an outbox event: a bid deadline moved (the row PATCH /api/v1/roadmap-items/{id} writes in its
# transaction, one per bidding organisation; tests/api/sealed_cases.c makes one over HTTP). It is
# mailed once to each bidder's leadership and consultants (roles 32 | 64), naming both deadlines.
q "$DB" "insert into events (buyer_org_id, org_id, kind, subject, subject_id, payload, created_at) select it.buyer_org_id, b.org_id, 'bid_deadline', 'roadmap_items', it.id, '{\"from\":\"2026-12-01\",\"item_id\":' || it.id || ',\"roadmap_id\":' || it.roadmap_id || ',\"title\":\"' || it.title || '\",\"to\":\"2026-12-20\"}', '2026-11-30T09:00:00Z' from roadmap_items it join bids b on b.item_id = it.id where it.status = 'open'" >/dev/null
EVENTS=$(q "$DB" "select count(*) from events")
q "$DB" "select u.email || char(9) || 'Bid deadline extended: ' || it.title from events e join users u on u.org_id = e.org_id join roadmap_items it on it.id = e.subject_id where (u.roles & 96) <> 0" | LC_ALL=C sort >"$T/want.events"
BIDMAILS=$(lines "$T/want.events")
if [ "$EVENTS" -ge 2 ] && [ "$BIDMAILS" -ge "$EVENTS" ] && ! grep -q northwind "$T/want.events"; then ok; else bad "the demo's open item has bidders with leadership or consultants to tell ($EVENTS events, $BIDMAILS people)"; fi
before=$(mails)
remind "$LATER" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "$BIDMAILS sent, 0 failed" ] && grep -q '^sent bid_deadline event [0-9]* to ' "$T/out"; then ok; else bad "remind mails the bid-deadline event to its $BIDMAILS people"; fi
sent_since "$before" >"$T/got.events"
if cmp -s "$T/got.events" "$T/want.events"; then ok; else bad "each bidder's leadership and consultants, and nobody else, are told: $(tr '\n\t' '| ' <"$T/got.events")"; fi
if node -e '
const ms = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse).slice(Number(process.argv[2]));
process.exit(ms.length && ms.every((m) => m.text.includes("has moved from 2026-12-01 to 2026-12-20") && /\/roadmap-items\/\d+/.test(m.text)) ? 0 : 1);' "$MAIL/messages.jsonl" "$before"; then ok; else bad "the mail names the old and the new deadline and links to the item"; fi
remind "$LATER" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "0 sent, 0 failed" ] && [ "$(mails)" = $((before + BIDMAILS)) ]; then ok; else bad "a second run sends the event to nobody again"; fi
if [ "$(q "$DB" "select count(*) from reminders where kind = 'bid_deadline' and state = 'sent'")" = "$BIDMAILS" ]; then ok; else bad "each event mail is in the ledger as sent"; fi

# --- renewals (docs/delivery.md): Card dispute back-office ends 2027-12-31; with 60 days' notice its
# notice date is 2027-11-01. The contract manager (Northwind's Tom Okafor) and Harbor's leadership
# (roles & 32) are told once from 30 days before, and once on the day; an engagement without
# notice days recorded has no notice date and is never mailed about.
ENG=$(q "$DB" "select id from engagements where title = 'Card dispute back-office'")
# set_notice DAYS: the engagement's notice days, straight in the store (SQLite's audit trigger needs
# the server's actor function, so it is set aside for the update and put back).
set_notice() {
	case $DB in
	postgres*) q "$DB" "update engagements set notice_days = $1 where id = $ENG" >/dev/null ;;
	*)
		sqlite3 "$DB" "select sql || ';' from sqlite_master where name = 'engagements_audit_update'" >"$T/trigger.sql" &&
			sqlite3 "$DB" "drop trigger engagements_audit_update; update engagements set notice_days = $1 where id = $ENG;" &&
			sqlite3 "$DB" <"$T/trigger.sql"
		;;
	esac
}
set_notice 60
if [ "$(q "$DB" "select notice_days from engagements where id = $ENG")" = 60 ]; then ok; else bad "the test sets the engagement's notice days"; fi
q "$DB" "select u.email from users u join engagements e on u.id = e.contract_manager_id where e.id = $ENG union select u.email from users u join engagements e on u.org_id = e.provider_org_id where e.id = $ENG and (u.roles & 32) <> 0" | LC_ALL=C sort >"$T/want.renewal"
RENEWALS=$(lines "$T/want.renewal")
renewal_lines() { grep " engagement $ENG to " "$T/out" | grep "renewal_" | sed 's/.* to \([^:]*\):.*/\1/' | LC_ALL=C sort; }
if [ "$RENEWALS" -ge 2 ] && grep -q tom.okafor "$T/want.renewal" && ! grep -q ken.sato "$T/want.renewal"; then ok; else bad "the renewal goes to the contract manager and Harbor's leadership ($(tr '\n' ' ' <"$T/want.renewal"))"; fi
remind 2027-10-01 --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && ! grep -q "renewal_" "$T/out"; then ok; else bad "31 days before the notice date no renewal reminder is due"; fi
remind 2027-10-02 --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && [ "$(grep -c "^due renewal_30:2027-11-01 engagement $ENG to " "$T/out")" = "$RENEWALS" ] && renewal_lines | cmp -s - "$T/want.renewal"; then ok; else bad "30 days before the notice date the renewal_30 reminder is due to exactly its $RENEWALS people"; fi
if [ "$(grep -c "renewal_" "$T/out")" = "$RENEWALS" ]; then ok; else bad "no other engagement is due a renewal reminder (no other notice date is near)"; fi
before=$(mails)
remind 2027-10-05 --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(grep -c "^sent renewal_30:2027-11-01 engagement $ENG" "$T/out")" = "$RENEWALS" ]; then ok; else bad "a run within the 30 days sends the renewal_30 reminder (a missed day catches up)"; fi
if [ "$(sent_since "$before" | grep -c "Notice date in 30 days or less: Card dispute back-office")" = "$RENEWALS" ] &&
	[ "$(q "$DB" "select count(*) from reminders where kind = 'renewal_30:2027-11-01' and subject_id = $ENG and state = 'sent'")" = "$RENEWALS" ]; then ok; else bad "the renewal mails arrive and are in the ledger keyed by the notice date"; fi
remind 2027-10-20 --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && ! grep -q "renewal_" "$T/out"; then ok; else bad "the renewal_30 reminder goes once"; fi
remind 2027-11-01 --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(grep -c "^sent renewal_notice:2027-11-01 engagement $ENG" "$T/out")" = "$RENEWALS" ]; then ok; else bad "on the notice date the renewal_notice reminder is sent to its $RENEWALS people"; fi
remind 2027-11-01 --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && ! grep -q "renewal_" "$T/out"; then ok; else bad "the renewal_notice reminder goes once"; fi
remind 2027-11-02 --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && ! grep -q "renewal_" "$T/out"; then ok; else bad "after the notice date no renewal reminder is due"; fi
# A changed notice date is a new reminder: 90 days' notice moves it to 2027-10-02.
set_notice 90
remind 2027-09-02 --db "$DB" --smtp "$SMTP" --dry-run
if [ "$rc" -eq 0 ] && [ "$(grep -c "^due renewal_30:2027-10-02 engagement $ENG" "$T/out")" = "$RENEWALS" ]; then ok; else bad "a changed notice date is reminded of again"; fi

echo "remind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
