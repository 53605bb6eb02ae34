/**
 * Library documents attached to posts, with and without JavaScript: "Share it in a discussion"
 * from a library page, a regional document refused in a national thread (message beside the
 * field, input kept), the documents under the post with kind, title, file type and size, the link
 * in the email about the post, and an edit that changes them. axe on every page.
 */
import { test, expect, visit, checkA11y, signIn, waitForMail, unique } from '../fixtures';

async function libraryHref(page: import('@playwright/test').Page, title: string): Promise<string> {
	await visit(page, '/library');
	return (await page.getByRole('link', { name: title }).getAttribute('href'))!;
}

test('start a thread with a library document, with JavaScript', async ({ page }) => {
	test.setTimeout(180_000);
	const word = unique('curlew');
	const title = `Pledges that children in care chose ${word}`;
	await signIn(page, 'member@example.org');
	const induction = await libraryHref(page, 'Induction pack for new Lead Members – North West');
	await page.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('link', { name: 'Share it in a discussion' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Start a discussion' })).toBeVisible();
	// The document is already ticked, inside an open disclosure.
	await expect(page.getByRole('checkbox', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeChecked();
	await checkA11y(page);

	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill(`Our strategy is attached, and the region's induction pack. @sarah-holroyd, does this match yours? ${word}`);
	// A North West document in a thread everyone can read: refused, and nothing is lost.
	await page.getByLabel('Other library documents').fill(induction);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.getByRole('link', { name: /“Induction pack for new Lead Members – North West” is shared only within its region/ })).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await expect(page.getByLabel('Other library documents')).toHaveValue(induction);
	await expect(page.getByRole('checkbox', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeChecked();
	await checkA11y(page);

	await page.getByLabel('Other library documents').fill('');
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const attached = page.getByRole('region', { name: /Attached from the library \(post 1\)/ });
	await expect(attached.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await expect(attached).toContainText('Strategy or policy');
	await expect(attached).toContainText(/PDF, \d+(\.\d+)? (KB|bytes)/);
	await checkA11y(page);

	// The mentioned member's email links to the document.
	const mail = await waitForMail('mentor@example.org', new RegExp(`mentioned you in “${title}”`));
	expect(mail.text).toContain('Attached from the library:');
	expect(mail.text).toMatch(/Corporate parenting strategy 2026 to 2029 – Strategy or policy · PDF/);
	expect(mail.text).toMatch(/\/library\/\d+/);
});

test('reply with a pasted library link and edit it away, without JavaScript', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const page = await context.newPage();
	try {
		const word = unique('dunlin');
		// A North West member without two-factor sign-in (parallel specs sign the coordinator in with one-time codes).
		await signIn(page, 'aisha.patel@example.org', undefined, { axe: false });
		await page.goto('/library');
		const scorecard = (await page.getByRole('link', { name: 'Corporate parenting board: quarterly scorecard template' }).getAttribute('href'))!;
		await page.goto('/threads');
		await page.getByRole('link', { name: 'North West network meeting on 9 December – agenda suggestions' }).click();
		await expect(page).toHaveURL(/\/threads\/\d+$/);
		const thread = new URL(page.url()).pathname;

		// A link that is not a library address: refused beside the field, the reply kept.
		await page.getByText('Attach documents or upload a file (optional)').click();
		await page.getByLabel('Your reply').fill(`The scorecard for item 3 of the agenda. ${word}`);
		await page.getByLabel('Library documents', { exact: true }).fill('https://example.com/not-ours');
		await page.getByRole('button', { name: 'Post reply' }).click();
		await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(page.getByText('Error: “https://example.com/not-ours” is not a library link.', { exact: false })).toBeVisible();
		await expect(page.getByLabel('Your reply')).toHaveValue(`The scorecard for item 3 of the agenda. ${word}`);

		await page.getByLabel('Library documents', { exact: true }).fill(new URL(scorecard, baseURL).href);
		await page.getByRole('button', { name: 'Post reply' }).click();
		await expect(page).toHaveURL(/\?post=\d+#post-\d+$/);
		const post = page.locator('article.post', { hasText: word });
		await expect(post.getByRole('link', { name: 'Corporate parenting board: quarterly scorecard template' })).toBeVisible();
		await expect(post).toContainText('CSV spreadsheet');

		// Edit: untick it. The post keeps its text and loses the document.
		await post.getByRole('link', { name: /^Edit/ }).click();
		await expect(page.getByRole('checkbox', { name: 'Corporate parenting board: quarterly scorecard template' })).toBeChecked();
		await page.getByRole('checkbox', { name: 'Corporate parenting board: quarterly scorecard template' }).uncheck();
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByText('Your changes are saved.')).toBeVisible();
		await expect(page.locator('article.post', { hasText: word }).getByRole('link', { name: 'Corporate parenting board: quarterly scorecard template' })).toHaveCount(0);
		expect(new URL(page.url()).pathname).toBe(thread);
	} finally {
		await context.close();
	}
});

test('axe on the reply form with documents to choose', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	await visit(page, '/threads');
	await page.getByRole('link', { name: 'North West network meeting on 9 December – agenda suggestions' }).click();
	await page.getByText('Attach documents or upload a file (optional)').click();
	// His own shared documents are offered; his private draft is not.
	await expect(page.getByRole('checkbox', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /^Staying put to 25: a note for the cabinet/ })).toHaveCount(0);
	await checkA11y(page);
	// The demo reply with two North West documents shows them both.
	const demo = page.getByRole('region', { name: /Attached from the library/ }).filter({ hasText: 'Induction pack for new Lead Members – North West' });
	await expect(demo.getByRole('link')).toHaveCount(2);
	await page.setViewportSize({ width: 390, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
