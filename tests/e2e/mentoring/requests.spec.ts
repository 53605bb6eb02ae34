import type { Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, signOut, waitForMail, linkIn } from '../fixtures';

const SINK = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? '2526'}`;

/** Today in words, as the app shows a date ("6 December 2026"). */
const todayWords = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());

async function askForAMentor(page: Page, email: string) {
	await signIn(page, email);
	await visit(page, '/mentoring/request');
	await page.getByLabel('What would you like help with?').fill('Prepare for our first SEND inspection as a new Lead Member\nWork well with health partners');
	await page.getByLabel('SEND', { exact: true }).check();
	await page.getByLabel(/Someone from another region/).check();
	await page.getByRole('group', { name: 'Would you like a mentor from your own party or group?' }).getByLabel('No preference').check();
	await page.getByRole('group', { name: 'Does a similar kind of authority matter to you?' }).getByLabel('No preference').check();
	await page.getByLabel('Online').check();
	await page.getByRole('button', { name: 'Ask for a mentor' }).click();
	await expect(page).toHaveURL(/\/mentoring\?done=requested/);
	await signOut(page);
}

async function setRequestChoice(page: Page, choice: 'Immediately' | 'In my digest') {
	await visit(page, '/settings/email');
	await page.getByRole('group', { name: 'A member in my region asks for a mentor' }).getByLabel(choice).check();
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
}

test('coordinators hear of a mentor request in their region at once, or in their digest, as they choose; the request shows how long it has waited', async ({ page }) => {
	test.setTimeout(180_000);

	// Only coordinators are offered the setting.
	await signIn(page, 'member@example.org');
	await visit(page, '/settings/email');
	await expect(page.getByRole('group', { name: 'A member in my region asks for a mentor' })).toHaveCount(0);
	await signOut(page);

	// Immediately (the default): an email as the request arrives, with a way to stop them.
	await askForAMentor(page, 'claire.hindley@example.org');
	const mail = await waitForMail('coordinator@example.org', 'Claire Hindley (Stockport) asks for a mentor');
	expect(mail.text).toContain('asked for a mentor on');
	expect(mail.text).toContain('Focus: SEND.');
	expect(linkIn(mail, /^\/mentoring\/coordinate\/match$/)).toBe('/mentoring/coordinate/match');
	expect(mail.text).toMatch(/\/unsubscribe\//);

	// The coordinator chooses the digest instead.
	await signIn(page, 'coordinator@example.org');
	await setRequestChoice(page, 'In my digest');
	await checkA11y(page);
	await signOut(page);

	await askForAMentor(page, 'richard.bentley@example.org');
	await signIn(page, 'coordinator@example.org');
	// In their week (the digest's own content), with the day it was made; and no email came.
	await visit(page, '/');
	const item = page.getByRole('listitem').filter({ hasText: 'Richard Bentley (Cheshire East) asks for a mentor' });
	await expect(item).toContainText(`waiting since ${todayWords()}`);
	const toCoordinator = (await (await fetch(`${SINK}/messages?to=${encodeURIComponent('coordinator@example.org')}`)).json()) as { subject: string }[];
	expect(toCoordinator.map((m) => m.subject)).not.toContain('Richard Bentley (Cheshire East) asks for a mentor');

	// The matching page says since when each request has waited.
	await visit(page, '/mentoring/coordinate/match');
	const card = page.locator('li.match').filter({ has: page.getByRole('heading', { level: 2, name: 'Richard Bentley' }) });
	await expect(card).toContainText(`waiting since ${todayWords()} (0 days)`);

	// Back to the default for the other tests.
	await setRequestChoice(page, 'Immediately');
});
