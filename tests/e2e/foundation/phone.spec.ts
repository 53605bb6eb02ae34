/** A 390px phone: tables scroll inside their own box (the page never does), and filter buttons look like buttons. */
import { test, expect, signIn, visit } from '../fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('the coordinator’s region table scrolls in its own labelled box, which the keyboard can reach', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/succession/regions/north-west'); // visit checks the page itself fits 390px
	const box = page.getByRole('region', { name: 'Authorities in North West' });
	await expect(box.getByRole('table')).toBeVisible();
	const { scrollWidth, clientWidth } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
	expect(scrollWidth, 'the table is wider than a phone, so its box scrolls').toBeGreaterThan(clientWidth);
	await box.focus();
	await expect(box).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a long email address in a confirmation wraps instead of widening the page', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/invite');
	const email = `a.very.long.address.for.a.lead.member.${Date.now()}@children-and-families.council.example.org`;
	await page.getByLabel('Full name').fill('Long Address');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Authority').selectOption({ label: 'Bolton' });
	await page.getByLabel('Position').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('status')).toContainText(email);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the Filter button on the grey filter panel looks like a button', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/training');
	const button = page.getByRole('button', { name: 'Filter' });
	const look = await button.evaluate((el) => {
		const panel = el.closest('.filters') ?? el.parentElement!;
		const s = getComputedStyle(el);
		return { button: s.backgroundColor, panel: getComputedStyle(panel).backgroundColor, shadow: s.boxShadow };
	});
	expect(look.button, 'the button stands out from the panel behind it').not.toBe(look.panel);
	expect(look.shadow, 'it has the GOV.UK button’s shadow').not.toBe('none');
});
