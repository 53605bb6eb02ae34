/**
 * Search forgives a typo (issue 18): a search that finds nothing offers the nearest words members
 * have written, as a link that runs the search — and never a word from a thread the member cannot see.
 */
import { test, expect, visit, signIn, checkA11y } from '../fixtures';

test('a misspelt search offers "Did you mean …?", and the link runs the search', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/threads/search');
	await page.getByLabel('Words to search for').fill('ofsted framwork');
	await page.getByRole('button', { name: 'Search', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'No results' })).toBeVisible();
	await expect(page.locator('.search-suggestion')).toHaveText('Did you mean: ofsted framework?');
	await checkA11y(page);

	await page.getByRole('link', { name: 'ofsted framework' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Results' })).toBeVisible();
	await expect(page.getByLabel('Words to search for')).toHaveValue('ofsted framework');
	await expect(page.getByRole('link', { name: 'How do you prepare for an ILACS inspection as a new Lead Member?' })).toBeVisible();
	await expect(page.locator('.search-suggestion')).toHaveCount(0);
	await checkA11y(page);
});

test('works without JavaScript, keeping the filters', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'member@example.org', undefined, { axe: false });
	await page.goto('/threads/search?q=placemnets&category=budgets');
	await expect(page.locator('.search-suggestion')).toHaveText('Did you mean: placements?');
	await page.getByRole('link', { name: 'placements' }).click();
	await expect(page).toHaveURL(/\?q=placements&category=budgets$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Results' })).toBeVisible();
	await context.close();
});
