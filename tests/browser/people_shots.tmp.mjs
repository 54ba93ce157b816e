import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
const bin = path.resolve(process.argv[2]);
const dir = mkdtempSync(path.join(tmpdir(), 'people-shots-'));
const db = path.join(dir, 'a.db');
execFileSync(bin, ['init', '--db', db]);
const out = execFileSync(bin, ['demo', '--db', db], { env: { ...process.env, ACCORD_TODAY: '2026-11-26' } }).toString();
const logins = {};
for (const l of out.split('\n')) { const f = l.trim().split(/\s+/); if (f.length === 3) (logins[f[0]] ??= []).push({ email: f[1], password: f[2] }); }
const port = 18000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore', env: { ...process.env, ACCORD_TODAY: '2026-11-26' } });
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
async function as(role, fn) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	await page.goto(`${base}/login`);
	await page.fill('input[name=email]', logins[role][0].email);
	await page.fill('input[name=password]', logins[role][0].password);
	await Promise.all([page.waitForLoadState(), page.click('form[action="/login"] button[type=submit]')]);
	await fn(page);
	await ctx.close();
}
const S = '/tmp/people-shots';
await as('contract_manager', async (p) => {
	await p.goto(`${base}/`); await p.screenshot({ path: `${S}/cm-dashboard.png`, fullPage: true });
	await p.goto(`${base}/engagements/1`); await p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
	await p.screenshot({ path: `${S}/cm-engagement.png`, fullPage: true });
	await p.goto(`${base}/orgs/2`); await p.screenshot({ path: `${S}/cm-org.png`, fullPage: true });
	// a deactivation confirmation
	const btn = await p.$('form[action^="/users/"][action*="deactivate"] button');
	if (btn) { await Promise.all([p.waitForLoadState(), btn.click()]); await p.screenshot({ path: `${S}/cm-deactivate-confirm.png`, fullPage: true });
		await Promise.all([p.waitForLoadState(), p.click('button.danger')]); await p.screenshot({ path: `${S}/cm-org-after.png`, fullPage: true }); }
	await p.goto(`${base}/engagements/1`);
	await p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
	await p.fill('#edit input[name=ends_on]', '2000-01-01');
	await Promise.all([p.waitForLoadState(), p.click('#edit button[type=submit]')]);
	await p.screenshot({ path: `${S}/cm-edit-error.png`, fullPage: false });
});
await as('provider_leadership', async (p) => {
	await p.goto(`${base}/engagements/1`); await p.screenshot({ path: `${S}/lead-engagement.png`, fullPage: true });
	await p.goto(`${base}/orgs/4`); await p.screenshot({ path: `${S}/lead-org.png`, fullPage: true });
});
await as('admin', async (p) => { await p.goto(`${base}/`); await p.screenshot({ path: `${S}/admin-home.png`, fullPage: true }); });
await browser.close();
server.kill('SIGTERM');
console.log(Object.keys(logins).join(' '));
