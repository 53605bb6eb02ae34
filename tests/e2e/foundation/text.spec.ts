/** Small text: spaces where Svelte would drop them, and error summaries in the order of the fields. */
import { test, expect, visit, signIn } from '../fixtures';

test('the home page puts a space before the dash of a note (“…link – 3 new replies”)', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/');
	// Each item of "your week" is a link, then its note after a dash: "Readiness 64% – 3 of 9 sections done".
	const notes = page.locator('main li').filter({ has: page.locator('a') }).filter({ hasText: '–' });
	await expect(notes.first()).toBeVisible();
	const texts = await notes.allInnerTexts();
	for (const text of texts) expect(text).not.toMatch(/\S–\s/);
	expect(texts.some((t) => /\S – \S/.test(t))).toBe(true);
});

test('the error summary lists errors in the order of the fields', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/threads/new');
	await page.getByRole('button', { name: /^Post/ }).first().click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	const targets = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice(1)));
	expect(targets.length).toBeGreaterThanOrEqual(3);
	const onPage = await page.evaluate((ids) => {
		const els = ids.map((id) => document.getElementById(id)!);
		return [...els].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)).map((e) => e.id);
	}, targets);
	expect(targets).toEqual(onPage);
	expect(targets.slice(0, 3)).toEqual(['title', 'categoryId', 'body']);
});

test('without JavaScript the error summary is in the order of the fields too', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'member@example.org', undefined, { axe: false });
	await page.goto('/threads/new');
	await page.getByRole('button', { name: /^Post/ }).first().click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	const targets = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice(1)));
	expect(targets.slice(0, 3)).toEqual(['title', 'categoryId', 'body']);
	await context.close();
});
