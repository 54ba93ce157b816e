// lib.mjs: what every browser test shares — its pass/fail count, a demo database served by accord, headless Chromium, signing in and submitting forms, and the frame of a scenario suite.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WAIT = 5000; // every browser wait, in ms
// The whole-test watchdogs stop a hung test; they are this many times a quiet machine's time, so a busy machine never trips them.
export const HANG_FACTOR = 4;
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'build', 'screenshots');

// The count of this process's cases, for its "NAME: N passed, N failed" line.
export const results = { passed: 0, failed: 0 };

export function fail(name, why) {
	results.failed++;
	console.log(`FAIL ${name}${why ? `: ${String(why).split('\n')[0]}` : ''}`);
}

// check NAME FN: one case; FN throws (or returns false) to fail.
export async function check(name, fn) {
	try {
		const r = await fn();
		if (r === false) fail(name);
		else results.passed++;
	} catch (e) {
		fail(name, e && e.message ? e.message : e); if (process.env.ACCORD_TEST_DEBUG) console.log(String(e && e.message).slice(0, 1500));
	}
}

export function assert(cond, msg) {
	if (!cond) throw new Error(msg);
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitHealthy(base, server) {
	for (let i = 0; i < 100; i++) {
		if (server.exitCode !== null) throw new Error(`accord serve exited with ${server.exitCode}`);
		try {
			const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
			if (r.ok) return;
		} catch {
			/* not listening yet */
		}
		await sleep(100);
	}
	throw new Error('no answer from /healthz after 100 tries');
}

export async function stopServer(server) {
	if (!server || server.exitCode !== null || server.signalCode !== null) return;
	const exited = new Promise((r) => server.once('exit', r));
	server.kill('SIGTERM');
	const t = setTimeout(() => server.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(t);
}

// demoLogins BIN DB ENV: runs accord init and accord demo on DB; the demo's log-ins by role, each {role, email, password}.
export function demoLogins(bin, db, env) {
	execFileSync(bin, ['init', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 10000 });
	const out = execFileSync(bin, ['demo', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
	const logins = {};
	for (const line of out.toString().split('\n')) {
		const f = line.trim().split(/\s+/);
		if (f.length !== 3) continue;
		const [role, email, password] = f;
		(logins[role] ??= []).push({ role, email, password });
	}
	return logins;
}

// serve BIN DB ENV: accord serve on a free loopback port; {server, base, log()} once it answers /healthz.
export async function serve(bin, db, env) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	server.stdout.on('data', (d) => (log += d));
	server.stderr.on('data', (d) => (log += d));
	await waitHealthy(base, server);
	return { server, base, log: () => log };
}

export function launchChromium() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
		timeout: 20000,
	});
}

// signIn PAGE BASE LOGIN: signs in through the login form, lands on the inbox (where every user lands), and goes on to the engagements list the journeys start from.
export async function signIn(page, base, login) {
	await page.goto(`${base}/login`);
	await page.fill('input[name=email]', login.email);
	await page.fill('input[name=password]', login.password);
	await Promise.all([
		page.waitForURL((u) => new URL(u).pathname === '/inbox'),
		page.click('form[action="/login"] button[type=submit]'),
	]);
	await page.goto(`${base}/`);
}

// submit PAGE BUTTON: clicks a form's submit button and waits until a new document has loaded in its place.
export async function submit(page, button) {
	await page.evaluate(() => {
		window.__accordOldDocument = true;
	});
	await button.click();
	await page.waitForFunction(() => !window.__accordOldDocument && document.readyState === 'complete', null, { timeout: WAIT });
}

export const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/*
 * runScenario SUITE {what, seconds, today, roles} BODY: the frame every scenario suite shares — the
 * usage line, a temporary directory, the demo database (ACCORD_TEST_DB, else a file there) and its
 * log-ins, a server, Chromium, a watchdog and the summary line "SUITE: N passed, N failed".
 * today: a date for ACCORD_TODAY, null to take the system's, undefined to keep the caller's.
 * roles: the demo log-ins BODY needs, found or the suite fails. BODY({base, login, logins, newPage})
 * runs the checks; login.ROLE is the first demo log-in of ROLE; newPage() opens a 1280 × 900 page.
 * Anything BODY throws is one failure, and on a failure the server's last output is printed.
 */
export async function runScenario(suite, { what, seconds = 90, today, roles = [] }, body) {
	if (process.argv.length < 3) {
		console.error(`usage: node ${path.relative(ROOT, process.argv[1])} PATH_TO_ACCORD`);
		console.log(`${suite}: 0 passed, 1 failed`);
		return 1;
	}
	const bin = path.resolve(process.argv[2]);
	const dir = mkdtempSync(path.join(tmpdir(), `accord-${suite}-`));
	const db = process.env.ACCORD_TEST_DB || path.join(dir, 'accord.db');
	const env = { ...process.env };
	delete env.ACCORD_DB;
	if (today === null) delete env.ACCORD_TODAY;
	else if (today !== undefined) env.ACCORD_TODAY = today;
	let served = null;
	let browser = null;
	// A guard against a hang, not a timing check: HANG_FACTOR times what the scenario takes on a quiet machine.
	const watchdog = setTimeout(() => {
		console.log(`FAIL ${what} finished within ${seconds * HANG_FACTOR} s (a hang guard)`);
		if (served) served.server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		console.log(`${suite}: ${results.passed} passed, ${results.failed + 1} failed`);
		process.exit(1);
	}, seconds * HANG_FACTOR * 1000);

	try {
		mkdirSync(SHOTS, { recursive: true });
		const logins = demoLogins(bin, db, env);
		const login = {};
		for (const role of roles) {
			login[role] = logins[role]?.[0];
			if (!login[role]) throw new Error(`the demo has no ${role} log-in`);
		}
		served = await serve(bin, db, env);
		browser = await launchChromium();
		const newPage = async () => {
			const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			ctx.setDefaultTimeout(WAIT);
			ctx.setDefaultNavigationTimeout(WAIT * 2);
			return ctx.newPage();
		};
		await body({ base: served.base, login, logins, newPage });
	} catch (e) {
		fail(`${what} ran to the end`, e && e.message ? e.message.split('\n')[0] : e);
	} finally {
		clearTimeout(watchdog);
		if (browser) await browser.close().catch(() => {});
		if (served) {
			await stopServer(served.server);
			if (results.failed) console.log(`server output:\n${served.log().slice(-2000)}`);
		}
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(`${suite}: ${results.passed} passed, ${results.failed} failed`);
	return results.failed ? 1 : 0;
}
