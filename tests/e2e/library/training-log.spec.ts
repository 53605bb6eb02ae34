/**
 * "Add to my training log" from a library document: the log form starts from the document, the
 * member adds the hours and confirms, and the entry links back to it. axe on every page.
 */
import { test, expect, visit, checkA11y, signIn } from '../fixtures';

test('add a case study to my training log', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'aisha.patel@example.org');
	await visit(page, '/library');
	await page.getByRole('link', { name: 'Giving the Children in Care Council real influence' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Giving the Children in Care Council real influence' })).toBeVisible();
	await page.getByRole('link', { name: 'Add to my training log' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Log learning' })).toBeVisible();
	await expect(page.getByText('From the library: Giving the Children in Care Council real influence (Case study)')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue('Read: Giving the Children in Care Council real influence');
	await expect(page.getByLabel('Informal or on-the-job learning')).toBeChecked();
	await expect(page.getByLabel('Provider (optional)')).toHaveValue('Leeds');
	await checkA11y(page);

	// The member confirms with the hours it took; a missing value is asked for and the rest kept.
	await page.getByRole('button', { name: 'Add to my log' }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue('Read: Giving the Children in Care Council real influence');
	await checkA11y(page);
	await page.getByLabel('Hours').fill('1.5');
	await page.getByRole('button', { name: 'Add to my log' }).click();
	await expect(page).toHaveURL(/\/training\?added=\d+$/);
	await checkA11y(page);
	await page.getByRole('link', { name: 'Read: Giving the Children in Care Council real influence' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Read: Giving the Children in Care Council real influence' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Giving the Children in Care Council real influence', exact: true })).toHaveAttribute('href', /^\/library\/\d+$/);
	await checkA11y(page);
});
