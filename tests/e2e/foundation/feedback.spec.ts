/**
 * Feedback people can see: after saving on a long page the confirmation is where the eye is —
 * the notification banner, focused and on screen (with and without JavaScript), or, for a
 * succession item, the confirmation and the new score beside the item saved.
 */
import type { Page } from '@playwright/test';
import { test, expect, visit, checkA11y, signIn, signOut, unique } from '../fixtures';

test.describe.configure({ timeout: 180_000 });

/** The success banner is on screen and has the focus (so a screen reader reads it out). */
async function bannerSeen(page: Page, text: string | RegExp) {
	const banner = page.getByRole('status').filter({ hasText: text });
	await expect(banner).toBeVisible();
	await expect(banner).toBeInViewport();
	await expect(banner).toBeFocused();
	await expect(banner.getByRole('heading', { name: 'Success' })).toBeVisible();
	return banner;
}

test('saving email settings at the bottom of the page shows the banner on screen, with a space after “saved.”', async ({ page }) => {
	await signIn(page, 'farida.rahman@example.org');
	await visit(page, '/settings/email');
	await page.getByRole('button', { name: 'Save email settings' }).scrollIntoViewIfNeeded();
	expect(await page.evaluate(() => window.scrollY), 'the page is long: saving happens scrolled down').toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Save email settings' }).click();
	const banner = await bannerSeen(page, 'Your email settings have been saved');
	await expect(banner).toContainText(/saved\. Your next digest is due on/);
	await checkA11y(page);

	// Saving again from the bottom brings it back into view.
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await bannerSeen(page, 'Your email settings have been saved');
});

test('without JavaScript, the page after saving opens with the banner at the top', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'farida.rahman@example.org', undefined, { axe: false });
	await page.goto('/settings/email');
	await page.getByRole('button', { name: 'Save email settings' }).click();
	const banner = page.getByRole('status').filter({ hasText: 'Your email settings have been saved' });
	await expect(banner).toBeInViewport();
	// First in the main content: nothing but the page's title comes before it.
	expect(await banner.evaluate((b) => b.compareDocumentPosition(document.querySelector('main h1')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
	await context.close();
});

test('saving a profile shows the banner on screen', async ({ page }) => {
	await signIn(page, 'elaine.moseley@example.org');
	await visit(page, '/settings/profile');
	await page.getByRole('button', { name: 'Save profile' }).click();
	await bannerSeen(page, 'Your profile has been saved');
	await checkA11y(page);
});

test('marking an answer on a long thread shows the banner on screen', async ({ page }) => {
	const word = unique('answer');
	await signIn(page, 'elaine.moseley@example.org');
	await visit(page, '/threads/new?question=1');
	await page.getByLabel('Title').fill(`How do you plan sufficiency for ${word}?`);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill(Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of our background: placements, costs and what the panel asked. ${word}`).join('\n\n'));
	await page.getByRole('button', { name: 'Post your question' }).click();
	await expect(page.getByText('Question, not yet answered')).toBeVisible();
	const thread = new URL(page.url()).pathname;
	await signOut(page);

	await signIn(page, 'peter.hanley@example.org');
	await visit(page, thread);
	await page.getByLabel('Your reply').fill(`We commission jointly with two neighbours and review it every quarter. ${word}`);
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.locator('#post-2')).toContainText('commission jointly');
	await signOut(page);

	await signIn(page, 'elaine.moseley@example.org');
	await visit(page, thread);
	const mark = page.locator('#post-2').getByRole('button', { name: /Mark as the answer/ });
	await mark.scrollIntoViewIfNeeded();
	expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
	await mark.click();
	await bannerSeen(page, 'marked as the answer');
	await checkA11y(page);
});

test('a succession update far down the checklist shows the confirmation and the new score beside the item', async ({ page }) => {
	await signIn(page, 'elaine.moseley@example.org');
	await page.getByRole('link', { name: 'Succession', exact: true }).click();
	await expect(page).toHaveURL(/\/succession\/\d+$/);
	await checkA11y(page);
	const item = page.locator('.checklist-item').last();
	const select = item.getByRole('combobox');
	const now = await select.inputValue();
	await select.selectOption(now === 'done' ? 'in-progress' : 'done');
	await item.getByRole('button', { name: /^Update status of/ }).click();

	const saved = page.getByRole('status').filter({ hasText: 'Readiness is now' });
	await expect(saved).toBeInViewport();
	await expect(saved).toBeFocused();
	await expect(saved).toContainText(/Readiness is now \d+% – (Red|Amber|Green)/);
	const shown = Number(/Readiness is now (\d+)%/.exec(await saved.innerText())![1]);
	const card = Number((await page.getByRole('region', { name: 'Readiness' }).locator('.big').innerText()).replace('%', ''));
	expect(shown).toBe(card);
	await checkA11y(page);
});
