// parity.test.mjs: browser parity, generated from the route table — every page form an API write names (`accord routes`) is rendered for at least one demo role, every form talks back (FORM_ANCHOR, CSRF), no page takes a typed id, and a GET on a form URL shows its page.
// Usage (from the repository root): node tests/browser/parity.test.mjs build/accord
// It crawls the pages each demo role reaches (same-origin links, GET only, bounded) over HTTP: a form is in the HTML, so no browser is needed.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HANG_FACTOR } from './lib.mjs';

const PAGES_PER_ROLE = 400; // the crawl's bound per role
let passed = 0;
let failed = 0;

function check(name, ok, why) {
	if (ok) passed++;
	else {
		failed++;
		console.log(`FAIL ${name}${why ? `: ${why}` : ''}`);
	}
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A concrete path as its route pattern: numbers become {id}.
const patternOf = (p) => p.replace(/\/\d+(?=\/|$)/g, '/{id}');

// The page routes' patterns as regular expressions, to tell a page link from anything else.
function matcher(pattern) {
	return new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{id\}/g, '\\d+').replace(/\{token\}/g, '[A-Za-z0-9_-]+')}$`);
}

async function main() {
	const bin = path.resolve(process.argv[2] || 'build/accord');
	const dir = mkdtempSync(path.join(tmpdir(), 'accord-parity-'));
	const db = path.join(dir, 'accord.db');
	const env = { ...process.env };
	delete env.ACCORD_DB;
	let server = null;
	const watchdog = setTimeout(() => {
		console.log(`FAIL the parity crawl finished within ${300 * HANG_FACTOR} s (a hang guard)`);
		if (server) server.kill('SIGKILL');
		console.log(`parity-browser: ${passed} passed, ${failed + 1} failed`);
		process.exit(1);
	}, 300000 * HANG_FACTOR);
	try {
		// The table: each API write's page form, or its API-only reason.
		const routes = execFileSync(bin, ['routes'], { env }).toString().trim().split('\n');
		const named = new Map(); // "POST /issues/{id}/responses" -> the API route it serves
		const pageGets = [];
		let apiOnly = 0;
		for (const line of routes) {
			const m = line.match(/^(\w+) (\S+)( public)?(?: form (.*))?$/);
			if (!m) continue;
			const [, method, pattern, , form] = m;
			if (form && form.startsWith('api-only: ')) apiOnly++;
			else if (form) named.set(form, `${method} ${pattern}`);
			if (method === 'GET' && !pattern.startsWith('/api/') && !pattern.includes('{token}') && !/\.(css|csv|ics)$/.test(pattern))
				pageGets.push(matcher(pattern));
		}
		check('accord routes names page forms for the API writes', named.size > 30, `${named.size} named`);

		execFileSync(bin, ['init', '--db', db], { env, stdio: 'ignore' });
		const out = execFileSync(bin, ['demo', '--db', db], { env }).toString();
		const logins = [];
		for (const line of out.split('\n')) {
			const f = line.trim().split(/\s+/);
			if (f.length === 3 && f[1].includes('@')) logins.push({ role: f[0], email: f[1], password: f[2] });
		}
		check('the demo prints its log-ins', logins.length >= 5, `${logins.length} log-ins`);

		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		server = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { env, stdio: 'ignore' });
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(`${base}/healthz`)).ok) break;
			} catch {
				/* not yet */
			}
			await sleep(100);
		}

		// Two states the demo does not hold, made through the API as people would: a review held
		// today (its survey opens for both sides), and a best-practice session Kestrel presents
		// (its presenter links a practice to it).
		const api = async (token, method, p, body) => {
			const r = await fetch(base + p, {
				method,
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: body ? JSON.stringify(body) : undefined,
			});
			return { status: r.status, json: await r.json().catch(() => null) };
		};
		const tokenOf = async (who) => {
			const r = await api('', 'POST', '/api/v1/login', { email: who.email, password: who.password });
			return r.json && r.json.token;
		};
		{
			const cm = logins.find((l) => l.role === 'contract_manager');
			const cmToken = await tokenOf(cm);
			const engs = (await api(cmToken, 'GET', '/api/v1/engagements')).json?.items || [];
			const kestrelEng = engs.find((e) => /Kestrel/.test(JSON.stringify(e)) && e.acceptance === 'accepted');
			const reviews = kestrelEng ? (await api(cmToken, 'GET', `/api/v1/engagements/${kestrelEng.id}/reviews`)).json?.items || [] : [];
			const planned = reviews.find((r) => r.status === 'planned' && r.due_on <= new Date().toISOString().slice(0, 10)) || reviews.find((r) => r.status === 'planned');
			const today = new Date().toISOString().slice(0, 10);
			const held = planned ? await api(cmToken, 'PATCH', `/api/v1/reviews/${planned.id}`, { status: 'held', held_on: today, minutes: 'Held for the parity crawl.' }) : { status: 0 };
			check('set-up: the contract manager holds a review today through the API', held.status === 200, `${held.status} ${JSON.stringify(held.json)}`);
			const summits = (await api(cmToken, 'GET', '/api/v1/summits')).json?.items || [];
			const hosted = summits.find((x) => x.host_org_id === kestrelEng?.buyer_org_id);
			const session = hosted ? await api(cmToken, 'POST', `/api/v1/summits/${hosted.id}/sessions`, { kind: 'best-practice', title: 'Parity crawl session', presenter_org_id: kestrelEng.provider_org_id }) : { status: 0 };
			check('set-up: the host adds a best-practice session Kestrel presents', session.status === 201, `${session.status} ${JSON.stringify(session.json)}`);
			// A KPI with two values of Kestrel's, one disputed: its page shows the submit, edit, dispute and answer forms.
			const lead = logins.find((l) => l.role === 'provider_leadership');
			const leadToken = await tokenOf(lead);
			const kpi = kestrelEng ? await api(cmToken, 'POST', `/api/v1/engagements/${kestrelEng.id}/kpis`, { name: 'Parity availability', unit: '%', direction: 'higher', target: 99.5, threshold: 99, frequency: 'monthly' }) : { status: 0 };
			const month = (back) => {
				const d = new Date();
				d.setUTCDate(1);
				d.setUTCMonth(d.getUTCMonth() - back);
				return d.toISOString().slice(0, 7);
			};
			const v1 = kpi.json ? await api(leadToken, 'PUT', `/api/v1/kpis/${kpi.json.id}/measurements/${month(1)}`, { value: 99.7 }) : { status: 0 };
			const v2 = kpi.json ? await api(leadToken, 'PUT', `/api/v1/kpis/${kpi.json.id}/measurements/${month(2)}`, { value: 98.1 }) : { status: 0 };
			const disputed = v2.json ? await api(cmToken, 'POST', `/api/v1/measurements/${v2.json.id}/dispute`, { reason: 'Parity crawl' }) : { status: 0 };
			check('set-up: a KPI with a value and a disputed value', kpi.status === 201 && v1.status === 201 && disputed.status === 200, `${kpi.status} ${v1.status} ${v2.status} ${disputed.status}`);
			// A service credit owed (issue 17): a monthly charge, a KPI with a credit percentage, and a missed month reported by Kestrel.
			const charged = kestrelEng ? await api(cmToken, 'PATCH', `/api/v1/engagements/${kestrelEng.id}`, { monthly_charge: 100000 }) : { status: 0 };
			const credited = charged.status === 200 ? await api(cmToken, 'POST', `/api/v1/engagements/${kestrelEng.id}/kpis`, { name: 'Parity crawl uptime', unit: '%', direction: 'higher', target: 99.9, threshold: 99.5, frequency: 'monthly', credit_percent: 1 }) : { status: 0 };
			const missed = credited.status === 201 ? await api(leadToken, 'PUT', `/api/v1/kpis/${credited.json.id}/measurements/${month(1)}`, { value: 98 }) : { status: 0 };
			check('set-up: Kestrel reports a missed month of a KPI that owes a credit', missed.status === 201 || missed.status === 200, `${charged.status} ${credited.status} ${missed.status}`);
		}

		const rendered = new Map(); // form route -> the role that saw it first
		const typedIds = new Set();
		const noAnchor = new Set();
		const noCsrf = new Set();
		let pages = 0;
		// Signed out: the sign-in form.
		{
			const html = await (await fetch(`${base}/login`)).text();
			if (/<form\b[^>]*action="\/login"/.test(html)) rendered.set('POST /login', 'anybody on /login');
		}
		for (const who of logins) {
			const r = await fetch(`${base}/api/v1/login`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: who.email, password: who.password }),
			});
			const token = r.ok ? (await r.json()).token : null;
			if (!token) {
				check(`${who.role} ${who.email} signs in`, false, `status ${r.status}`);
				continue;
			}
			const seen = new Set(['/inbox', '/']);
			const queue = ['/inbox', '/'];
			while (queue.length && seen.size <= PAGES_PER_ROLE) {
				const p = queue.shift();
				const res = await fetch(base + p, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
				if (res.status !== 200 || !(res.headers.get('content-type') || '').startsWith('text/html')) continue;
				const html = await res.text();
				pages++;
				for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
					const attrs = f[1];
					const method = (attrs.match(/method="(\w+)"/) || [])[1] || 'get';
					const action = (attrs.match(/action="([^"]*)"/) || [])[1] || p;
					if (method.toLowerCase() !== 'post') continue;
					const [actionPath, fragment] = action.split('#');
					const route = `POST ${patternOf(actionPath)}`;
					if (!rendered.has(route)) rendered.set(route, `${who.role} on ${p}`);
					if (actionPath !== '/logout' && actionPath !== '/login' && fragment !== 'form-errors') noAnchor.add(`${route} (on ${patternOf(p)})`);
					if (!/name="csrf"/.test(f[2])) noCsrf.add(`${route} (on ${patternOf(p)})`);
					// A typed id: a text or number input whose name ends in _id or _ids.
					for (const inp of f[2].matchAll(/<input\b[^>]*>/g)) {
						const name = (inp[0].match(/name="([^"]*)"/) || [])[1] || '';
						const type = (inp[0].match(/type="([^"]*)"/) || [])[1] || 'text';
						if (/_ids?$/.test(name) && type !== 'hidden' && type !== 'checkbox' && type !== 'radio') typedIds.add(`${name} in ${route} (on ${patternOf(p)})`);
					}
				}
				for (const a of html.matchAll(/href="(\/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"/g)) {
					const link = a[1];
					if (seen.has(link) || link.startsWith('/api/') || link.startsWith('/assets/') || link.startsWith('/calendar/')) continue;
					if (!pageGets.some((re) => re.test(link))) continue;
					seen.add(link);
					queue.push(link);
				}
			}
		}
		console.log(`parity: crawled ${pages} pages as ${logins.length} demo people; ${rendered.size} kinds of page form seen; ${named.size} named by API writes, ${apiOnly} API-only`);
		const missing = [...named.keys()].filter((f) => !rendered.has(f));
		check('every page form an API write names is rendered for some demo role', missing.length === 0, `never rendered: ${missing.join('; ')}`);
		check('every form posts to its #form-errors anchor', noAnchor.size === 0, [...noAnchor].join('; '));
		check('every posted form carries a CSRF token', noCsrf.size === 0, [...noCsrf].join('; '));
		check('no form asks for a typed id', typedIds.size === 0, [...typedIds].join('; '));

		// After a refused post the address bar holds the form's URL: Enter there shows its page.
		const anyForm = [...rendered.keys()].find((f) => /\{id\}\/\w/.test(f));
		const lead = logins[0];
		const t = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: lead.email, password: lead.password }) });
		const token = (await t.json()).token;
		const r1 = await fetch(`${base}/issues/1/responses`, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
		check('a GET on a form URL redirects to its page', r1.status === 303 && r1.headers.get('location') === '/issues/1', `${r1.status} ${r1.headers.get('location')} (${anyForm})`);
		const r2 = await fetch(`${base}/api/v1/strategic-issues/1/responses`, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
		check('a GET on an API write URL still answers 405 JSON', r2.status === 405, `${r2.status}`);
	} catch (e) {
		check('the crawl ran', false, e && e.message ? e.message : String(e));
	} finally {
		clearTimeout(watchdog);
		if (server) server.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(`parity-browser: ${passed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

process.exitCode = await main();
