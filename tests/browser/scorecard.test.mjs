// scorecard.test.mjs: the delivery scorecard in headless Chromium — the contract manager opens the portfolio scorecard from the navigation, then an engagement's, sees which KPI has missed since when and what it cost, and waives a credit with a reason through the confirmation; no id or URL typed.
// Usage (from the repository root): node tests/browser/scorecard.test.mjs build/accord
import { assert, check, runScenario, shot, signIn, submit } from './lib.mjs';

const TITLE = 'Zq service levels under watch';

// api BASE TOKEN METHOD PATH BODY: one JSON call; the parsed answer, or a thrown error naming the status.
async function api(base, token, method, p, body) {
	const r = await fetch(base + p, {
		method,
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await r.text();
	if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text.slice(0, 200)}`);
	return text ? JSON.parse(text) : null;
}

const token = async (base, login) => (await api(base, null, 'POST', '/api/v1/login', { email: login.email, password: login.password })).token;

// The fixture, through the API as each side would: an engagement at EUR 50,000.00 a month, accepted;
// Availability (a miss owes 1%) missed from August on, Backlog met throughout.
async function fixture(base, cm, lead) {
	const buyer = await token(base, cm);
	const provider = await token(base, lead);
	const orgs = await api(base, buyer, 'GET', '/api/v1/orgs');
	const kestrel = orgs.items.find((o) => o.name === 'Kestrel IT Services');
	const e = await api(base, buyer, 'POST', '/api/v1/engagements', {
		provider_org_id: kestrel.id, title: TITLE, service_line: 'IT', starts_on: '2026-05-01', ends_on: '2028-04-30',
		monthly_charge: 50000, currency: 'EUR',
	});
	await api(base, provider, 'POST', `/api/v1/engagements/${e.id}/acceptance`, { accepted: true });
	const avail = await api(base, buyer, 'POST', `/api/v1/engagements/${e.id}/kpis`, {
		name: 'Availability', unit: '%', direction: 'higher', target: 99.9, threshold: 99.5, frequency: 'monthly', credit_percent: 1,
	});
	const backlog = await api(base, buyer, 'POST', `/api/v1/engagements/${e.id}/kpis`, {
		name: 'Backlog', unit: 'tickets', direction: 'lower', target: 50, threshold: 80, frequency: 'monthly',
	});
	const values = { '2026-05': 99.95, '2026-06': 99.92, '2026-07': 99.7, '2026-08': 99.3, '2026-09': 99.2, '2026-10': 98.9 };
	for (const [period, value] of Object.entries(values)) {
		await api(base, provider, 'PUT', `/api/v1/kpis/${avail.id}/measurements/${period}`, { value });
		await api(base, provider, 'PUT', `/api/v1/kpis/${backlog.id}/measurements/${period}`, { value: 40 });
	}
	return e.id;
}

async function main() {
	return runScenario('scorecard-browser', { what: 'the scorecard browser test', seconds: 90, today: '2026-11-26', roles: ['contract_manager', 'provider_leadership'] }, async ({ base, login, newPage }) => {
		const cm = login.contract_manager;
		const lead = login.provider_leadership;
		await fixture(base, cm, lead);
		const page = await newPage();

		await check('the portfolio scorecard, from the navigation, names the missed KPI, since when, and the credits owed', async () => {
			await signIn(page, base, cm);
			await submit(page, page.locator('header nav a:text-is("Scorecard")'));
			const row = page.locator('main tr', { hasText: TITLE });
			await row.waitFor();
			const text = await row.textContent();
			assert(/Availability/.test(text) && /since 2026-08/.test(text), `row: ${text}`);
			assert(/EUR 1,500\.00/.test(text), `credits owed: ${text}`);
			await shot(page, 'scorecard-portfolio');
		});

		await check('the engagement scorecard says since when and what it cost, each cell in words, the evidence behind it', async () => {
			await submit(page, page.locator(`main a:text-is("${TITLE}")`));
			assert(/\/engagements\/\d+\/scorecard$/.test(new URL(page.url()).pathname), `not a scorecard: ${page.url()}`);
			const banner = await page.locator('#summary .banner.error').first().textContent();
			assert(/Availability/.test(banner) && /since 2026-08/.test(banner) && /EUR 1,500\.00/.test(banner), `banner: ${banner}`);
			const cell = page.locator('td.kpi-cell.kpi-missed').first();
			assert(/missed/.test(await cell.textContent()), 'a missed cell says so in words');
			const title = await cell.getAttribute('title');
			assert(/submitted by/.test(title), `evidence: ${title}`);
			assert((await page.locator('td.kpi-cell.kpi-unknown').count()) > 0, 'November, without a value, is unknown');
			assert((await page.locator('section[id^="kpi-"] figure svg desc').count()) === 2, 'a trend chart per KPI, each with its text');
			await shot(page, 'scorecard-engagement');
		});

		await check('a waiver without a reason is refused beside the field, nothing decided', async () => {
			const form = page.locator('#credits form').first();
			await submit(page, form.locator('button[value=waived]'));
			const errors = await page.locator('#form-errors').textContent();
			assert(/reason/i.test(errors), `errors: ${errors}`);
			assert((await page.locator('#credits .pill.credit-waived').count()) === 0, 'nothing waived');
		});

		await check('the contract manager waives a credit with a reason, through the confirmation', async () => {
			const form = page.locator('#credits form').first();
			await form.locator('input[name=reason]').fill('Outage agreed at the September review');
			await submit(page, form.locator('button[value=waived]'));
			const h1 = await page.locator('h1').textContent();
			assert(/^Waive the credit of EUR 500\.00 for Availability/.test(h1), `confirmation: ${h1}`);
			await shot(page, 'scorecard-waive-confirm');
			await submit(page, page.locator('button.danger'));
			assert(/\/scorecard$/.test(new URL(page.url()).pathname), `back on the scorecard: ${page.url()}`);
			const saved = await page.locator('main').textContent();
			assert(/Credit waived/.test(saved), 'the saved message');
			const row = page.locator('#credits tr', { hasText: 'Outage agreed at the September review' });
			assert((await row.locator('.pill.credit-waived').count()) === 1, 'the credit reads waived, with its reason');
			await shot(page, 'scorecard-waived');
		});
	});
}

process.exit(await main());
