/**
 * `@` mentions complete as you type (issue 18): a listbox of members under the post box, chosen
 * with the keyboard alone; an unknown handle is flagged in the preview; the box is a plain
 * textarea without JavaScript; the look-up endpoint answers only signed-in members, within a limit.
 */
import { test, expect, visit, signIn, checkA11y } from '../fixtures';

test('typing @ and a name lists members; arrows, Enter and Escape work from the keyboard', async ({ page }) => {
	await signIn(page, 'mentor@example.org');
	await visit(page, '/threads/new');
	const box = page.getByLabel('Your post');
	await box.click();
	await box.pressSequentially('Thank you @tom-a', { delay: 20 });

	const list = page.getByRole('listbox', { name: 'Members to mention' });
	await expect(list).toBeVisible();
	await expect(list.getByRole('option', { name: /Tom Ashworth/ })).toHaveAttribute('aria-selected', 'true');
	await expect(box).toHaveAttribute('aria-autocomplete', 'list');
	await expect(box).toHaveAttribute('aria-controls', await list.getAttribute('id') as string);
	await expect(page.locator('.mention-box__status')).toHaveAttribute('aria-live', 'polite');
	await expect(page.locator('.mention-box__status')).toHaveText(/^1 member found\. Use up and down to choose, Enter to mention, Escape to close\.$/);
	await checkA11y(page);
	await page.keyboard.press('Enter');
	await expect(list).toHaveCount(0);
	await expect(box).toHaveValue('Thank you @tom-ashworth ');
	await expect(box).not.toHaveAttribute('aria-activedescendant');

	// A name matches by any word; the arrows move through the members, Tab chooses.
	await box.pressSequentially('and @kel', { delay: 20 });
	await expect(list).toBeVisible();
	const options = list.getByRole('option');
	const count = await options.count();
	expect(count).toBeGreaterThan(0);
	await page.keyboard.press('ArrowDown');
	const chosen = count > 1 ? 1 : 0;
	await expect(options.nth(chosen)).toHaveAttribute('aria-selected', 'true');
	await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(chosen).getAttribute('id')) as string);
	const handle = ((await options.nth(chosen).textContent()) ?? '').match(/@([a-z0-9-]+)/)![1];
	await page.keyboard.press('Tab');
	await expect(box).toHaveValue(`Thank you @tom-ashworth and @${handle} `);
	await expect(box).toBeFocused();

	// Escape closes the list and leaves what was typed.
	await box.pressSequentially('and @ber', { delay: 20 });
	await expect(list).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(list).toHaveCount(0);
	await expect(box).toHaveValue(`Thank you @tom-ashworth and @${handle} and @ber`);

	// An unknown handle is flagged in the preview.
	await box.pressSequentially('nadette-kelly and @jon-smyth-nobody', { delay: 10 });
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
	await expect(page.locator('.unknown-mentions')).toContainText('No member has the handle @jon-smyth-nobody, so no one will be told.');
	await expect(page.locator('.preview a[href="/members/tom-ashworth"]')).toBeVisible();
	await checkA11y(page);
});

test('the post box is a plain textarea without JavaScript, and the preview still flags an unknown handle', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'mentor@example.org', undefined, { axe: false });
	await page.goto('/threads/new');
	const box = page.getByLabel('Your post');
	await expect(box).not.toHaveAttribute('aria-autocomplete');
	await box.fill('Over to @tom-ashworth and @nobody-by-this-name');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.locator('.unknown-mentions')).toContainText('@nobody-by-this-name');
	await expect(page.getByLabel('Your post')).toHaveValue('Over to @tom-ashworth and @nobody-by-this-name');
	await context.close();
});

test('the look-up answers signed-in members only, and only so often', async ({ page, playwright, baseURL }) => {
	const anonymous = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
	const refused = await anonymous.get('/members/mentions.json?q=tom');
	expect(refused.status()).not.toBe(200);
	expect(await refused.text()).not.toContain('tom-ashworth');
	await anonymous.dispose();

	await signIn(page, 'fiona.charlton@example.org');
	const first = await page.request.get('/members/mentions.json?q=tom');
	expect(first.status()).toBe(200);
	expect(((await first.json()) as { members: { handle: string }[] }).members.map((m) => m.handle)).toContain('tom-ashworth');
	let status = 200;
	for (let i = 0; i < 70 && status === 200; i++) status = (await page.request.get('/members/mentions.json?q=to')).status();
	expect(status).toBe(429);
});
