import type { Browser, Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, signOut, unique } from '../fixtures';

/** The readiness percentage shown on the checklist page. */
async function readiness(page: Page): Promise<number> {
	const text = await page.getByRole('region', { name: 'Readiness' }).locator('.big').innerText();
	return Number(text.replace('%', ''));
}

/** A signed-in page of its own for a second member. */
async function secondMember(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

test('a Lead Member updates items and watches the score change', async ({ page }) => {
	// Many pages, each checked with axe.
	test.setTimeout(180_000);
	await signIn(page, 'member@example.org');
	await page.getByRole('link', { name: 'Succession', exact: true }).click();
	await expect(page).toHaveURL(/\/succession\/\d+$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Succession checklist' })).toBeVisible();
	await expect(page.getByText('Lancashire · North West')).toBeVisible();
	await checkA11y(page);
	const start = await readiness(page);
	expect(start).toBeGreaterThan(0);
	await expect(page.getByRole('region', { name: 'Readiness' })).toContainText(/Amber|Red|Green/);
	await expect(page.getByRole('region', { name: 'Next election' })).toContainText('6 May 2027');

	// The quick status change beside an item.
	await page.getByLabel('Status of “The possible successor knows and is willing”').selectOption('done');
	await page.getByRole('button', { name: 'Update status of “The possible successor knows and is willing”' }).click();
	await expect(page.getByRole('status')).toContainText('Saved: The possible successor knows and is willing is now “Done”');
	const afterQuick = await readiness(page);
	expect(afterQuick).toBeGreaterThan(start);
	await checkA11y(page);

	// The full edit form, with bad input first.
	await page.getByRole('link', { name: 'The Lead Member’s statutory duties' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'The Lead Member’s statutory duties' })).toBeVisible();
	await checkA11y(page);
	await page.getByLabel('Due date (optional)').fill('2099-01-01');
	await page.getByLabel('Evidence note (optional)').fill('x'.repeat(5_001));
	await page.getByRole('button', { name: 'Save item' }).click();
	const problem = page.getByRole('alert');
	await expect(problem).toContainText(/Enter a due date between \d+ \w+ \d{4} and \d+ \w+ \d{4}/);
	await expect(problem).toContainText('Enter an evidence note of at most 5,000 characters');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('Due date (optional)')).toHaveValue('2099-01-01');
	await checkA11y(page);

	const note = `Monitoring officer’s summary filed ${unique('n')}`;
	await page.getByLabel('Done', { exact: true }).check();
	await page.getByLabel('Or the name of someone who is not a member').fill('Monitoring officer');
	await page.getByLabel('Due date (optional)').fill('2027-01-29');
	await page.getByLabel('Evidence note (optional)').fill(note);
	await page.getByRole('button', { name: 'Save item' }).click();
	await expect(page).toHaveURL(/\/succession\/\d+\?saved=statutory-duties/);
	await expect(page.getByRole('status')).toContainText('The Lead Member’s statutory duties is now “Done”');
	expect(await readiness(page)).toBeGreaterThan(afterQuick);
	const item = page.locator('#item-statutory-duties');
	await expect(item).toContainText('Owner: Monitoring officer');
	await expect(item).toContainText(note);
	await checkA11y(page);

	// The history says who changed what, from what, to what.
	await page.getByRole('link', { name: 'History of changes' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'History of changes' })).toBeVisible();
	const firstRow = page.getByRole('row').filter({ hasText: 'The Lead Member’s statutory duties' }).filter({ hasText: 'Status: Not started' });
	await expect(firstRow).toContainText('Tom Ashworth');
	await expect(firstRow).toContainText('Done');
	await checkA11y(page);
});

test('the election date is checked, saved and counted down', async ({ page }) => {
	await signIn(page, 'aisha.patel@example.org');
	await visit(page, '/succession');
	await page.getByLabel('Date of the next election').fill('2020-05-07');
	await page.getByRole('button', { name: 'Save election date' }).click();
	await expect(page.getByRole('alert')).toContainText('it must be today or in the future');
	await expect(page).toHaveTitle(/^Error: /);
	await checkA11y(page);
	await page.getByLabel('Date of the next election').fill('2027-05-06');
	await page.getByRole('button', { name: 'Save election date' }).click();
	await expect(page.getByRole('status')).toContainText('The next election date is saved');
	await expect(page.getByRole('region', { name: 'Next election' })).toContainText(/in \d+ days/);
	await checkA11y(page);
});

test('two members saving the same item: the later one is told and loses nothing', async ({ page, browser }) => {
	// Many pages, each checked with axe.
	test.setTimeout(180_000);
	await signIn(page, 'member@example.org');
	await visit(page, '/succession');
	const url = page.url();
	const other = await secondMember(browser, 'aisha.patel@example.org');

	await visit(page, `${url}/items/opposition-aware`);
	await visit(other, `${url}/items/opposition-aware`);

	const first = `Sent the note to the other groups ${unique('a')}`;
	await page.getByLabel('In progress', { exact: true }).check();
	await page.getByLabel('Evidence note (optional)').fill(first);
	await page.getByRole('button', { name: 'Save item' }).click();
	await expect(page).toHaveURL(/saved=opposition-aware/);

	const second = `Spoke to the spokespeople instead ${unique('b')}`;
	await other.getByLabel('Done', { exact: true }).check();
	await other.getByLabel('Evidence note (optional)').fill(second);
	await other.getByRole('button', { name: 'Save item' }).click();
	const warning = other.getByRole('alert').filter({ hasText: 'This item changed while you were editing it' });
	await expect(warning).toContainText('Tom Ashworth');
	await expect(warning).toContainText(first);
	await expect(warning).toContainText('In progress');
	await expect(other.getByLabel('Evidence note (optional)')).toHaveValue(second);
	await checkA11y(other);

	// Saving again, knowingly, goes through.
	await other.getByRole('button', { name: 'Save item' }).click();
	await expect(other).toHaveURL(/saved=opposition-aware/);
	await expect(other.locator('#item-opposition-aware')).toContainText(second);
	await other.context().close();
});

test('the handover pack prints without the site around it', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/succession');
	await page.getByRole('link', { name: 'Handover pack (printable)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Handover pack: succession checklist' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Key contacts' })).toBeVisible();
	await checkA11y(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print the handover pack' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: 'Handover pack: succession checklist' })).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	await signOut(page);
});
