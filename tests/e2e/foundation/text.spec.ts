/** Small text: spaces where Svelte would drop them, and error summaries in the order of the fields. */
import { test, expect, visit, signIn } from '../fixtures';

test('the home page puts a space before the dash of “– 3 new replies”', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/');
	const notes = page.locator('main li').filter({ hasText: /new repl(y|ies)/ });
	await expect(notes.first()).toBeVisible();
	for (const text of await notes.allInnerTexts()) expect(text).toMatch(/\S – \d+ new repl(y|ies)$/);
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
