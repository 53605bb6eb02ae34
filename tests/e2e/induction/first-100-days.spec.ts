/**
 * "Your first 100 days" (issue 16): a new Lead Member accepts an invitation and lands on their
 * path; asks for a mentor from it (the form starts from their profile) and posts an introduction
 * in the region's introductions thread, both of which tick themselves; ticks a step with a private
 * note. The region's coordinator sees the progress (not the note), on a phone without sideways
 * scrolling, and sends a friendly nudge that arrives at the test SMTP server — one a week: a
 * second is refused. Axe on every page.
 */
import { checkA11y, expect, signIn, signOut, test, unique, visit, waitForMail } from '../fixtures';
import { inviteAsAdmin } from '../foundation/helpers';

// A whole journey (invitation, path, mentor request, introduction, coordinator, nudge): about 40 s alone.
test.describe.configure({ timeout: 180_000 });

/** 'YYYY-MM-DD' some days before today. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('a new Lead Member starts their first 100 days, and their coordinator nudges them', async ({ page }) => {
	const id = unique('n');
	const who = { name: `Nadia ${id}`, email: `${id}@cumberland.example.org`, password: `correct horse ${id} staple` };
	const link = await inviteAsAdmin(page, { name: who.name, email: who.email, authority: 'Cumberland' });

	// Accepting the invitation: a role start date in the future is refused next to the field, input kept.
	await visit(page, link);
	await page.getByLabel('Full name').fill(who.name);
	await page.getByLabel('When did you take on the role? (optional)').fill('2099-01-01');
	await page.getByLabel('Choose a password').fill(who.password);
	await page.getByLabel('Confirm your password').fill(who.password);
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page.getByRole('alert')).toContainText('The date you took on the role must be today or in the past');
	await expect(page.getByLabel('Full name')).toHaveValue(who.name);
	await checkA11y(page);
	await page.getByLabel('When did you take on the role? (optional)').fill(daysAgo(10));
	await page.getByLabel('Choose a password').fill(who.password);
	await page.getByLabel('Confirm your password').fill(who.password);
	await page.getByRole('button', { name: 'Create my account' }).click();

	// … and lands on the path.
	await expect(page).toHaveURL(/\/induction\?welcome=1$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your first 100 days');
	await expect(page.getByText('0 of 16 steps done')).toBeVisible();
	for (const phase of ['The first ten days', 'The first month', 'The first 100 days']) await expect(page.getByRole('heading', { level: 2, name: phase })).toBeVisible();
	await checkA11y(page);

	// Ask for a mentor from the path: the form starts from the profile.
	await page.locator('#step-ask-mentor').getByRole('link', { name: 'Ask for a mentor' }).last().click();
	await expect(page).toHaveURL(/\/mentoring\/request\?from=first-100-days$/);
	await expect(page.getByLabel('What would you like help with?')).toHaveValue(/^Find my feet as Lead Member at Cumberland \(in the role since .*\)\nGet to grips with corporate parenting/);
	await checkA11y(page);
	await page.getByLabel('What would you like help with?').fill('I am new as Lead Member at Cumberland. I would like help with corporate parenting and the budget.');
	await page.getByRole('button', { name: 'Ask for a mentor' }).click();
	await expect(page).toHaveURL(/\/mentoring/);
	await visit(page, '/induction');
	const askStep = page.locator('#step-ask-mentor');
	await expect(askStep.getByText('Done', { exact: true })).toBeVisible();
	await expect(askStep).toContainText('you asked for a mentor');

	// Introduce yourself: a prefilled post in the region's introductions thread, edited before posting.
	await page.getByRole('link', { name: 'Write your introduction' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Introduce yourself to your region');
	await expect(page.getByLabel('Your introduction')).toHaveValue(new RegExp(`I am ${who.name}, Lead Member at Cumberland`));
	await checkA11y(page);
	await page.getByLabel('Your introduction').fill(`Hello North West. I am ${who.name}, new Lead Member at Cumberland. I would love to hear how you run your corporate parenting panels.`);
	await page.getByRole('button', { name: 'Post your introduction' }).click();
	await expect(page).toHaveURL(/\/threads\/\d+/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Introductions: new Lead Members in the North West');
	await expect(page.getByText('how you run your corporate parenting panels')).toBeVisible();
	await checkA11y(page);

	// Tick a step with a private note.
	await visit(page, '/induction/steps/meet-dcs');
	await page.getByLabel('A note for yourself (optional)').fill('Private: we meet every other Monday');
	await page.getByRole('button', { name: 'Mark as done' }).click();
	await expect(page).toHaveURL(/\/induction#step-meet-dcs$/);
	await expect(page.getByText('3 of 16 steps done')).toBeVisible();
	await expect(page.locator('#step-introduce-yourself').getByText('Done', { exact: true })).toBeVisible();
	await checkA11y(page);
	// A step that is not in the member's version is not found.
	expect((await page.request.get('/induction/steps/no-such-step')).status()).toBe(404);

	// The home page leads with the path, then mentoring.
	await visit(page, '/');
	const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
	expect(headings.slice(0, 2)).toEqual(['Your first 100 days', 'Mentoring']);
	await expect(page.getByText('3 of 16 steps done')).toBeVisible();
	await checkA11y(page);
	await signOut(page);

	// The coordinator sees the progress, not the note; on a phone, no sideways scroll.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/induction/region');
	const row = page.getByRole('row').filter({ hasText: who.name });
	await expect(row).toContainText('3 of 16 steps done');
	await expect(row).toContainText(/Waiting since/);
	await checkA11y(page);
	await page.getByRole('link', { name: who.name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${who.name}: first 100 days`);
	await expect(page.locator('body')).not.toContainText('every other Monday');
	await checkA11y(page);
	await page.setViewportSize({ width: 390, height: 844 });
	for (const path of ['/induction/region', '/induction/region?filter=no-mentor&sort=name']) {
		await visit(page, path);
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(wide, path).toBeLessThanOrEqual(390);
		await checkA11y(page);
	}
	await page.setViewportSize({ width: 1280, height: 800 });

	// A friendly nudge: an empty message is refused; the edited one arrives by email.
	await visit(page, '/induction/region');
	await page.getByRole('link', { name: `Send a friendly nudge to ${who.name}` }).click();
	// Wait for the form's address: read too early, page.url() is still the list's.
	await expect(page).toHaveURL(/\/induction\/region\/\d+\/nudge(\?|$)/);
	// The same form, open in a second tab before the nudge goes (its send is refused below).
	const secondTab = await page.context().newPage();
	await secondTab.goto(page.url());
	await expect(page.getByLabel('Your message')).toHaveValue(/Dear Nadia,/);
	await checkA11y(page);
	await page.getByLabel('Your message').fill('');
	await page.getByRole('button', { name: 'Send the nudge' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the message to send');
	await checkA11y(page);
	await page.getByLabel('Your message').fill(`Dear Nadia,\n\nWelcome to the North West network ${id}. Our induction day is in Preston on the 14th.`);
	await page.getByRole('button', { name: 'Send the nudge' }).click();
	await expect(page.getByRole('status')).toContainText(`Your nudge to ${who.name} is on its way`);
	// One nudge a week from each coordinator: the list says when instead of offering another, and
	// the second tab's send is refused with the date it may go.
	const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
	await expect(page.getByRole('row').filter({ hasText: who.name })).toContainText(`Nudged on ${today}`);
	await expect(page.getByRole('link', { name: `Send a friendly nudge to ${who.name}` })).toHaveCount(0);
	await checkA11y(page);
	await secondTab.getByLabel('Your message').fill('Dear Nadia,\n\nMe again.');
	await secondTab.getByRole('button', { name: 'Send the nudge' }).click();
	await expect(secondTab.getByRole('alert')).toContainText(`You nudged ${who.name} on ${today}. You can send another nudge from`);
	await expect(secondTab.getByText(`You nudged ${who.name} on ${today}. One nudge a week is friendly`)).toBeVisible();
	await expect(secondTab.getByLabel('Your message')).toHaveCount(0);
	await checkA11y(secondTab);
	await secondTab.close();
	const mail = await waitForMail(who.email, 'your first 100 days');
	expect(mail.text).toContain(`Welcome to the North West network ${id}.`);
	expect(mail.text).toMatch(/\/induction/);
	await signOut(page);
});
