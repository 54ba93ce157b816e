// summit.test.mjs: a summit in headless Chromium, from the navigation and without typing an id or a URL — the invited provider declines (confirming), sees it may not rate, accepts and rates a session and adds a prospect; the host sees the answer and records attendance.
// Usage (from the repository root): node tests/browser/summit.test.mjs build/accord
import { assert, check, runScenario, shot, signIn, submit } from './lib.mjs';

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
	return runScenario('summit-browser', { what: 'the summit browser test', seconds: 90, roles: ['contract_manager', 'provider_leadership'] }, async ({ base, login, newPage }) => {
		const cm = login.contract_manager;
		const lead = login.provider_leadership;

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
	});
}

process.exitCode = await main();
