import { test, expect, checkA11y, visit, signIn, unique } from '../fixtures';

/** "In the last 12 months: 3 entries, 12.5 hours." → 12.5 */
async function summaryHours(page: import('@playwright/test').Page): Promise<number> {
	const text = await page.getByTestId('summary-totals').innerText();
	const m = /:\s*([\d.,]+) hours?/.exec(text);
	return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

test('a member logs two entries, sees the summary change, and downloads the log as CSV', async ({ page }) => {
	test.slow();
	const tag = unique('log');
	await signIn(page, 'aisha.patel@example.org');
	await visit(page, '/training');
	await expect(page.getByRole('heading', { level: 1, name: 'Your training log' })).toBeVisible();

	await visit(page, '/training/summary');
	const before = await summaryHours(page);
	expect(before).toBeGreaterThanOrEqual(0);

	// Bad input is refused with messages, and what was typed is kept.
	await visit(page, '/training/new');
	await page.getByLabel('Title').fill('x'.repeat(201));
	await page.getByLabel('Hours').fill('13');
	await page.getByLabel('Date', { exact: true }).fill('2099-01-01');
	await page.getByRole('button', { name: 'Add to my log' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Enter a title of at most 200 characters');
	await expect(summary).toContainText('Choose the kind of learning');
	await expect(summary).toContainText('The date must be today or in the past');
	await expect(page.getByLabel('Hours')).toHaveValue('13');
	await expect(page).toHaveTitle(/^Error: Log learning/);
	await checkA11y(page);

	// First entry: a single day.
	await page.getByLabel('Title').fill(`Visit to a family hub ${tag}`);
	await page.getByLabel('Informal or on-the-job learning').check();
	await page.getByLabel('Date', { exact: true }).fill('2026-11-10');
	await page.getByLabel('Hours').fill('0');
	await page.getByRole('button', { name: 'Add to my log' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter hours of more than 0');
	await page.getByLabel('Hours').fill('2.5');
	await page.getByLabel('Early help and family support').check();
	await page.getByLabel('What I learnt, and what I’ll do (optional)').fill('Waiting lists are long; ask for the figures.');
	await page.getByRole('button', { name: 'Add to my log' }).click();
	await expect(page).toHaveURL(/\/training\?added=\d+/);
	await expect(page.getByRole('status')).toContainText(`Visit to a family hub ${tag}`);
	await checkA11y(page);

	// Second entry: two days, with a formula-looking title that the CSV must neutralise.
	await page.getByRole('link', { name: 'Log learning' }).click();
	await page.getByLabel('Title').fill(`=SEND conference ${tag}`);
	await page.getByLabel('National network or conference').check();
	await page.getByLabel('Date', { exact: true }).fill('2026-11-02');
	await page.getByLabel('Last day (optional)').fill('2026-11-03');
	await page.getByLabel('Hours').fill('10');
	await page.getByLabel('SEND', { exact: true }).check();
	await page.getByRole('button', { name: 'Add to my log' }).click();
	await expect(page).toHaveURL(/\/training\?added=\d+/);

	await visit(page, '/training/summary');
	expect(await summaryHours(page)).toBeCloseTo(before + 12.5, 5);
	await expect(page.getByRole('img', { name: 'Hours by kind of learning' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Hours by kind of learning' })).toContainText('National network or conference');

	// The CSV download.
	const csv = await page.request.get('/training/export.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(csv.headers()['content-disposition']).toMatch(/attachment; filename="training-log-\d{4}-\d{2}-\d{2}\.csv"/);
	const body = await csv.text();
	expect(body.startsWith('\uFEFF')).toBe(true);
	expect(body).toContain('\r\n');
	expect(body).toContain(`Visit to a family hub ${tag}`);
	expect(body).toContain(`'=SEND conference ${tag}`);
	expect(body).toContain('2026-11-02,2026-11-03');

	// The entry page, edit and delete.
	await visit(page, '/training?period=12m');
	await page.getByRole('link', { name: `Visit to a family hub ${tag}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Visit to a family hub ${tag}`);
	await checkA11y(page);
	await page.getByRole('link', { name: 'Change this entry' }).click();
	await checkA11y(page);
	await page.getByLabel('Last day (optional)').fill('2026-11-09');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert')).toContainText('The last day must be the same as or after the first day');
	await page.getByLabel('Last day (optional)').fill('');
	await page.getByLabel('Hours').fill('3');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toContainText('Your changes have been saved');
	await expect(page.getByText('3 hours')).toBeVisible();
	await page.getByRole('link', { name: 'Delete this entry' }).click();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Yes, delete it' }).click();
	await expect(page.getByRole('status')).toContainText('The entry has been deleted');
	await expect(page.getByRole('link', { name: `Visit to a family hub ${tag}` })).toHaveCount(0);
});

test('filters, gaps and the printable record', async ({ page }) => {
	test.slow();
	await signIn(page, 'member@example.org');
	await visit(page, '/training?kind=induction');
	await expect(page.getByRole('link', { name: /induction/i }).first()).toBeVisible();
	await expect(page.getByRole('link', { name: /family hub/ })).toHaveCount(0);
	await visit(page, '/training?topic=youth-justice&period=12m');
	await expect(page.getByText('No entries match')).toBeVisible();

	await visit(page, '/training/gaps');
	await expect(page.getByRole('heading', { name: 'Gaps', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: /Log learning on Youth justice/ })).toBeVisible();
	await page.getByRole('link', { name: /Log learning on Youth justice/ }).click();
	await expect(page.getByLabel('Youth justice')).toBeChecked();
	await checkA11y(page);

	await visit(page, '/training/record');
	await expect(page.getByRole('heading', { level: 1, name: 'Training record' })).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: 'Lancashire' })).toBeVisible();
	await expect(page.getByRole('table', { name: /Learning in the period/ })).toContainText('New cabinet members’ induction');
	await page.getByLabel('Include what I learnt and what I’ll do').check();
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page.getByText(/meet the DCS every fortnight/)).toBeVisible();
	await checkA11y(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Show' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: 'Training record' })).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
});

test('another member’s entry is not found, whatever the id', async ({ page, browser }) => {
	test.slow();
	await signIn(page, 'member@example.org');
	await visit(page, '/training');
	const href = await page.getByRole('link', { name: /induction/i }).first().getAttribute('href');
	const id = href!.split('/').pop();

	const context = await browser.newContext();
	const other = await context.newPage();
	await signIn(other, 'gemma.lightfoot@example.org');
	for (const path of [`/training/entries/${id}`, `/training/entries/${id}/edit`, `/training/entries/${id}/delete`, '/training/entries/abc', '/training/members/1']) {
		const res = await other.goto(path);
		expect(res?.status(), path).toBe(404);
	}
	await checkA11y(other);
	const post = await other.request.post(`/training/entries/${id}/delete`, { form: {}, headers: { origin: new URL(other.url()).origin } });
	expect(post.status()).toBe(404);
	const region = await other.goto('/training/region');
	expect(region?.status()).toBe(404);
	await context.close();
});
