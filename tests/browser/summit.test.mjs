// summit.test.mjs: a summit in headless Chromium, from the navigation and without typing an id or a URL — the invited provider declines (confirming), sees it may not rate, accepts and rates a session and adds a prospect; the host sees the answer and records attendance.
// Usage (from the repository root): node tests/browser/summit.test.mjs build/accord
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assert, check, demoLogins, fail, launchChromium, results, serve, SHOTS, shot, signIn, stopServer, submit, WAIT } from './lib.mjs';

const SUMMIT = 'Northwind IT planning summit';
const SESSION = 'Dispute triage that halves cycle time'; // Harbor presents it; Kestrel, in the audience, rates it

// openSummit PAGE: from the navigation's "Summits" to the demo's planning summit.
async function openSummit(page) {
	await Promise.all([page.waitForURL(/\/summits$/), page.click('header nav a:text-is("Summits")')]);
	await submit(page, page.locator(`main a:text-is("${SUMMIT}")`));
	assert(/^\/summits\/\d+$/.test(new URL(page.url()).pathname), `not a summit page: ${page.url()}`);
}

const pill = (page) => page.locator('#invitations tr .pill').first().textContent();

async function main() {
	if (process.argv.length < 3) {
		console.error('usage: node tests/browser/summit.test.mjs PATH_TO_ACCORD');
		console.log('summit-browser: 0 passed, 1 failed');
		return 1;
	}
	const bin = path.resolve(process.argv[2]);
	const dir = mkdtempSync(path.join(tmpdir(), 'accord-summit-'));
	const db = process.env.ACCORD_TEST_DB || path.join(dir, 'accord.db');
	const env = { ...process.env };
	delete env.ACCORD_DB;
	let served = null;
	let browser = null;
	const watchdog = setTimeout(() => {
		console.log('FAIL the whole summit browser test finished within 90 s');
		if (served) served.server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		console.log(`summit-browser: ${results.passed} passed, ${results.failed + 1} failed`);
		process.exit(1);
	}, 90000);

	try {
		mkdirSync(SHOTS, { recursive: true });
		const logins = demoLogins(bin, db, env);
		const cm = logins.contract_manager?.[0];
		const lead = logins.provider_leadership?.[0];
		if (!cm || !lead) throw new Error('no contract_manager or provider_leadership demo log-in');
		served = await serve(bin, db, env);
		const { base } = served;
		browser = await launchChromium();
		const newPage = async () => {
			const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			ctx.setDefaultTimeout(WAIT);
			ctx.setDefaultNavigationTimeout(WAIT * 2);
			return ctx.newPage();
		};

		const provider = await newPage();
		await check('the invited provider finds the summit from the navigation, its invitation still unanswered', async () => {
			await signIn(provider, base, lead);
			await openSummit(provider);
			assert((await pill(provider)).trim() === 'invited', `the invitation reads "${await pill(provider)}"`);
			assert((await provider.locator('#invitations tr').count()) === 1, 'an invitee sees other invitations');
		});

		await check('declining asks to confirm first; confirmed, the agenda says a declining organisation gives no feedback', async () => {
			await submit(provider, provider.locator('#invitations button.danger', { hasText: 'Decline' }));
			assert((await provider.locator('main h1').textContent()).includes('Decline'), 'no confirmation step');
			await shot(provider, 'summit-decline-confirm');
			await submit(provider, provider.locator('main button.danger', { hasText: 'Decline' }));
			assert((await pill(provider)).trim() === 'declined', `the invitation reads "${await pill(provider)}"`);
			assert((await provider.locator('#agenda form[action$="/ratings#form-errors"]').count()) === 0, 'rating forms are offered after declining');
			assert((await provider.locator('#agenda').textContent()).includes('declined this summit'), 'no word on why it may not rate');
		});

		await check('the provider accepts after all, with a message that it was saved', async () => {
			await submit(provider, provider.locator('#invitations button', { hasText: 'Accept the invitation' }));
			assert((await pill(provider)).trim() === 'accepted', `the invitation reads "${await pill(provider)}"`);
			assert((await provider.locator('.banner.ok').textContent()).includes('Invitation accepted.'), 'no saved message');
		});

		const session = () => provider.locator('#agenda div.survey', { hasText: SESSION });
		await check('a rating without a score is refused beside the score, in words', async () => {
			await session().locator('textarea[name=comment]').fill('Good demo, light on migration costs.');
			await submit(provider, session().locator('button[type=submit]'));
			const err = session().locator('label:has(select[name=rating]) em.error');
			assert((await err.count()) === 1, 'no error beside the score');
			const summary = session().locator('#form-errors');
			assert((await summary.count()) === 1, 'no error summary at the top of the rating form');
			assert((await summary.textContent()).includes('Rating'), `the summary does not name the field in words: ${await summary.textContent()}`);
			assert(new URL(provider.url()).hash === '#form-errors', `the refused page does not open at its errors: ${provider.url()}`);
			assert((await session().locator('textarea[name=comment]').inputValue()) === 'Good demo, light on migration costs.', 'the comment typed was lost');
		});

		await check('the provider rates the session in words and then sees its own rating', async () => {
			await session().locator('select[name=rating]').selectOption({ label: '4 — good' });
			await submit(provider, session().locator('button[type=submit]'));
			assert((await provider.locator('.banner.ok').textContent()).includes('Rating saved.'), 'no saved message');
			const mine = await session().locator('.my-rating').textContent();
			assert(mine.includes('4 — good') && mine.includes('light on migration costs'), `its rating reads "${mine}"`);
			assert((await session().locator('select[name=rating]').inputValue()) === '4', 'the form does not keep the earlier score');
			assert(!(await provider.locator('#agenda').textContent()).includes('</'), 'markup shows as text on the agenda');
			await shot(provider, 'summit-invitee');
		});

		await check('the provider leadership adds a prospect from a picker of buyers on the summits page', async () => {
			await Promise.all([provider.waitForURL(/\/summits$/), provider.click('header nav a:text-is("Summits")')]);
			const card = provider.locator('#prospects');
			await card.locator('select[name=org_id]').selectOption({ label: 'Meridian Retail' });
			await submit(provider, card.locator('button[type=submit]'));
			assert((await provider.locator('.banner.ok').textContent()).includes('Prospect added.'), 'no saved message');
			assert((await provider.locator('#prospects li', { hasText: 'Meridian Retail' }).count()) === 1, 'Meridian is not listed');
			assert((await provider.locator('#prospects option', { hasText: 'Meridian Retail' }).count()) === 0, 'Meridian is still offered');
			await shot(provider, 'summit-prospects');
		});

		const host = await newPage();
		await check("the host sees the provider's answer and its comment", async () => {
			await signIn(host, base, cm);
			await openSummit(host);
			const row = host.locator('#invitations tr', { hasText: 'Kestrel' });
			assert((await row.locator('.pill').textContent()).trim() === 'accepted', 'the host does not see "accepted"');
			assert((await host.locator('#agenda').textContent()).includes('light on migration costs'), 'the comment is not shown to the host');
		});

		await check('the host records that the provider attended; the provider can no longer answer', async () => {
			const row = () => host.locator('#invitations tr', { hasText: 'Kestrel' });
			await submit(host, row().locator('button', { hasText: 'attended' }));
			assert((await row().locator('.pill').textContent()).trim() === 'attended', 'not recorded as attended');
			assert((await host.locator('.banner.ok').textContent()).includes('Attendance recorded.'), 'no saved message');
			assert((await row().locator('button').count()) === 0, 'attendance is still offered');
			await shot(host, 'summit-host');
			await openSummit(provider);
			assert((await provider.locator('#invitations button').count()) === 0, 'the provider may still answer');
			assert((await provider.locator('#invitations').textContent()).includes('attended'), 'the provider is not told');
		});
	} catch (e) {
		fail('the summit browser test ran to the end', e && e.message ? e.message : e);
	} finally {
		clearTimeout(watchdog);
		if (browser) await browser.close().catch(() => {});
		if (served) {
			await stopServer(served.server);
			if (results.failed) console.log(`server output:\n${served.log().slice(-2000)}`);
		}
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(`summit-browser: ${results.passed} passed, ${results.failed} failed`);
	return results.failed ? 1 : 0;
}

process.exitCode = await main();
