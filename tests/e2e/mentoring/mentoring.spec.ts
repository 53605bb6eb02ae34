import type { Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, signOut, waitForMail, linkIn, unique, type SinkMail } from '../fixtures';

test.describe.configure({ mode: 'parallel' });

/** A London calendar date `days` from today, as typed into a date field. */
function dateIn(days: number): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.now() + days * 86_400_000);
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Signs out and lets the sign-out's own reload of the sign-in page finish before going on. */
async function leave(page: Page) {
	await signOut(page);
	await page.waitForLoadState('networkidle');
}

/** The match card for one member on the coordinator's matching page. */
const card = (page: Page, name: string) => page.locator('li.match').filter({ has: page.getByRole('heading', { level: 2, name }) });

test('request → proposal → confirm → both accept → log a meeting → book the next → close with feedback', async ({ page }) => {
	test.setTimeout(360_000);
	const mentee = 'jerome.campbell@example.org';
	const mentor = 'mentor@example.org';
	const tag = unique('goal');

	// The member asks for a mentor; a form with nothing filled in is refused with messages.
	await signIn(page, mentee);
	await visit(page, '/mentoring');
	await page.getByRole('link', { name: 'Ask for a mentor' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Ask for a mentor' })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Ask for a mentor' }).click();
	await expect(page.getByRole('alert')).toContainText('Tell us what you would like help with');
	await expect(page.getByRole('alert')).toContainText('Choose at least one focus topic');
	await checkA11y(page);
	await page.getByLabel('What would you like help with?').fill(`Become a confident corporate parent (${tag})\nHear from care leavers every quarter`);
	await page.getByLabel('Corporate parenting').check();
	await page.getByLabel('Care leavers').check();
	await page.getByLabel(/Someone from another region/).check();
	await page.getByRole('group', { name: 'Would you like a mentor from your own party or group?' }).getByLabel('No preference').check();
	await page.getByRole('group', { name: 'Does a similar kind of authority matter to you?' }).getByLabel('No preference').check();
	await page.getByLabel('Online').check();
	await page.getByRole('button', { name: 'Ask for a mentor' }).click();
	await expect(page).toHaveURL(/\/mentoring\?done=requested/);
	await expect(page.getByRole('status')).toContainText('Your coordinator has your request');
	await checkA11y(page);
	await leave(page);

	// The coordinator sees the proposals with their reasons, swaps in Sarah Holroyd and confirms.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/mentoring/coordinate');
	await expect(page.getByRole('cell', { name: 'Jerome Campbell' })).toBeVisible();
	// Active pairings: those needing attention first, each with the day its next check-in is due.
	const active = page.locator('table', { has: page.getByRole('columnheader', { name: 'Check-in due by' }) });
	await expect(active.getByRole('link', { name: /^Tom Ashworth and Sarah Holroyd$/ })).toBeVisible();
	// A page number past the last page shows the last page, not an empty list.
	await visit(page, '/mentoring/coordinate?page=9');
	await expect(active.getByRole('link', { name: /^Tom Ashworth and Sarah Holroyd$/ })).toBeVisible();
	await page.getByRole('link', { name: /Match mentors to open requests/ }).click();
	await checkA11y(page);
	const jerome = card(page, 'Jerome Campbell');
	await expect(jerome.getByText(/^Why:/)).toBeVisible();
	if (!(await jerome.getByRole('heading', { level: 3, name: /Proposed mentor: Sarah Holroyd/ }).isVisible())) {
		const swap = jerome.getByLabel(/Swap in another mentor/);
		const option = swap.locator('option', { hasText: 'Sarah Holroyd' });
		await swap.selectOption((await option.getAttribute('value'))!);
		await jerome.getByRole('button', { name: /Use this mentor/ }).click();
		await expect(page.getByRole('status')).toContainText('Mentor swapped in');
	}
	await expect(card(page, 'Jerome Campbell').getByRole('heading', { level: 3, name: /Proposed mentor: Sarah Holroyd/ })).toBeVisible();
	await checkA11y(page);
	await card(page, 'Jerome Campbell').getByRole('button', { name: /Confirm this match/ }).click();
	await expect(page.getByRole('status')).toContainText('Confirmed 1 match');
	await expect(card(page, 'Jerome Campbell')).toHaveCount(0);
	await checkA11y(page);
	await leave(page);

	// Both are emailed; the mentor reads the goals and accepts, then the mentee accepts.
	const toMentor = await waitForMail(mentor, 'Would you mentor Jerome Campbell');
	await signIn(page, mentor);
	await visit(page, linkIn(toMentor, /^\/mentoring\/proposals\/\d+$/));
	await expect(page.getByText(tag)).toBeVisible();
	await page.getByLabel('Yes, I will mentor Jerome Campbell').check();
	await page.getByRole('button', { name: 'Send my answer' }).click();
	await expect(page.getByRole('status')).toContainText('you have accepted');
	await checkA11y(page);
	// Accepting twice is a message, not an error page.
	expect(await page.getByRole('button', { name: 'Send my answer' }).count()).toBe(0);
	await leave(page);

	const toMentee = await waitForMail(mentee, 'A mentor has been proposed for you: Sarah Holroyd');
	await signIn(page, mentee);
	await visit(page, linkIn(toMentee, /^\/mentoring\/proposals\/\d+$/));
	await page.getByLabel('Yes, I would like Sarah Holroyd as my mentor').check();
	await page.getByRole('button', { name: 'Send my answer' }).click();
	await expect(page).toHaveURL(/\/mentoring\/pairings\/\d+\?done=paired/);
	await expect(page.getByRole('status')).toContainText('your mentoring has started');
	await expect(page.getByText(`Become a confident corporate parent (${tag})`, { exact: true })).toBeVisible();
	await checkA11y(page);
	const pairingUrl = new URL(page.url()).pathname;

	// Log a meeting (a date in the future is refused).
	await page.getByRole('link', { name: 'Log a meeting' }).click();
	await checkA11y(page);
	await page.getByLabel('Date of the meeting').fill(dateIn(3));
	await page.getByLabel('Length in minutes').fill('45');
	await page.getByRole('group', { name: 'How did you meet?' }).getByLabel('Online').check();
	await page.getByLabel('Notes (optional)').fill('Talked through the corporate parenting panel.');
	await page.getByRole('button', { name: 'Log the meeting' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a date that is today or earlier');
	await checkA11y(page);
	await page.getByLabel('Date of the meeting').fill(dateIn(0));
	await page.getByRole('button', { name: 'Log the meeting' }).click();
	await expect(page).toHaveURL(new RegExp(`${pairingUrl}\\?done=logged`));
	await expect(page.getByText('Talked through the corporate parenting panel.')).toBeVisible();
	await checkA11y(page);

	// Book the next one: both get an invitation with a text/calendar part.
	await page.getByRole('link', { name: 'Book the next meeting' }).first().click();
	await checkA11y(page);
	await page.getByLabel('Date', { exact: true }).fill(dateIn(7));
	await page.getByLabel('Start time').fill('18:30');
	await page.getByLabel('Length in minutes').fill('60');
	await page.getByRole('group', { name: 'How will you meet?' }).getByLabel('Online').check();
	await page.getByLabel('Where, or how to join').fill('https://meet.example.org/jerome-sarah');
	await page.getByRole('button', { name: 'Send the invitation' }).click();
	await expect(page.getByRole('status')).toContainText('We have emailed you both a calendar invitation');
	await checkA11y(page);
	for (const to of [mentor, mentee]) {
		const invite = (await waitForMail(to, /^Mentoring meeting: .*6:30pm$/)) as SinkMail & { raw?: string };
		const hasCalendar = invite.attachments.some((a) => a.contentType.startsWith('text/calendar')) || /Content-Type: text\/calendar/i.test(invite.raw ?? '');
		expect(hasCalendar).toBe(true);
		const ics = invite.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content ?? invite.raw ?? '';
		expect(ics.replace(/\r\n[ \t]/g, '')).toMatch(/METHOD:REQUEST/);
	}

	// Close with feedback; the mentor is asked for theirs and gives it.
	await page.getByRole('link', { name: 'Close this mentoring' }).click();
	await checkA11y(page);
	await page.getByLabel(/^Completed/).check();
	await page.getByLabel('5 – very useful').check();
	await page.getByLabel(/Anything you would like your coordinator to know/).fill('Sarah was generous with her time.');
	await page.getByRole('button', { name: 'Close the mentoring' }).click();
	await expect(page.getByRole('status')).toContainText('The mentoring has closed');
	await expect(page.getByText('You rated this mentoring 5 out of 5.')).toBeVisible();
	await checkA11y(page);
	await leave(page);

	const ask = await waitForMail(mentor, 'How did your mentoring with Jerome Campbell go?');
	await signIn(page, mentor);
	await visit(page, linkIn(ask, /\/close$/));
	await page.getByLabel('4 – useful').check();
	await page.getByRole('button', { name: 'Send feedback' }).click();
	await expect(page.getByRole('status')).toContainText('Thank you for your feedback');
	await checkA11y(page);
	await leave(page);

	// The coordinator sees the ratings, not the notes.
	await signIn(page, 'coordinator@example.org');
	await visit(page, pairingUrl);
	await expect(page.getByText('Mentee: 5 out of 5.')).toBeVisible();
	await expect(page.getByText('Talked through the corporate parenting panel.')).toHaveCount(0);
	await expect(page.getByText(tag)).toHaveCount(0);
});

test('goals and notes stay with the pair: coordinators see status, others get “not found”', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/mentoring');
	await expect(page.getByRole('heading', { level: 2, name: 'Your mentor' })).toBeVisible();
	await page.getByRole('link', { name: 'Open your mentoring page' }).click();
	await expect(page.getByText(/ILACS report/).first()).toBeVisible();
	await checkA11y(page);
	const pairingUrl = new URL(page.url()).pathname;
	await leave(page);

	await signIn(page, 'coordinator@example.org');
	await visit(page, pairingUrl);
	await expect(page.getByText('Only Sarah Holroyd and Tom Ashworth can see their goals, meeting notes and where they meet.')).toBeVisible();
	await expect(page.getByText(/ILACS report/)).toHaveCount(0);
	expect((await page.goto(`${pairingUrl}/meetings/new`))?.status()).toBe(404);
	expect((await page.goto(`${pairingUrl}/next`))?.status()).toBe(404);
	await page.goto('/mentoring');
	await leave(page);

	await signIn(page, 'kevin.doyle@example.org');
	for (const url of [pairingUrl, `${pairingUrl}/meetings/new`, `${pairingUrl}/close`, '/mentoring/pairings/999999', '/mentoring/pairings/abc', '/mentoring/proposals/999999']) {
		const res = await page.goto(url);
		expect(res?.status(), url).toBe(404);
	}
	await checkA11y(page);
	expect((await page.goto('/mentoring/coordinate'))?.status()).toBe(403);
});

test('a member offers to mentor: capacity outside 1–3 and missing fields are refused', async ({ page }) => {
	await signIn(page, 'peter.hanley@example.org');
	await visit(page, '/mentoring/offer');
	await page.getByRole('button', { name: 'Offer to mentor' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose how many mentees you can take at once');
	await expect(page.getByRole('alert')).toContainText('Enter when you are usually available');
	await checkA11y(page);
	await page.getByLabel('2 mentees').check();
	await page.getByLabel('Budgets and commissioning').check();
	await page.getByLabel('Members in any region').check();
	await page.getByLabel('Phone').check();
	await page.getByLabel('When are you usually available?').fill('Friday mornings');
	await page.getByRole('button', { name: 'Offer to mentor' }).click();
	await expect(page.getByRole('status')).toContainText('Your offer to mentor is saved');
	await expect(page.getByText('0 of 2 places in use')).toBeVisible();
	await checkA11y(page);
});
