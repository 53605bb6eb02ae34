/**
 * A succession checklist item links the authority's library documents: they show on the item
 * and in the printable handover pack; another authority's document is not offered. axe on
 * every page.
 */
import { test, expect, visit, checkA11y, signIn, signOut } from '../fixtures';

test('link the corporate parenting strategy to a checklist item and find it in the handover pack', async ({ page }) => {
	test.setTimeout(150_000);
	await signIn(page, 'member@example.org');
	await page.getByRole('link', { name: 'Succession', exact: true }).click();
	await expect(page).toHaveURL(/\/succession\/\d+$/);
	const checklist = new URL(page.url()).pathname;
	await visit(page, `${checklist}/items/corporate-parenting`);
	await expect(page.getByRole('heading', { level: 1, name: 'Corporate parenting panel and visit rota' })).toBeVisible();
	const section = page.getByRole('region', { name: 'Library documents' });
	// The demo links Lancashire's strategy; only Lancashire's own shared documents are offered
	// (not Manchester's induction pack, not Tom's private draft).
	await expect(section.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await expect(section.getByRole('checkbox', { name: /Corporate parenting strategy 2026 to 2029/ })).toBeChecked();
	await expect(section.getByText('Induction pack for new Lead Members – North West')).toHaveCount(0);
	await expect(section.getByText('Staying put to 25: a note for the cabinet (draft)')).toHaveCount(0);

	// Take it off, then put it back.
	await section.getByRole('checkbox', { name: /Corporate parenting strategy 2026 to 2029/ }).uncheck();
	await section.getByRole('button', { name: 'Save linked documents' }).click();
	await expect(page.getByText('No library documents are linked to this item yet.')).toBeVisible();
	await checkA11y(page);
	await section.getByRole('checkbox', { name: /Corporate parenting strategy 2026 to 2029/ }).check();
	await section.getByRole('button', { name: 'Save linked documents' }).click();
	await expect(page.getByText('The linked documents are saved. They are in the handover pack too.')).toBeVisible();
	await expect(section.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await checkA11y(page);

	await visit(page, `${checklist}/handover`);
	const item = page.locator('.handover-item', { hasText: 'Corporate parenting panel and visit rota' });
	await expect(item.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' })).toHaveAttribute('href', /^\/library\/\d+$/);
	await expect(item).toContainText('Strategy or policy, PDF');
	// On paper the address is printed beside it.
	await page.emulateMedia({ media: 'print' });
	await expect(item.locator('.print-url')).toBeVisible();
	await expect(item.locator('.print-url')).toContainText(/\/library\/\d+$/);
});

test('the region’s coordinator sees the linked document but cannot change the links', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	await page.getByRole('link', { name: 'Succession', exact: true }).click();
	await expect(page).toHaveURL(/\/succession\/\d+$/);
	const checklist = new URL(page.url()).pathname;
	await signOut(page);
	await signIn(page, 'coordinator@example.org');
	await visit(page, `${checklist}/items/corporate-parenting`);
	const section = page.getByRole('region', { name: 'Library documents' });
	await expect(section.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await expect(section.getByRole('button', { name: 'Save linked documents' })).toHaveCount(0);
});
