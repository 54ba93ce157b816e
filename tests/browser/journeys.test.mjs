// journeys.test.mjs: each role's main journey in headless Chromium, from the inbox or the navigation, clicking only — never typing an id or a URL: the unit CIO creates and shares a roadmap; the provider withdraws and re-submits a bid; the buyer closes bidding early and awards with a rationale; the buyer replies on an issue thread; the contract manager approves a pending practice from the inbox; the provider finds a shared issue from the inbox and answers it. (The provider answering an invitation and rating a session is summit.test.mjs.)
// Usage (from the repository root): node tests/browser/journeys.test.mjs build/accord
import { assert, check, runScenario, shot, submit } from './lib.mjs';

const ITEM = 'Branch network modernisation'; // the demo's open component, with Kestrel's sealed bid

// signInHere PAGE BASE LOGIN: the sign-in form, landing on the inbox (the page every user lands on).
async function signInHere(page, base, login) {
	await page.goto(`${base}/login`);
	await page.fill('input[name=email]', login.email);
	await page.fill('input[name=password]', login.password);
	await Promise.all([page.waitForURL((u) => new URL(u).pathname !== '/login'), page.click('form[action="/login"] button[type=submit]')]);
	assert(new URL(page.url()).pathname === '/inbox', `landed on ${page.url()}, not the inbox`);
}

// saved PAGE: the one-time message a save leaves at the top of the next page.
async function saved(page) {
	const msg = page.locator('#saved[role=status]');
	assert((await msg.count()) === 1, `no saved message on ${page.url()}`);
	return (await msg.textContent()).trim();
}

// nav PAGE NAME: follows a link of the navigation.
async function nav(page, name) {
	await submit(page, page.locator(`header nav a:text-is("${name}")`));
}

// inboxItem PAGE GROUP TEXT: the link of the inbox item under the heading GROUP whose title holds TEXT.
function inboxItem(page, group, text) {
	return page.locator('section.inbox-group', { has: page.locator(`h2:has-text("${group}")`) }).locator('a', { hasText: text }).first();
}

async function main() {
	return runScenario('journeys-browser', { what: 'the journeys', seconds: 150, roles: ['unit_cio', 'contract_manager', 'provider_leadership'] }, async ({ base, login, logins, newPage }) => {
		const cio = login.unit_cio;
		const cm = login.contract_manager;
		const lead = login.provider_leadership;

		// Every person's inbox, by eye.
		for (const [who, login] of Object.entries({ cio, cm, lead, cxo: logins.buyer_cxo?.[0] })) {
			if (!login) continue;
			await check(`${who} lands on an inbox that lists what waits, with its count in the navigation`, async () => {
				const p = await newPage();
				await signInHere(p, base, login);
				const count = await p.locator('header nav a[href="/inbox"]').textContent();
				assert(/Inbox/.test(count), `navigation says ${count}`);
				await shot(p, `inbox-${who}`);
				await p.context().close();
			});
		}

		const cioPage = await newPage();
		let roadmapTitle = 'Retail 2028 journey roadmap';
		await check('the unit CIO creates a roadmap from the Roadmaps page, choosing the unit from a list', async () => {
			await signInHere(cioPage, base, cio);
			await nav(cioPage, 'Roadmaps');
			const form = cioPage.locator('form[action="/roadmaps#form-errors"]');
			assert((await form.locator('select[name=unit_id] option').count()) >= 1, 'no business unit to choose');
			await form.locator('input[name=fiscal_year]').fill('2031');
			await form.locator('input[name=title]').fill(roadmapTitle);
			await form.locator('input[name=budget]').fill('900000');
			await submit(cioPage, form.locator('button[type=submit]'));
			assert(/^\/roadmaps\/\d+$/.test(new URL(cioPage.url()).pathname), `not on the roadmap: ${cioPage.url()}`);
			assert((await cioPage.locator('h1').textContent()).includes(roadmapTitle), 'the title is not shown');
			await saved(cioPage);
		});
		await check('the unit CIO shares it with a provider picked from a list, after a confirmation naming who will see it', async () => {
			const form = cioPage.locator('form[action$="/share#form-errors"]');
			const options = await form.locator('select[name=org_id] option').allTextContents();
			assert(options.some((o) => o.includes('Kestrel')), `providers offered: ${options.join(', ')}`);
			await form.locator('select[name=org_id]').selectOption({ label: options.find((o) => o.includes('Kestrel')) });
			await submit(cioPage, form.locator('button[type=submit]'));
			assert((await cioPage.locator('.confirm').count()) === 1, 'no confirmation step');
			assert((await cioPage.locator('.confirm').textContent()).includes('Kestrel'), 'the confirmation does not name the provider');
			await shot(cioPage, 'journey-share-confirm');
			await submit(cioPage, cioPage.locator('.confirm button.danger'));
			await saved(cioPage);
			assert((await cioPage.locator('main').textContent()).includes('Kestrel'), 'Kestrel is not listed as seeing it');
		});

		const leadPage = await newPage();
		await check('the provider opens the component from its opportunities and withdraws its bid, confirming', async () => {
			await signInHere(leadPage, base, lead);
			await nav(leadPage, 'Opportunities');
			await submit(leadPage, leadPage.locator(`main a:text-is("${ITEM}")`).first());
			const withdraw = leadPage.locator('main button:has-text("Withdraw")');
			assert((await withdraw.count()) === 1, 'no withdraw button on the own bid');
			await submit(leadPage, withdraw);
			assert((await leadPage.locator('.confirm').count()) === 1, 'no confirmation before withdrawing');
			await submit(leadPage, leadPage.locator('.confirm button.danger'));
			await saved(leadPage);
			assert((await leadPage.locator('#bid .pill', { hasText: 'withdrawn' }).count()) === 1, 'the bid does not read withdrawn');
		});
		await check('the provider re-submits its bid, above budget, and is warned but stands', async () => {
			const form = leadPage.locator('#bid form[action$="/bids#form-errors"]');
			await form.locator('input[name=amount]').fill('950000');
			await form.locator('textarea[name=proposal]').fill('Phased refresh, region by region, with a pilot branch first.');
			await submit(leadPage, form.locator('button[type=submit]'));
			await saved(leadPage);
			assert((await leadPage.locator('#bid .banner.warn').count()) === 1, 'no above-budget warning');
			assert((await leadPage.locator('#bid .pill', { hasText: 'withdrawn' }).count()) === 0, 'the bid still reads withdrawn');
			await shot(leadPage, 'journey-bid-resubmitted');
		});

		await check('the unit CIO closes bidding early, after a confirmation, and the component reads evaluating', async () => {
			await nav(cioPage, 'Roadmaps');
			await submit(cioPage, cioPage.locator('main a:text-is("Retail banking: digital first")'));
			await submit(cioPage, cioPage.locator(`main a:text-is("${ITEM}")`).first());
			await submit(cioPage, cioPage.locator('#bidding button:has-text("Close bidding now")'));
			assert((await cioPage.locator('.confirm').count()) === 1, 'no confirmation before closing');
			await submit(cioPage, cioPage.locator('.confirm button.danger'));
			await saved(cioPage);
			assert(/evaluating/i.test(await cioPage.locator('main').textContent()), 'the component does not read evaluating');
		});
		const cmPage = await newPage();
		await check('the contract manager finds the bids to open in the inbox', async () => {
			await signInHere(cmPage, base, cm);
			const item = inboxItem(cmPage, 'Bids to open', ITEM);
			assert((await item.count()) === 1, 'the closed component is not in the inbox');
			await submit(cmPage, item);
		});
		await check('an award without a rationale is refused beside the field, in words', async () => {
			const form = cmPage.locator('form[action$="/award#form-errors"]');
			await submit(cmPage, form.locator('button[type=submit]'));
			const summary = cmPage.locator('#form-errors');
			assert((await summary.count()) === 1, 'no error summary');
			assert((await summary.locator('a[href="#f-rationale"]').count()) === 1, 'the summary does not link to the rationale');
			assert(new URL(cmPage.url()).hash === '#form-errors', `the page is not opened at the errors: ${cmPage.url()}`);
		});
		await check('the buyer awards with a written rationale, through a confirmation that warns above budget', async () => {
			const form = cmPage.locator('form[action$="/award#form-errors"]');
			const options = await form.locator('select[name=bid_id] option').allTextContents();
			const kestrel = options.find((o) => o.includes('Kestrel'));
			assert(kestrel, `bids offered: ${options.join(', ')}`);
			await form.locator('select[name=bid_id]').selectOption({ label: kestrel });
			await form.locator('textarea[name=rationale]').fill('The pilot branch lowers the risk of the whole refresh.');
			await submit(cmPage, form.locator('button[type=submit]'));
			const confirm = cmPage.locator('.confirm');
			assert((await confirm.count()) === 1, 'no confirmation before the award');
			assert(/above/i.test(await confirm.textContent()), 'the confirmation does not warn that the bid is above budget');
			await shot(cmPage, 'journey-award-confirm');
			await submit(cmPage, confirm.locator('button.danger'));
			await saved(cmPage);
			assert((await cmPage.locator('main').textContent()).includes('The pilot branch lowers the risk'), 'the rationale is not shown');
		});

		await check('the contract manager finds the practice awaiting approval in the inbox and approves it', async () => {
			await nav(cmPage, 'Inbox');
			const item = inboxItem(cmPage, 'Practices to approve', 'Month-end batch');
			assert((await item.count()) === 1, 'the pending practice is not in the inbox');
			await submit(cmPage, item);
			await submit(cmPage, cmPage.locator('button[name=decision][value=approve]'));
			assert((await cmPage.locator('.confirm').count()) === 1, 'no confirmation before publishing');
			await submit(cmPage, cmPage.locator('.confirm button.danger'));
			assert((await saved(cmPage)).includes('published'), 'the saved message does not say it is published');
			await nav(cmPage, 'Inbox');
			assert((await inboxItem(cmPage, 'Practices to approve', 'Month-end batch').count()) === 0, 'the approved practice is still in the inbox');
		});

		await check('the provider finds the shared issue in its inbox and answers from experience', async () => {
			await nav(leadPage, 'Inbox');
			const item = inboxItem(leadPage, 'Issues to answer', 'Weekend releases clash');
			assert((await item.count()) === 1, 'the shared issue is not in the provider\'s inbox');
			await submit(leadPage, item);
			const form = leadPage.locator('form[action$="/responses#form-errors"]');
			await form.locator('textarea[name=body]').fill('At another bank we moved releases to Tuesday nights and kept Saturdays frozen; slowdowns stopped.');
			await submit(leadPage, form.locator('button[type=submit]'));
			await saved(leadPage);
			await nav(leadPage, 'Inbox');
			assert((await inboxItem(leadPage, 'Issues to answer', 'Weekend releases clash').count()) === 0, 'the answered issue is still in the inbox');
		});

		await check('the buyer finds the answer in its inbox and replies on the issue thread', async () => {
			await nav(cmPage, 'Inbox');
			const item = inboxItem(cmPage, 'Answers to read', 'Weekend releases clash');
			assert((await item.count()) === 1, 'the answer is not in the buyer\'s inbox');
			await submit(cmPage, item);
			const form = cmPage.locator('form[action$="/replies#form-errors"]');
			await form.locator('textarea[name=body]').fill('Thank you: could you propose a Tuesday calendar for the next quarter?');
			await submit(cmPage, form.locator('button[type=submit]'));
			await saved(cmPage);
			assert((await cmPage.locator('main').textContent()).includes('propose a Tuesday calendar'), 'the reply is not in the thread');
			await shot(cmPage, 'journey-issue-thread');
			await nav(cmPage, 'Inbox');
			assert((await inboxItem(cmPage, 'Answers to read', 'Weekend releases clash').count()) === 0, 'the answer is still to read after the reply');
		});
		await check('the reply puts the issue back in the provider\'s inbox', async () => {
			await nav(leadPage, 'Inbox');
			assert((await inboxItem(leadPage, 'Issues to answer', 'Weekend releases clash').count()) === 1, 'the provider is not told of the reply');
		});
	});
}

process.exitCode = await main();
