#!/bin/sh
# test_digest: the daily inbox digest "accord remind" sends against a real SMTP server on loopback — to whom, what it lists, once a day, each item once, failures released, two runs at once.
# Usage: tests/cli/test_digest.sh PATH_TO_ACCORD_BINARY
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
if ! command -v node >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1 || [ ! -x "$BIN" ] || [ ! -d tests/mail/node_modules/smtp-server ]; then
	echo "test_digest: needs node, sqlite3, an executable $BIN and tests/mail/node_modules (run make setup)" >&2
	echo "digest: 0 passed, 1 failed"
	exit 1
fi

T=$(mktemp -d) || exit 1
sink_pid=""
cleanup() {
	if [ -n "$sink_pid" ]; then
		kill "$sink_pid" 2>/dev/null
		wait "$sink_pid" 2>/dev/null
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
	echo "FAIL $1 (exit $rc; stdout: $(head -c 400 "$T/out" 2>/dev/null | tr '\n' '|'); stderr: $(head -c 300 "$T/err" 2>/dev/null | tr '\n' '|'))"
}
# remind DAY ARGS...: accord remind as of DAY; sets rc, stdout in $T/out, stderr in $T/err.
remind() {
	day=$1
	shift
	ACCORD_TODAY=$day "$BIN" remind --base-url http://accord.test "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}
# q DB SQL: one query's rows, from SQLite or (a postgresql:// DB) from PostgreSQL.
q() {
	case $1 in
	postgres*) psql "$1" -AtqX -c "$2" 2>/dev/null || echo "error" ;;
	*) sqlite3 "$1" "$2" 2>/dev/null || echo "error" ;;
	esac
}
MAIL=$T/mail
# digests [N]: the digest messages after the first N messages, one "to<TAB>subject<TAB>text with | for newlines" line each.
digests() {
	[ -f "$MAIL/messages.jsonl" ] || return 0
	tail -n +"$((${1:-0} + 1))" "$MAIL/messages.jsonl" | node -e '
let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
	for (const l of s.split("\n").filter(Boolean)) { const m = JSON.parse(l);
		if (m.subject.startsWith("Your accord inbox:")) console.log(m.to.join(",") + "\t" + m.subject + "\t" + m.text.replace(/\n/g, "|")); }
});'
}
mails() { if [ -f "$MAIL/messages.jsonl" ]; then wc -l <"$MAIL/messages.jsonl" | tr -d ' '; else echo 0; fi; }
# digest_to EMAIL [N]: the digest line to EMAIL after the first N messages (empty: none).
digest_to() { digests "${2:-0}" | grep "^$1	" ; }

node tests/mail/smtp-sink.mjs "$MAIL" >"$T/sink.out" 2>"$T/sink.err" &
sink_pid=$!
port=""
i=0
while [ $i -lt 100 ] && [ -z "$port" ]; do
	port=$(sed -n 's/^PORT \([0-9][0-9]*\)$/\1/p' "$T/sink.out" | head -1)
	[ -z "$port" ] && sleep 0.1
	i=$((i + 1))
done
if [ -z "$port" ]; then
	echo "test_digest: the SMTP sink did not start" >&2
	echo "digest: 0 passed, 1 failed"
	exit 1
fi
SMTP=smtp://127.0.0.1:$port

TODAY=2026-11-26
DB=${ACCORD_TEST_DB:-$T/demo.db}
DB2=${ACCORD_TEST_DB2:-$T/demo2.db}
for d in "$DB" "$DB2"; do
	"$BIN" init --db "$d" >/dev/null 2>&1 && ACCORD_TODAY=$TODAY "$BIN" demo --db "$d" >/dev/null 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 0 ]; then ok; else bad "init and demo on $d"; fi
done

# What the demo's inboxes hold on 2026-11-26 (as GET /api/v1/inbox answers; tests/api/inbox_cases.c):
#   Tom Okafor, Northwind's contract manager: an invitation to Lumen's client day, two reviews to
#   hold (Card disputes' overdue one, Core banking's of 2026-12-08), Card disputes' minutes, and
#   his own open actions due by 2026-12-03, and, from the demo's delivery story (docs/delivery.md,
#   "The demo"), Northwind's overdue obligation on Card disputes and Card disputes' renewal;
#   Mia Chen, a Northwind member, and the platform admin: nothing.
TOM_ACTIONS=$(q "$DB" "select count(*) from actions a join users u on u.id = a.owner_id where u.email = 'tom.okafor@northwind.example' and a.status = 'open' and a.due_on <= '2026-12-03'")
# (and any practice revision awaiting Northwind's approval: the demo has one on PostgreSQL, none on SQLite)
TOM_APPROVALS=$(q "$DB" "select count(*) from practice_approvals a join users u on u.org_id = a.buyer_org_id where u.email = 'tom.okafor@northwind.example' and a.status = 'requested'")
# the conversations' and the bids' kinds: answers to read (issues the provider spoke last on, problem responses not judged) and bids to open
TOM_READ=$(q "$DB" "select (select count(*) from strategic_issues i join engagements e on e.id = i.engagement_id join users u on u.org_id = e.buyer_org_id where u.email = 'tom.okafor@northwind.example' and i.status = 'open' and i.last_post_side = 'provider') + (select count(*) from problem_responses x join problems p on p.id = x.problem_id join users u on u.org_id = p.buyer_org_id where u.email = 'tom.okafor@northwind.example' and x.status = 'submitted')")
TOM_BIDS=$(q "$DB" "select count(*) from roadmap_items it join users u on u.org_id = it.buyer_org_id where u.email = 'tom.okafor@northwind.example' and it.status = 'open' and it.bid_deadline < '$TODAY' and exists (select 1 from bids b where b.item_id = it.id and b.status <> 'withdrawn')")
TOM=$((6 + TOM_ACTIONS + TOM_APPROVALS + TOM_READ + TOM_BIDS))

# --- --dry-run lists the digests due and sends and records nothing
remind "$TODAY" --db "$DB" --smtp "$SMTP" --dry-run
DUE=$(grep -c '^due digest ' "$T/out")
if [ "$rc" -eq 0 ] && [ "$DUE" -ge 4 ] && grep -q "^due digest user [0-9]* to tom.okafor@northwind.example: $TOM new items$" "$T/out" &&
	! grep -q '^due digest .* to mia.chen@' "$T/out" && ! grep -q '^due digest .* to admin@' "$T/out"; then ok; else bad "--dry-run lists a digest for Tom ($TOM items), none for Mia or the admin"; fi
if [ "$(mails)" = 0 ] && [ "$(q "$DB" "select count(*) from inbox_digests")" = 0 ] && [ "$(q "$DB" "select count(*) from inbox_digest_items")" = 0 ]; then ok; else bad "--dry-run sends and records nothing"; fi

# --- a deactivated person gets no digest (their account is closed): Tom, deactivated in a copy of the database
if [ "${DB#postgres}" = "$DB" ]; then
	cp "$DB" "$T/deactivated.db"
	TOM_ID=$(q "$DB" "select id from users where email = 'tom.okafor@northwind.example'")
	"$BIN" user deactivate --db "$T/deactivated.db" --user "$TOM_ID" >/dev/null 2>&1
	remind "$TODAY" --db "$T/deactivated.db" --smtp "$SMTP" --dry-run
	if [ "$rc" -eq 0 ] && ! grep -q '^due digest .* to tom.okafor@' "$T/out" && [ "$(grep -c '^due digest ' "$T/out")" = $((DUE - 1)) ]; then ok; else bad "a deactivated person is listed for no digest ($(grep -c '^due digest ' "$T/out") of $DUE)"; fi
fi

# --- an SMTP server that cannot be reached: every digest claim and its items released
closed=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
remind "$TODAY" --db "$DB" --smtp "smtp://127.0.0.1:$closed"
if [ "$rc" -eq 1 ] && grep -q '^failed digest ' "$T/out" && [ "$(q "$DB" "select count(*) from inbox_digests")" = 0 ] &&
	[ "$(q "$DB" "select count(*) from inbox_digest_items")" = 0 ]; then ok; else bad "digests that could not be sent are released with their items"; fi

# --- the real run: one digest to each person with items, listing them with their links
remind "$TODAY" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ "$(grep -c '^sent digest ' "$T/out")" = "$DUE" ] && [ "$(digests | wc -l | tr -d ' ')" = "$DUE" ]; then ok; else bad "remind sends the $DUE digests due"; fi
tom=$(digest_to tom.okafor@northwind.example)
case $tom in
*"Your accord inbox: $TOM new items"*"Hello Tom Okafor"*"Summit invitations to answer"*"Lumen client day"*"Reviews to prepare and hold"*"overdue by"*"http://accord.test/reviews/"*"Minutes to write"*"http://accord.test/inbox"*) ok ;;
*) bad "Tom's digest greets him and lists his items under their headings, with due dates in words and links: $tom" ;;
esac
if [ -z "$(digest_to mia.chen@northwind.example)" ] && [ -z "$(digest_to admin@accord.example)" ]; then ok; else bad "nobody with an empty inbox gets a digest"; fi
if [ "$(q "$DB" "select count(*) from inbox_digests where state = 'sent' and digest_on = '$TODAY'")" = "$DUE" ] &&
	[ "$(q "$DB" "select count(*) from inbox_digest_items i join users u on u.id = i.user_id where u.email = 'tom.okafor@northwind.example'")" = "$TOM" ]; then ok; else bad "each digest and each item it listed is recorded"; fi

# --- at most once a day: a second run sends no digest
before=$(mails)
remind "$TODAY" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ -z "$(digests "$before")" ]; then ok; else bad "a second run the same day sends no digest"; fi

# --- a later day: only what is new, each item once. On 2026-12-02 Card disputes' review of
# 2027-01-01 comes within the 30 days of review_to_hold; everything else Tom had was listed on 2026-11-26.
LATER=2026-12-02
NEW=$((1 + $(q "$DB" "select count(*) from actions a join users u on u.id = a.owner_id where u.email = 'tom.okafor@northwind.example' and a.status = 'open' and a.due_on > '2026-12-03' and a.due_on <= '2026-12-09'")))
before=$(mails)
remind "$LATER" --db "$DB" --smtp "$SMTP"
tom=$(digest_to tom.okafor@northwind.example "$before")
case $tom in
*"Your accord inbox: $NEW new item"*"Reviews to prepare and hold"*"Card dispute back-office"*"due on 2027-01-01"*) ok ;;
*) bad "on $LATER Tom's digest lists the review that came due ($NEW new): $tom" ;;
esac
case $tom in
*"Minutes to write"* | *"Lumen client day"* | *"overdue by"*) bad "a later digest lists nothing an earlier one did: $tom" ;;
*) ok ;;
esac
if [ -z "$(digest_to mia.chen@northwind.example "$before")" ]; then ok; else bad "on $LATER, still nothing for Mia"; fi
before=$(mails)
remind "$LATER" --db "$DB" --smtp "$SMTP"
if [ "$rc" -eq 0 ] && [ -z "$(digests "$before")" ]; then ok; else bad "a second run on $LATER sends no digest"; fi

# --- two runs at once still send each person's digest once
remind "$TODAY" --db "$DB2" --smtp "$SMTP" --dry-run
DUE2=$(grep -c '^due digest ' "$T/out")
before=$(mails)
ACCORD_TODAY=$TODAY "$BIN" remind --db "$DB2" --smtp "$SMTP" </dev/null >"$T/out.a" 2>"$T/err.a" &
a=$!
ACCORD_TODAY=$TODAY "$BIN" remind --db "$DB2" --smtp "$SMTP" </dev/null >"$T/out.b" 2>"$T/err.b" &
b=$!
wait "$a"
rc_a=$?
wait "$b"
rc=$?
n=$(digests "$before" | wc -l | tr -d ' ')
people=$(digests "$before" | cut -f1 | sort -u | wc -l | tr -d ' ')
if [ "$rc_a" -eq 0 ] && [ "$rc" -eq 0 ] && [ "$DUE2" -ge 4 ] && [ "$n" = "$DUE2" ] && [ "$people" = "$DUE2" ]; then ok; else bad "two runs at once send each of the $DUE2 digests once ($n sent, to $people people)"; fi

echo "digest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
