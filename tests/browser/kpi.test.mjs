// kpi.test.mjs: service levels in headless Chromium, from the engagement page and without typing an id or a URL — the contract manager copies a KPI from the template library and defines it; the provider imports its monthly figures from a CSV file and sees them, and a refused import lists every bad row; the buyer disputes a value and the provider's leadership finds it in its inbox and answers.
// Usage (from the repository root): node tests/browser/kpi.test.mjs build/accord
import { assert, check, runScenario, shot, signIn, submit } from './lib.mjs';

// Digital channels development: the demo engagement of Northwind and Kestrel without KPIs (the demo's delivery story gives Core banking its own, docs/delivery.md "The demo").
const ENGAGEMENT = 'Digital channels development';

// The month `back` months before this one, YYYY-MM (the server takes the system date as today).
function month(back) {
	const d = new Date();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() - back);
	return d.toISOString().slice(0, 7);
}

// openServiceLevels PAGE: from the engagements list to the engagement, then its "Service levels".
async function openServiceLevels(page) {
	await submit(page, page.locator(`main a:text-is("${ENGAGEMENT}")`).first());
	await submit(page, page.locator('main a:text-is("Service levels")'));
	assert(/^\/engagements\/\d+\/kpis$/.test(new URL(page.url()).pathname), `not the service levels page: ${page.url()}`);
}

async function main() {
	return runScenario('kpi-browser', { what: 'the KPI browser test', seconds: 90, today: null, roles: ['contract_manager', 'provider_leadership'] }, async ({ base, login, newPage }) => {
		const cm = login.contract_manager;
		const lead = login.provider_leadership;

		const buyer = await newPage();
		await check('the contract manager copies "Availability" from the template library and defines it', async () => {
			await signIn(buyer, base, cm);
			await openServiceLevels(buyer);
			assert((await buyer.locator('#kpis').textContent()).includes('No KPI is defined yet'), 'the demo engagement already has KPIs');
			await buyer.selectOption('select[name=template]', 'it-availability');
			await submit(buyer, buyer.locator('#define button', { hasText: 'Copy' }));
			assert((await buyer.inputValue('#define input[name=name]')) === 'Availability', 'the template did not fill the name');
			assert((await buyer.inputValue('#define input[name=target]')) === '99.9', 'the template did not fill the target');
			await shot(buyer, 'kpi-define-from-template');
			await submit(buyer, buyer.locator('#define button', { hasText: 'Define the KPI' }));
			assert(/^\/kpis\/\d+$/.test(new URL(buyer.url()).pathname), `not the KPI's page: ${buyer.url()}`);
			assert((await buyer.locator('.banner.ok').textContent()).includes('KPI “Availability” defined.'), 'no saved message');
		});

		const provider = await newPage();
		await check('the provider imports its monthly figures from a CSV file and sees them', async () => {
			await signIn(provider, base, lead);
			await openServiceLevels(provider);
			// A file chosen from disk, as a spreadsheet saves it (a byte-order mark, CR LF line ends).
			const csv = `\uFEFFkpi,period,value,note\r\nAvailability,${month(2)},99.95,\r\nAvailability,${month(1)},99.2,"two outages, 4 hours"\r\n`;
			await provider.setInputFiles('#import input[type=file][name=file]', { name: 'availability.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
			await submit(provider, provider.locator('#import button', { hasText: 'Import' }));
			assert((await provider.locator('.banner.ok').textContent()).includes('Imported: 2 new, 0 replaced, 0 unchanged.'), 'no import message');
			const row = await provider.locator('#kpis tbody tr', { hasText: 'Availability' }).textContent();
			assert(row.includes(`${month(1)}: 99.2`) && row.includes('missed'), `the latest value is not shown: ${row}`);
			await submit(provider, provider.locator('#kpis a:text-is("Availability")'));
			const values = await provider.locator('#values').textContent();
			assert(values.includes('99.95') && values.includes('two outages, 4 hours') && values.includes('met') && values.includes('missed'), `the values are not listed: ${values.slice(0, 300)}`);
			await shot(provider, 'kpi-values-after-import');
		});

		await check('a refused import lists every bad row and imports nothing', async () => {
			await openServiceLevels(provider).catch(async () => {
				await provider.goto(`${base}/`);
				await openServiceLevels(provider);
			});
			await provider.fill('#import textarea[name=csv]', `Availability,${month(3)},99.9\nUptime,${month(3)},99\nAvailability,2999-01,99\nAvailability,${month(4)},high\n`);
			await submit(provider, provider.locator('#import button', { hasText: 'Import' }));
			const bad = await provider.locator('#bad-rows').textContent();
			assert(bad.includes('Line 2: unknown KPI "Uptime"') && bad.includes('Line 3:') && bad.includes('Line 4: value "high" is not a number'), `the bad rows are not listed: ${bad}`);
			assert(!bad.includes('Line 1:'), 'a good row is listed as bad');
			assert((await provider.inputValue('#import textarea[name=csv]')).includes('Uptime'), 'the pasted rows are lost');
			await shot(provider, 'kpi-import-refused');
			const row = await provider.locator('#kpis tbody tr', { hasText: 'Availability' }).textContent();
			assert(!row.includes(month(3)), 'a row of the refused import was written');
		});

		await check('a spreadsheet chosen instead of a CSV file is refused in words beside the file', async () => {
			await provider.fill('#import textarea[name=csv]', '');
			await provider.setInputFiles('#import input[type=file][name=file]', { name: 'figures.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x14]) });
			await submit(provider, provider.locator('#import button', { hasText: 'Import' }));
			const summary = await provider.locator('#form-errors').textContent();
			assert(summary.includes('figures.xlsx is not UTF-8 text'), `no clear error for a binary file: ${summary}`);
			assert(await provider.locator('#import input[type=file][aria-invalid=true]').count() === 1, 'the error is not beside the file');
		});

		await check('the buyer disputes the missed month and the provider answers', async () => {
			await buyer.goto(`${base}/`);
			await openServiceLevels(buyer);
			await submit(buyer, buyer.locator('#kpis a:text-is("Availability")'));
			const row = buyer.locator('#values tbody tr', { hasText: month(1) });
			await row.locator('summary', { hasText: 'Dispute this value' }).click();
			await row.locator('textarea[name=reason]').fill('The outage of the 12th lasted longer.');
			await submit(buyer, row.locator('button', { hasText: 'Dispute' }));
			assert((await buyer.locator('.banner.ok').textContent()).includes('Value disputed.'), 'no saved message');
			// The dispute waits in the inbox of the provider's leadership, and leads to the value.
			await provider.goto(`${base}/inbox`);
			const item = provider.locator('main a', { hasText: `Answer the dispute of "Availability" for ${month(1)}` });
			assert(await item.count() === 1, 'the dispute is not in the provider leadership\'s inbox');
			await submit(provider, item);
			assert(/^\/kpis\/\d+$/.test(new URL(provider.url()).pathname) && new URL(provider.url()).hash.startsWith('#m'), `the inbox item does not lead to the value: ${provider.url()}`);
			const prow = provider.locator('#values tbody tr', { hasText: month(1) });
			assert((await prow.textContent()).includes('The outage of the 12th lasted longer.'), 'the provider does not see the dispute');
			await prow.locator('summary', { hasText: 'Answer the dispute' }).click();
			await prow.locator('textarea[name=answer]').fill('Confirmed by the monitoring logs.');
			await submit(provider, prow.locator('button', { hasText: 'Send the answer' }));
			await provider.goto(`${base}/inbox`);
			assert(await provider.locator('main a', { hasText: 'Answer the dispute of "Availability"' }).count() === 0, 'the answered dispute is still in the inbox');
			await buyer.reload();
			const brow = await buyer.locator('#values tbody tr', { hasText: month(1) }).textContent();
			assert(brow.includes('disputed') && brow.includes('Confirmed by the monitoring logs.'), `the buyer does not see the answer: ${brow}`);
			await shot(buyer, 'kpi-disputed-and-answered');
		});
	});
}

process.exitCode = await main();
