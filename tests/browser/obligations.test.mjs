// obligations.test.mjs: contract dates and the obligations of both sides in headless Chromium — the contract manager records the contract (amounts with their currency, notice days) and an obligation of each side; the provider's leadership sees both sides' overdue obligations and the next notice date on the engagement page and marks its own obligation met with evidence (its next occurrence opens); the buyer waives its own after a confirmation.
// Usage (from the repository root): node tests/browser/obligations.test.mjs build/accord
import { assert, check, runScenario, shot, signIn, submit } from './lib.mjs';

const ENGAGEMENT = 'Core banking application maintenance'; // Northwind's with Kestrel; Tom Okafor is its contract manager

async function saved(page) {
	const msg = page.locator('#saved[role=status]');
	assert((await msg.count()) === 1, `no saved message on ${page.url()}`);
	return (await msg.textContent()).trim();
}

// openEngagement PAGE: from the engagements list to the engagement's page, by its title.
async function openEngagement(page) {
	await submit(page, page.locator(`main a:text-is("${ENGAGEMENT}")`).first());
	assert(/^\/engagements\/\d+$/.test(new URL(page.url()).pathname), `not on an engagement: ${page.url()}`);
}

// row PAGE TITLE: the register's row of the obligation titled TITLE due on DUE (the first when DUE is omitted).
function row(page, title, due) {
	let r = page.locator('#register tbody tr', { hasText: title });
	if (due) r = r.filter({ hasText: due });
	return r.first();
}

async function main() {
	return runScenario('obligations-browser', { what: 'the obligations journey', seconds: 120, today: '2026-11-26', roles: ['contract_manager', 'provider_leadership'] }, async ({ base, login, newPage }) => {
		const cm = login.contract_manager;
		const lead = login.provider_leadership;
		const cmPage = await newPage();
		const leadPage = await newPage();

		await check('the contract manager records the contract: amounts show with their currency, and the notice date', async () => {
			await signIn(cmPage, base, cm);
			await openEngagement(cmPage);
			const form = cmPage.locator('form[action$="/edit#form-errors"]');
			await cmPage.locator('#edit summary').click();
			await form.locator('input[name=contract_value]').fill('1200000');
			await form.locator('input[name=monthly_charge]').fill('12.345');
			await form.locator('input[name=notice_days]').fill('90');
			await submit(cmPage, form.locator('button[type=submit]'));
			// Three decimals: refused, beside the field and in the summary, nothing saved.
			assert((await cmPage.locator('#form-errors').textContent()).includes('Monthly charge'), 'the summary does not name the monthly charge');
			await form.locator('input[name=monthly_charge]').fill('100000.50');
			await form.locator('select[name=renewal]').selectOption('option');
			await submit(cmPage, form.locator('button[type=submit]'));
			await saved(cmPage);
			const contract = await cmPage.locator('#contract').textContent();
			assert(contract.includes('USD 1,200,000.00') && contract.includes('USD 100,000.50'), `amounts: ${contract}`);
			assert((await cmPage.locator('#notice-on').textContent()).includes('2028-12-31'), 'the notice date (2029-03-31 − 90 days) is not shown');
			await shot(cmPage, 'engagement-contract');
		});

		await check('the contract manager adds an obligation of each side from the Obligations page, choosing from lists', async () => {
			await submit(cmPage, cmPage.locator('main a:text-is("Obligations")').first());
			assert(/\/obligations$/.test(new URL(cmPage.url()).pathname), `not on the obligations page: ${cmPage.url()}`);
			const form = cmPage.locator('form[action$="/obligations#form-errors"]');
			assert((await form.locator('input[name=due_on][type=date]').count()) === 1, 'the due date is not a date input');
			await form.locator('input[name=title]').fill('Annual disaster-recovery test');
			await form.locator('select[name=owed_by]').selectOption('provider');
			await form.locator('input[name=due_on]').fill('2026-11-01');
			await form.locator('select[name=recurrence]').selectOption('annual');
			await submit(cmPage, form.locator('button[type=submit]'));
			await saved(cmPage);
			const again = cmPage.locator('form[action$="/obligations#form-errors"]');
			await again.locator('input[name=title]').fill('Test environments for the upgrade');
			await again.locator('select[name=owed_by]').selectOption('buyer');
			await again.locator('input[name=due_on]').fill('2026-11-15');
			await submit(cmPage, again.locator('button[type=submit]'));
			await saved(cmPage);
			assert((await row(cmPage, 'Annual disaster-recovery test').textContent()).includes('overdue'), 'the provider\'s obligation is not marked overdue');
			assert((await row(cmPage, 'Test environments for the upgrade').textContent()).includes('overdue'), 'the buyer\'s obligation is not marked overdue');
			await shot(cmPage, 'obligations-buyer');
		});

		await check('the provider\'s leadership sees both sides\' overdue obligations and the next notice date on the engagement page', async () => {
			await signIn(leadPage, base, lead);
			await openEngagement(leadPage);
			assert((await leadPage.locator('#overdue-provider').textContent()).includes('Annual disaster-recovery test'), 'its own overdue obligation is not shown');
			assert((await leadPage.locator('#overdue-buyer').textContent()).includes('Test environments for the upgrade'), 'the buyer\'s overdue obligation is not shown');
			assert((await leadPage.locator('#notice-on').textContent()).includes('2028-12-31'), 'the notice date is not shown');
			await shot(leadPage, 'engagement-provider-view');
		});

		await check('the portfolio shows the notice date with the renewal kind, and why the engagement needs attention', async () => {
			await submit(cmPage, cmPage.locator('header nav a:text-is("Portfolio")'));
			const line = cmPage.locator('tbody tr', { hasText: ENGAGEMENT }).first();
			const text = await line.textContent();
			assert(text.includes('2028-12-31') && text.includes('renewal: option'), `no notice date in: ${text}`);
			assert(text.includes('overdue obligations: 1 of the provider, 1 of the buyer'), `no reason in: ${text}`);
			assert((await line.getAttribute('class')) === 'attention', 'the line is not marked as needing attention');
			await shot(cmPage, 'portfolio-attention');
		});

		await check('the provider marks its own obligation met with evidence; the next year\'s opens; it cannot decide the buyer\'s', async () => {
			await submit(leadPage, leadPage.locator('main a:text-is("Obligations")').first());
			assert((await row(leadPage, 'Test environments for the upgrade').locator('form').count()) === 0, 'the provider is offered to decide the buyer\'s obligation');
			const r = row(leadPage, 'Annual disaster-recovery test', '2026-11-01');
			await r.locator('summary').click();
			const form = r.locator('form');
			await form.locator('select[name=status]').selectOption('met');
			await form.locator('input[name=evidence]').fill('DR test report, failover in 41 minutes');
			await submit(leadPage, form.locator('button[type=submit]'));
			assert((await saved(leadPage)).includes('met'), 'no saved message');
			const done = await row(leadPage, 'Annual disaster-recovery test', '2026-11-01').textContent();
			assert(done.includes('met') && done.includes('failover in 41 minutes') && !done.includes('overdue'), `the row reads: ${done}`);
			assert((await row(leadPage, 'Annual disaster-recovery test', '2027-11-01').count()) === 1, 'the next occurrence did not open');
			await shot(leadPage, 'obligations-provider');
		});

		await check('the buyer waives its own obligation after a confirmation, with a reason', async () => {
			await cmPage.goBack();
			await cmPage.reload();
			const r = row(cmPage, 'Test environments for the upgrade');
			await r.locator('summary').click();
			const form = r.locator('form');
			await form.locator('select[name=status]').selectOption('waived');
			await form.locator('input[name=reason]').fill('The upgrade moved to next year.');
			await submit(cmPage, form.locator('button[type=submit]'));
			assert((await cmPage.locator('button.danger').count()) >= 1, 'no confirmation step');
			await shot(cmPage, 'obligation-waive-confirm');
			await submit(cmPage, cmPage.locator('button.danger').first());
			await saved(cmPage);
			const done = await row(cmPage, 'Test environments for the upgrade').textContent();
			assert(done.includes('waived') && done.includes('moved to next year'), `the row reads: ${done}`);
		});
	});
}

process.exitCode = await main();
