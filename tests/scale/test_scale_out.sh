#!/bin/bash
# test_scale_out: two "accord serve" processes on one PostgreSQL database — shared sessions and log-in throttling, racing awards with one winner, "accord remind" twice at once, and nginx in front of both.
# Usage: tests/scale/test_scale_out.sh PATH_TO_ACCORD_BINARY   (starts its own PostgreSQL cluster, SMTP sink and nginx on 127.0.0.1)
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
NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)

early_fail() {
	echo "test_scale_out: $1" >&2
	echo "scale-out: 0 passed, 1 failed"
	exit 1
}
for need in node curl psql; do
	command -v "$need" >/dev/null 2>&1 || early_fail "the $need command is needed"
done
[ -x "$NGINX" ] || early_fail "nginx is needed (Debian's nginx-light: scripts/setup)"
[ -x "$BIN" ] || early_fail "$BIN is not an executable"
[ -d tests/mail/node_modules/smtp-server ] || early_fail "tests/mail has no node_modules (run make setup)"

T=$(mktemp -d) || exit 1
PG=$(mktemp -d) || exit 1 # the cluster's data directory itself (as root cluster.sh needs the mktemp -d folder)
pid_a=""
pid_b=""
sink_pid=""
nginx_pid=""
race_pids=""

# stop PID: SIGTERM, up to 5 s to go, then SIGKILL; reaps it.
stop() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	i=0
	while [ $i -lt 50 ] && kill -0 "$1" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}
cleanup() {
	for p in $race_pids; do
		kill "$p" 2>/dev/null
	done
	if [ -n "$nginx_pid" ]; then
		workers=$(pgrep -P "$nginx_pid" 2>/dev/null)
		stop "$nginx_pid"
		for p in $workers; do
			kill -KILL "$p" 2>/dev/null
		done
	fi
	stop "$pid_a"
	stop "$pid_b"
	stop "$sink_pid"
	tests/pg/cluster.sh stop "$PG" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
unset ACCORD_DB ACCORD_TODAY ACCORD_SMTP ACCORD_MAIL_FROM ACCORD_PUBLIC_URL ACCORD_COOKIE_SECURE ACCORD_TRUSTED_PROXY

passed=0
failed=0
code=""
last=$T/none
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL $1 (last status ${code:-none}; body: $(head -c 300 "$last" 2>/dev/null | tr '\n' '|'))"
}
finish() {
	echo "scale-out: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

# http NAME METHOD URL [TOKEN [BODY]]: one request, 10 s at most; the answer's body goes to $T/NAME (also $last),
# its status to $code (000: no answer). A BODY of @FILE sends that file.
http() {
	local name=$1 method=$2 url=$3 token=${4:-} body=${5:-}
	local args=(-sS -o "$T/$name" -w '%{http_code}' --max-time 10 -X "$method")
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
	last=$T/$name
	code=$(curl "${args[@]}" "$url" 2>"$T/curl.err")
	[ -n "$code" ] || code=000
}
# jv FILE EXPR: the value of the JavaScript expression EXPR over the JSON in FILE (as d); nothing when null or unreadable.
jv() {
	node -e '
const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const v = new Function("d", "return (" + process.argv[2] + ");")(d);
if (v !== undefined && v !== null) console.log(typeof v === "object" ? JSON.stringify(v) : String(v));' "$1" "$2" 2>/dev/null
}
q() { psql "$DB" -AtqX -c "$1" 2>/dev/null || echo "error"; }

# A free loopback port: bound, read and released; never one handed out before in this run.
used_ports=" "
free_port() {
	local p i=0
	while [ $i -lt 20 ]; do
		p=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
		case $used_ports in
		*" $p "*) ;;
		*)
			used_ports="$used_ports$p "
			echo "$p"
			return 0
			;;
		esac
		i=$((i + 1))
	done
	return 1
}

# serve NAME PORT DAY: starts accord serve as of DAY on 127.0.0.1:PORT (log in $T/NAME.log); sets pid_NAME.
# As behind any proxy, nginx (on 127.0.0.1) is trusted to name the client in X-Forwarded-For.
serve() {
	ACCORD_PUBLIC_URL=${PUBLIC_URL:-} ACCORD_TRUSTED_PROXY=127.0.0.1 ACCORD_TODAY=$3 "$BIN" serve --db "$DB" --listen "127.0.0.1:$2" </dev/null >>"$T/$1.log" 2>&1 &
	eval "pid_$1=$!"
}
# healthy PORT PID: whether GET /healthz on PORT answers 200 within 10 s while PID runs.
healthy() {
	local i=0
	while [ $i -lt 100 ]; do
		kill -0 "$2" 2>/dev/null || return 1
		http health GET "http://127.0.0.1:$1/healthz"
		[ "$code" = 200 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# login BASE EMAIL PASSWORD: POST /api/v1/login; prints the token (nothing on failure).
login() {
	http login POST "$1/api/v1/login" "" "{\"email\":\"$2\",\"password\":\"$3\"}"
	[ "$code" = 200 ] && jv "$T/login" 'd.token'
}
# web_login BASE EMAIL PASSWORD: GET /login for the pre-session cookie and the form's csrf, then POST the
# form; sets code (the POST's status), web_location and web_cookie (the accord_session value).
web_login() {
	local pre csrf
	curl -sS --max-time 10 -D "$T/web.h1" -o "$T/web.b1" "$1/login" 2>"$T/curl.err"
	pre=$(sed -n 's/^[Ss]et-[Cc]ookie: accord_pre=\([^;]*\);.*/\1/p' "$T/web.h1" | head -1)
	csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/web.b1" | head -1)
	last=$T/web.b2
	code=$(curl -sS --max-time 10 -D "$T/web.h2" -o "$T/web.b2" -w '%{http_code}' -H "Cookie: accord_pre=$pre" \
		--data-urlencode "csrf=$csrf" --data-urlencode "email=$2" --data-urlencode "password=$3" "$1/login" 2>"$T/curl.err")
	web_location=$(sed -n 's/^[Ll]ocation: \([^[:space:]]*\).*/\1/p' "$T/web.h2" | head -1)
	web_cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: accord_session=\([^;]*\);.*/\1/p' "$T/web.h2" | head -1)
}
# page NAME BASE PATH COOKIE: GET a page with the session cookie, redirects not followed; sets code and location.
page() {
	last=$T/$1
	code=$(curl -sS --max-time 10 -D "$T/$1.h" -o "$T/$1" -w '%{http_code}' -H "Cookie: accord_session=$4" "$2$3" 2>"$T/curl.err")
	location=$(sed -n 's/^[Ll]ocation: \([^[:space:]]*\).*/\1/p' "$T/$1.h" | head -1)
}

# --- a PostgreSQL cluster with the demo as of 2026-11-26
TODAY=2026-11-26
if ! tests/pg/cluster.sh start "$PG" >/dev/null 2>"$T/pg.err"; then
	cat "$T/pg.err"
	failed=$((failed + 1))
	finish
fi
DB=$(tests/pg/cluster.sh createdb "$PG" scale 2>"$T/pg.err")
if [ -n "$DB" ]; then ok; else bad "a database is created in the cluster ($(cat "$T/pg.err"))"; finish; fi
if "$BIN" init --db "$DB" >/dev/null 2>"$T/err" && ACCORD_TODAY=$TODAY "$BIN" demo --db "$DB" >"$T/logins" 2>>"$T/err"; then ok; else bad "init and demo on PostgreSQL ($(cat "$T/err"))"; finish; fi
# pw EMAIL: the demo's password for EMAIL (log-ins are ROLE EMAIL PASSWORD).
pw() { awk -v e="$1" '$2 == e { print $3 }' "$T/logins"; }
TOM=tom.okafor@northwind.example
RAJ=raj.iyer@northwind.example
ANIL=anil.mehta@kestrel.example
OMAR=omar.haddad@kestrel.example
if grep -q "^contract_manager $TOM [^ ][^ ]*\$" "$T/logins" && [ -n "$(pw "$RAJ")" ] && [ -n "$(pw "$ANIL")" ] && [ -n "$(pw "$OMAR")" ]; then ok; else bad "the demo prints the log-ins of Northwind's contract manager and unit CIO and of Kestrel's people"; fi
# The demo prints one provider's log-ins (Kestrel's); a second bidder at Harbor BPO gets a known password.
HARBOR_ORG=$(q "select id from orgs where name = 'Harbor BPO'")
HARBOR=racer@harbor.example
HARBOR_PW=tidewater-$$-pass
if printf '%s\n' "$HARBOR_PW" | "$BIN" user add --db "$DB" --org "$HARBOR_ORG" --email "$HARBOR" --name "Race Bidder" --role provider_leadership --password-stdin >/dev/null 2>"$T/err"; then ok; else bad "a Harbor BPO bidder is added ($(cat "$T/err"))"; fi

# --- two servers on the one database, as of the demo's day
PORT_A=$(free_port)
PORT_B=$(free_port)
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
serve a "$PORT_A" "$TODAY"
serve b "$PORT_B" "$TODAY"
if healthy "$PORT_A" "$pid_a" && healthy "$PORT_B" "$pid_b"; then ok; else bad "both servers answer /healthz (a: $(tail -c 200 "$T/a.log"); b: $(tail -c 200 "$T/b.log"))"; finish; fi

# --- a log-in through A is valid on B; a log-out through B ends it on A
tok=$(login "$A" "$TOM" "$(pw "$TOM")")
if [ -n "$tok" ]; then ok; else bad "the contract manager logs in through A"; fi
http me GET "$B/api/v1/me" "$tok"
if [ "$code" = 200 ] && [ "$(jv "$T/me" 'd.email')" = "$TOM" ]; then ok; else bad "A's session token is valid on B: GET /api/v1/me answers the contract manager"; fi
http me GET "$A/api/v1/me" "$tok"
if [ "$code" = 200 ] && [ "$(jv "$T/me" 'd.email')" = "$TOM" ]; then ok; else bad "the token is valid on A too"; fi
http logout POST "$B/api/v1/logout" "$tok"
if [ "$code" = 200 ]; then ok; else bad "the log-out through B answers 200"; fi
http me GET "$A/api/v1/me" "$tok"
if [ "$code" = 401 ]; then ok; else bad "after the log-out through B the token is refused on A (401)"; fi
http me GET "$B/api/v1/me" "$tok"
if [ "$code" = 401 ]; then ok; else bad "after the log-out through B the token is refused on B (401)"; fi

# --- a web session from A's sign-in form works on B; signing out on B ends it on A
web_login "$A" "$TOM" "$(pw "$TOM")"
if [ "${code#30}" != "$code" ] && [ "$web_location" = /inbox ] && [ -n "$web_cookie" ]; then ok; else bad "the sign-in form on A redirects to the inbox and sets accord_session (location '$web_location')"; fi
page home "$B" / "$web_cookie"
if [ "$code" = 200 ] && grep -q '<span>Tom Okafor</span>' "$T/home"; then ok; else bad "A's session cookie opens / on B (200 with the contract manager's name, not a redirect to /login: '$location')"; fi
page login_again "$B" /login "$web_cookie"
if [ "${code#30}" != "$code" ] && [ "$location" = /inbox ]; then ok; else bad "B sends a signed-in cookie from A on from /login to the inbox"; fi
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/home" | head -1)
last=$T/logout.b
code=$(curl -sS --max-time 10 -D "$T/logout.h" -o "$T/logout.b" -w '%{http_code}' -H "Cookie: accord_session=$web_cookie" --data-urlencode "csrf=$csrf" "$B/logout" 2>"$T/curl.err")
if [ "${code#30}" != "$code" ] && grep -qi '^location: /login' "$T/logout.h"; then ok; else bad "signing out through B's form redirects to /login"; fi
page home_after "$A" / "$web_cookie"
if [ "${code#30}" != "$code" ] && [ "$location" = /login ]; then ok; else bad "after signing out on B, the cookie on A is sent to /login ($code '$location')"; fi

# --- failed log-ins count across servers: 3 through A and 2 through B use up the 5 free ones
fails=0
for base in "$A" "$A" "$A" "$B" "$B"; do
	http login POST "$base/api/v1/login" "" "{\"email\":\"$OMAR\",\"password\":\"not-the-password\"}"
	[ "$code" = 401 ] && fails=$((fails + 1))
done
if [ "$fails" = 5 ]; then ok; else bad "five wrong passwords through A and B answer 401 ($fails did)"; fi
last=$T/throttled
code=$(curl -sS --max-time 10 -D "$T/throttled.h" -o "$T/throttled" -w '%{http_code}' -X POST --data-binary "{\"email\":\"$OMAR\",\"password\":\"$(pw "$OMAR")\"}" "$A/api/v1/login" 2>"$T/curl.err")
if [ "$code" = 429 ] && grep -qi '^retry-after: [0-9]' "$T/throttled.h"; then ok; else bad "the sixth attempt, right password through A, is throttled (429 with Retry-After)"; fi

# --- items to race: the demo's "Branch network modernisation" (two sealed bids, deadline today + 14 days)
# and five more made through the API, each with a bid from Kestrel (through A) and from Harbor (through B).
raj=$(login "$A" "$RAJ" "$(pw "$RAJ")")
anil=$(login "$A" "$ANIL" "$(pw "$ANIL")")
harbor=$(login "$B" "$HARBOR" "$HARBOR_PW")
if [ -n "$raj" ] && [ -n "$anil" ] && [ -n "$harbor" ]; then ok; else bad "the unit CIO, Kestrel's leadership and the Harbor bidder log in"; fi
http roadmaps GET "$B/api/v1/roadmaps" "$raj"
roadmap=$(jv "$T/roadmaps" 'd.items.find((r) => r.title === "Retail banking: digital first").id')
http roadmap GET "$A/api/v1/roadmaps/$roadmap" "$raj"
branch=$(jv "$T/roadmap" 'd.items.find((i) => i.title === "Branch network modernisation" && i.status === "open" && i.bids === null).id')
# The buyer reads no bid count while the bids are sealed; the database holds the demo's two.
[ -n "$branch" ] && [ "$(q "select count(*) from bids where item_id = $branch")" = 2 ] || branch=""
branch_deadline=$(jv "$T/roadmap" 'd.items.find((i) => i.title === "Branch network modernisation").bid_deadline')
if [ -n "$roadmap" ] && [ -n "$branch" ] && [ "$branch_deadline" = 2026-12-10 ]; then ok; else bad "the demo's roadmap has Branch network modernisation open with two bids, deadline 2026-12-10 ($branch_deadline)"; fi
items="$branch"
made=0
bids=0
for n in 1 2 3 4 5; do
	if [ $((n % 2)) = 1 ]; then base=$A; else base=$B; fi
	http item POST "$base/api/v1/roadmaps/$roadmap/items" "$raj" \
		"{\"title\":\"Race item $n\",\"budget\":10000,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\",\"open_for_bids\":true,\"bid_deadline\":\"2026-11-30\"}"
	id=$(jv "$T/item" 'd.id')
	[ "$code" = 201 ] && [ -n "$id" ] || continue
	made=$((made + 1))
	items="$items $id"
	http bid POST "$A/api/v1/roadmap-items/$id/bids" "$anil" "{\"amount\":$((9000 + n)),\"proposal\":\"Kestrel, race $n\"}"
	[ "$code" = 201 ] && bids=$((bids + 1))
	http bid POST "$B/api/v1/roadmap-items/$id/bids" "$harbor" "{\"amount\":$((8000 + n)),\"proposal\":\"Harbor, race $n\"}"
	[ "$code" = 201 ] && bids=$((bids + 1))
done
if [ "$made" = 5 ] && [ "$bids" = 10 ]; then ok; else bad "five items open for bids are made through A and B, each with two bids ($made items, $bids bids)"; fi
cm=$(login "$B" "$TOM" "$(pw "$TOM")")
http sealed GET "$A/api/v1/roadmap-items/$branch/bids" "$cm"
if [ "$code" = 409 ] && [ "$(jv "$T/sealed" 'd.error.code')" = sealed ]; then ok; else bad "before the deadline the bids are sealed to the buyer (409 sealed)"; fi

# --- both servers again (on other ports), fifteen days on: every deadline has passed
stop "$pid_a"
stop "$pid_b"
pid_a=""
pid_b=""
LATER=2026-12-11
# These two servers go behind nginx below: their links name nginx's address (ACCORD_PUBLIC_URL), never a Host header.
PORT_N=$(free_port)
PUBLIC_URL=http://127.0.0.1:$PORT_N
PORT_A=$(free_port)
PORT_B=$(free_port)
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
serve a "$PORT_A" "$LATER"
serve b "$PORT_B" "$LATER"
if healthy "$PORT_A" "$pid_a" && healthy "$PORT_B" "$pid_b"; then ok; else bad "both servers answer /healthz again as of $LATER (a: $(tail -c 200 "$T/a.log"); b: $(tail -c 200 "$T/b.log"))"; finish; fi
http me GET "$A/api/v1/me" "$cm"
if [ "$code" = 200 ] && [ "$(jv "$T/me" 'd.email')" = "$TOM" ]; then ok; else bad "a session made before both servers restarted is still valid (sessions live in the database)"; fi

# --- the races: two different bids awarded at the same moment, one through A and one through B
races=0
for item in $items; do
	races=$((races + 1))
	http bids GET "$B/api/v1/roadmap-items/$item/bids" "$cm"
	b1=$(jv "$T/bids" 'd.items.length === 2 && d.items.every((b) => b.status === "submitted") ? d.items[0].id : null')
	b2=$(jv "$T/bids" 'd.items.length === 2 ? d.items[1].id : null')
	if [ "$code" = 200 ] && [ -n "$b1" ] && [ -n "$b2" ]; then ok; else bad "item $item has two submitted bids for the buyer to see after the deadline"; continue; fi
	# Alternate which server gets which bid.
	if [ $((races % 2)) = 1 ]; then first=$A second=$B; else first=$B second=$A; fi
	rm -f "$T"/race.*
	curl -sS -o "$T/race.1.body" -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $cm" \
		--data-binary "{\"bid_id\":$b1,\"rationale\":\"Race\"}" "$first/api/v1/roadmap-items/$item/award" >"$T/race.1.code" 2>/dev/null &
	p1=$!
	curl -sS -o "$T/race.2.body" -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $cm" \
		--data-binary "{\"bid_id\":$b2,\"rationale\":\"Race\"}" "$second/api/v1/roadmap-items/$item/award" >"$T/race.2.code" 2>/dev/null &
	p2=$!
	race_pids="$p1 $p2"
	wait "$p1" "$p2"
	race_pids=""
	c1=$(cat "$T/race.1.code" 2>/dev/null)
	c2=$(cat "$T/race.2.code" 2>/dev/null)
	winners=0
	winner=""
	case $c1 in 2??) winners=$((winners + 1)) winner=$b1 ;; esac
	case $c2 in 2??) winners=$((winners + 1)) winner=$b2 ;; esac
	code="$c1/$c2"
	last=$T/race.2.body
	if [ "$winners" = 1 ]; then ok; else bad "race $races (item $item): exactly one of the two awards succeeds (answers $c1 and $c2)"; continue; fi
	loser_body=$T/race.2.body
	[ "$winner" = "$b2" ] && loser_body=$T/race.1.body
	if [ "$(jv "$loser_body" 'd.error.code')" = conflict ] && { [ "$c1" = 409 ] || [ "$c2" = 409 ]; }; then ok; else bad "race $races: the other award answers 409 conflict ($(head -c 200 "$loser_body"))"; fi
	http item GET "$A/api/v1/roadmap-items/$item" "$cm"
	if [ "$code" = 200 ] && [ "$(jv "$T/item" 'd.status')" = awarded ] && [ "$(jv "$T/item" 'd.awarded_bid_id')" = "$winner" ]; then ok; else bad "race $races: the item is awarded to the winning bid $winner"; fi
	http bids GET "$B/api/v1/roadmap-items/$item/bids" "$cm"
	if [ "$(jv "$T/bids" 'd.items.filter((b) => b.status === "won").map((b) => b.id).join(",")')" = "$winner" ] &&
		[ "$(jv "$T/bids" 'd.items.filter((b) => b.status === "lost").length')" = 1 ]; then ok; else bad "race $races: one bid won (the winner), the other lost"; fi
	if [ "$(q "select count(*) from bids where item_id = $item and status = 'won'")" = 1 ] &&
		[ "$(q "select awarded_bid_id from roadmap_items where id = $item")" = "$winner" ]; then ok; else bad "race $races: the database holds one won bid and the item's award"; fi
done
if [ "$races" -ge 6 ]; then ok; else bad "six races were run ($races)"; fi
http again POST "$B/api/v1/roadmap-items/$branch/award" "$cm" "{\"bid_id\":$(q "select id from bids where item_id = $branch and status = 'lost'"),\"rationale\":\"Again\"}"
if [ "$code" = 409 ]; then ok; else bad "a later award of the losing bid is refused (409)"; fi

# --- accord remind twice at once sends each reminder once
MAIL=$T/mail
node "$SINK" "$MAIL" >"$T/sink.out" 2>"$T/sink.err" &
sink_pid=$!
sink_port=""
i=0
while [ $i -lt 100 ]; do
	sink_port=$(sed -n 's/^PORT \([0-9][0-9]*\)$/\1/p' "$T/sink.out" | head -1)
	[ -n "$sink_port" ] && break
	kill -0 "$sink_pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ -n "$sink_port" ]; then ok; else bad "the SMTP sink starts ($(cat "$T/sink.err"))"; finish; fi
SMTP=smtp://127.0.0.1:$sink_port
ACCORD_TODAY=$TODAY "$BIN" remind --no-digest --db "$DB" --smtp "$SMTP" --dry-run </dev/null >"$T/dry" 2>"$T/err"
due=$(grep -c '^due ' "$T/dry")
if [ "$due" -ge 10 ] && [ "$(tail -n 1 "$T/dry")" = "$due reminders due" ]; then ok; else bad "--dry-run lists the reminders due on $TODAY ($due)"; fi
# "KIND ID EMAIL" of each reminder due, and "EMAIL<TAB>SUBJECT" of each message it will send.
sed -n 's/^due \([a-z_0-9:-]*\) [a-z]* \([0-9]*\) to \([^ :]*\): .*$/\1 \2 \3/p' "$T/dry" | LC_ALL=C sort >"$T/want.keys"
sed -n 's/^due [a-z_0-9:-]* [a-z]* [0-9]* to \([^ :]*\): \(.*\)$/\1\t\2/p' "$T/dry" | LC_ALL=C sort >"$T/want.mails"
if [ "$(wc -l <"$T/want.keys")" = "$due" ] && [ -z "$(uniq -d "$T/want.keys")" ]; then ok; else bad "the reminders due are distinct by kind, subject and recipient"; fi
ACCORD_TODAY=$TODAY "$BIN" remind --no-digest --db "$DB" --smtp "$SMTP" </dev/null >"$T/out.1" 2>"$T/err.1" &
r1=$!
ACCORD_TODAY=$TODAY "$BIN" remind --no-digest --db "$DB" --smtp "$SMTP" </dev/null >"$T/out.2" 2>"$T/err.2" &
r2=$!
race_pids="$r1 $r2"
i=0
while [ $i -lt 600 ] && { kill -0 "$r1" 2>/dev/null || kill -0 "$r2" 2>/dev/null; }; do
	sleep 0.1
	i=$((i + 1))
done
race_pids=""
wait "$r1"
rc1=$?
wait "$r2"
rc2=$?
s1=$(tail -n 1 "$T/out.1" | sed -n 's/^\([0-9]*\) sent, 0 failed$/\1/p')
s2=$(tail -n 1 "$T/out.2" | sed -n 's/^\([0-9]*\) sent, 0 failed$/\1/p')
code="$rc1/$rc2"
last=$T/err.1
if [ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ -n "$s1" ] && [ -n "$s2" ] && [ $((s1 + s2)) = "$due" ]; then ok; else bad "two remind runs at once share the $due reminders (1: $(tail -n 1 "$T/out.1"); 2: $(tail -n 1 "$T/out.2"))"; fi
delivered=0
[ -f "$MAIL/messages.jsonl" ] && delivered=$(wc -l <"$MAIL/messages.jsonl" | tr -d ' ')
sent_rows=$(q "select count(*) from reminders where state = 'sent'")
if [ "$delivered" = "$due" ] && [ "$sent_rows" = "$due" ] && [ "$(q "select count(*) from reminders")" = "$due" ]; then ok; else bad "$due messages delivered and $due rows sent (delivered $delivered, rows $sent_rows)"; fi
q "select r.kind || ' ' || r.subject_id || ' ' || u.email from reminders r join users u on u.id = r.user_id" | LC_ALL=C sort >"$T/got.keys"
if cmp -s "$T/got.keys" "$T/want.keys"; then ok; else bad "the reminders table holds exactly the reminders due: $(diff "$T/want.keys" "$T/got.keys" | head -5 | tr '\n' '|')"; fi
if [ -f "$MAIL/messages.jsonl" ]; then
	node -e '
for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean)) {
	const m = JSON.parse(l);
	console.log(m.to.join(",") + "\t" + m.subject);
}' "$MAIL/messages.jsonl" | LC_ALL=C sort >"$T/got.mails"
else
	: >"$T/got.mails"
fi
# Equal multisets: no message twice beyond what was due (one person may have two actions of the same title).
if cmp -s "$T/got.mails" "$T/want.mails"; then ok; else bad "each reminder was delivered once, to its recipient, with its subject: $(diff "$T/want.mails" "$T/got.mails" | head -5 | tr '\n\t' '| ')"; fi
ACCORD_TODAY=$TODAY "$BIN" remind --no-digest --db "$DB" --smtp "$SMTP" </dev/null >"$T/out.3" 2>"$T/err.3"
if [ "$(tail -n 1 "$T/out.3")" = "0 sent, 0 failed" ] && [ "$(wc -l <"$MAIL/messages.jsonl" | tr -d ' ')" = "$due" ]; then ok; else bad "a third run sends nothing"; fi
stop "$sink_pid"
sink_pid=""

# --- nginx in front of both servers (PORT_N chosen when they started)
N=http://127.0.0.1:$PORT_N
NG=$T/nginx
mkdir -p "$NG/client_body" "$NG/proxy" "$NG/fastcgi" "$NG/uwsgi" "$NG/scgi"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;" # else workers would switch to www-data, who cannot read $T
cat >"$NG/nginx.conf" <<EOF
# A loopback nginx for test_scale_out: round robin over two accord servers.
$user_line
worker_processes 1;
pid $NG/nginx.pid;
error_log $NG/error.log warn;
events {
	worker_connections 256;
}
http {
	log_format upstream '\$status \$upstream_addr "\$request"';
	access_log $NG/access.log upstream;
	client_body_temp_path $NG/client_body;
	proxy_temp_path $NG/proxy;
	fastcgi_temp_path $NG/fastcgi;
	uwsgi_temp_path $NG/uwsgi;
	scgi_temp_path $NG/scgi;
	# accord's largest route body limit (a review's form with its minutes) is 600 KB.
	client_max_body_size 600k;
	upstream accord {
		server 127.0.0.1:$PORT_A;
		server 127.0.0.1:$PORT_B;
		keepalive 8;
		# Below accord's 30 s idle timeout, so nginx never reuses a connection accord is closing.
		keepalive_timeout 20s;
	}
	server {
		listen 127.0.0.1:$PORT_N;
		location / {
			proxy_pass http://accord;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			# \$http_host keeps the port: accord builds absolute links (the calendar feed) from Host.
			proxy_set_header Host \$http_host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto \$scheme;
		}
	}
}
EOF
if "$NGINX" -t -q -c "$NG/nginx.conf" -p "$NG" >"$T/nginx.t" 2>&1; then ok; else bad "nginx accepts the test's configuration: $(head -c 400 "$T/nginx.t" | tr '\n' '|')"; finish; fi
"$NGINX" -c "$NG/nginx.conf" -p "$NG" -g 'daemon off;' </dev/null >"$T/nginx.out" 2>&1 &
nginx_pid=$!
if healthy "$PORT_N" "$nginx_pid"; then ok; else bad "GET /healthz answers through nginx ($(cat "$T/nginx.out" "$NG/error.log" 2>/dev/null | head -c 300))"; finish; fi

ntok=$(login "$N" "$TOM" "$(pw "$TOM")")
if [ -n "$ntok" ]; then ok; else bad "the contract manager logs in through nginx"; fi
: >"$NG/access.log"
good=0
for n in $(seq 1 20); do
	http me GET "$N/api/v1/me" "$ntok"
	[ "$code" = 200 ] && grep -qF "\"email\":\"$TOM\"" "$T/me" && good=$((good + 1))
	http engs GET "$N/api/v1/engagements" "$ntok"
	[ "$code" = 200 ] && grep -q '^{"items":\[{"id":' "$T/engs" && good=$((good + 1))
done
if [ "$good" = 40 ]; then ok; else bad "40 GETs of /api/v1/me and /api/v1/engagements through nginx answer 200 ($good did)"; fi
on_a=$(grep -c " 127.0.0.1:$PORT_A \"GET /api/v1/" "$NG/access.log")
on_b=$(grep -c " 127.0.0.1:$PORT_B \"GET /api/v1/" "$NG/access.log")
if [ "$on_a" -ge 5 ] && [ "$on_b" -ge 5 ] && [ $((on_a + on_b)) = 40 ]; then ok; else bad "nginx spread the 40 GETs over both servers (A $on_a, B $on_b)"; fi
if jv "$T/me" 'd.calendar_url' | grep -q "^$N/calendar/[A-Za-z0-9_-]*\.ics\$"; then ok; else bad "the calendar URL answered through nginx names nginx's address ($(jv "$T/me" 'd.calendar_url'))"; fi

# A write through nginx, read back through nginx (from both servers).
http me GET "$N/api/v1/me" "$ntok"
org=$(jv "$T/me" 'd.org.id')
terms='{"terms":["Project Bluebird","Scale-out '"$$"'"]}'
http terms PUT "$N/api/v1/orgs/$org/confidential-terms" "$ntok" "$terms"
if [ "$code" = 200 ]; then ok; else bad "the contract manager replaces the confidential terms through nginx"; fi
seen=0
for n in 1 2 3 4; do
	http terms GET "$N/api/v1/orgs/$org/confidential-terms" "$ntok"
	[ "$code" = 200 ] && [ "$(jv "$T/terms" 'd.terms.join("|")')" = "Project Bluebird|Scale-out $$" ] && seen=$((seen + 1))
done
if [ "$seen" = 4 ]; then ok; else bad "the new terms read back through nginx, four times ($seen)"; fi
# A large body passes through: 500 terms (about 62 KB, more than nginx holds in memory, so it is buffered in
# client_body_temp_path); over 600 KB nginx refuses it itself. (No body over an accord route's own limit is sent
# through nginx here: accord answers 413 before reading such a body and closes, and nginx, cut off mid-send,
# may count the server as failed.)
node -e 'console.log(JSON.stringify({terms: Array.from({length: 500}, (_, i) => "Term " + String(i).padStart(3, "0") + " " + "x".repeat(110))}))' >"$T/big.json"
http big PUT "$N/api/v1/orgs/$org/confidential-terms" "$ntok" "@$T/big.json"
if [ "$code" = 200 ]; then ok; else bad "a 62 KB PUT of 500 confidential terms through nginx answers 200"; fi
http big GET "$N/api/v1/orgs/$org/confidential-terms" "$ntok"
if [ "$code" = 200 ] && [ "$(jv "$T/big" 'd.terms.length')" = 500 ]; then ok; else bad "the 500 terms read back through nginx"; fi
node -e 'console.log(JSON.stringify({terms: Array.from({length: 7000}, (_, i) => "t".repeat(100) + i)}))' >"$T/huge.json"
http huge PUT "$N/api/v1/orgs/$org/confidential-terms" "$ntok" "@$T/huge.json"
if [ "$code" = 413 ] && [ -z "$(jv "$T/huge" 'd.error')" ] && grep -q '^413 - "PUT /api/v1/orgs/' "$NG/access.log"; then ok; else bad "a 700 KB body is refused by nginx itself (413, no upstream asked)"; fi
# Over a route's limit (128 KB for terms) but under nginx's: accord reads the body and answers its own 413, so nginx
# never sees a broken pipe and keeps both servers in rotation (ten times over, then an ordinary GET).
node -e 'console.log(JSON.stringify({terms: Array.from({length: 1700}, (_, i) => "t".repeat(100) + i)}))' >"$T/over.json"
own413=0
for n in $(seq 1 10); do
	http over PUT "$N/api/v1/orgs/$org/confidential-terms" "$ntok" "@$T/over.json"
	[ "$code" = 413 ] && [ "$(jv "$T/over" 'd.error.code')" = too_large ] && own413=$((own413 + 1))
done
http me GET "$N/api/v1/me" "$ntok"
if [ "$own413" = 10 ] && [ "$code" = 200 ]; then ok; else bad "ten bodies over accord's limit get accord's 413 through nginx, and the next GET still answers ($own413, then $code)"; fi
# The web sign-in through nginx: the pre-session cookie and the session may come from different servers.
web_login "$N" "$TOM" "$(pw "$TOM")"
wc_n=$web_cookie
ok_pages=0
for n in 1 2 3 4; do
	page home_n "$N" / "$wc_n"
	[ "$code" = 200 ] && grep -q '<span>Tom Okafor</span>' "$T/home_n" && ok_pages=$((ok_pages + 1))
done
if [ -n "$wc_n" ] && [ "$ok_pages" = 4 ]; then ok; else bad "signing in through nginx's form gives a cookie that opens / four times ($ok_pages)"; fi

# --- behind a trusted proxy (ACCORD_TRUSTED_PROXY=127.0.0.1) each client has its own log-in counter, taken from the
# last X-Forwarded-For address; another client's failures do not hold this one back.
xff_login() { # xff_login NAME ADDRESS EMAIL PASSWORD: a log-in straight to B, as forwarded for ADDRESS
	code=$(curl -sS -o "$T/$1" -w '%{http_code}' --max-time 10 -X POST -H "X-Forwarded-For: 203.0.113.9, $2" \
		-H 'Content-Type: application/json' --data-binary "{\"email\":\"$3\",\"password\":\"$4\"}" "$B/api/v1/login" 2>"$T/curl.err")
	[ -n "$code" ] || code=000
}
refused=0
for n in $(seq 1 31); do
	xff_login xff 198.51.100.7 "nobody$n@nowhere.example" wrong-password
	[ "$code" = 401 ] && refused=$((refused + 1))
done
xff_login xff 198.51.100.7 "nobody-last@nowhere.example" wrong-password
if [ "$refused" -ge 30 ] && [ "$code" = 429 ]; then ok; else bad "31 failures from one forwarded client throttle that client ($refused refused, then $code)"; fi
xff_login xff 198.51.100.8 "$TOM" "$(pw "$TOM")"
if [ "$code" = 200 ]; then ok; else bad "another forwarded client signs in at once ($code)"; fi

# --- server A stops: nginx carries on with B
stop "$pid_a"
pid_a=""
: >"$NG/access.log"
good=0
for n in $(seq 1 10); do
	http me GET "$N/api/v1/me" "$ntok"
	[ "$code" = 200 ] && grep -qF "\"email\":\"$TOM\"" "$T/me" && good=$((good + 1))
done
if [ "$good" = 10 ]; then ok; else bad "with server A stopped, 10 GETs through nginx still answer 200 ($good did)"; fi
if [ "$(grep -c "\"GET /api/v1/me" "$NG/access.log")" = 10 ] && [ "$(grep "\"GET /api/v1/me" "$NG/access.log" | grep -vc "127.0.0.1:$PORT_B \"GET")" = 0 ]; then ok; else bad "with A stopped every request was answered by B: $(head -c 300 "$NG/access.log" | tr '\n' '|')"; fi
http terms PUT "$N/api/v1/orgs/$org/confidential-terms" "$ntok" '{"terms":["Project Bluebird"]}'
if [ "$code" = 200 ]; then ok; else bad "a write through nginx succeeds with server A stopped"; fi
http terms GET "$N/api/v1/orgs/$org/confidential-terms" "$ntok"
if [ "$code" = 200 ] && [ "$(jv "$T/terms" 'd.terms.join("|")')" = "Project Bluebird" ]; then ok; else bad "and reads back through nginx"; fi

finish
