import type { Page } from '@playwright/test';
import { test, expect, checkA11y, visit, signIn, signOut, unique } from '../fixtures';

/** A London calendar date `days` from today, as typed into a date field. */
function dateIn(days: number): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.now() + days * 86_400_000);
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Tom Ashworth's (member@) mentoring page with Sarah Holroyd (mentor@), from the demo. */
async function openTomsMentoring(page: Page) {
	await visit(page, '/mentoring');
	await page.getByRole('link', { name: 'Open your mentoring page' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Mentoring: Sarah Holroyd and Tom Ashworth$/ })).toBeVisible();
	await checkA11y(page);
	return new URL(page.url()).pathname;
}

test('the next meeting: its online link is a real link, it downloads as an .ics file, and only web links are taken', async ({ page }) => {
	await signIn(page, 'member@example.org');
	const pairingUrl = await openTomsMentoring(page);
	const next = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Next meeting' }) });
	await expect(next.getByRole('link', { name: /meet\.example\.org\/mentoring-sarah-tom/ })).toHaveAttribute('href', 'https://meet.example.org/mentoring-sarah-tom');

	const [download] = await Promise.all([page.waitForEvent('download'), next.getByRole('link', { name: 'Add the meeting to your calendar (.ics file)' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^mentoring-meeting-\d{4}-\d{2}-\d{2}\.ics$/);
	const ics = (await import('node:fs')).readFileSync((await download.path())!, 'utf8').replace(/\r\n[ \t]/g, '');
	expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
	expect(ics).toContain('METHOD:PUBLISH');
	expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
	expect(ics).toContain('SUMMARY:Mentoring: Sarah Holroyd and Tom Ashworth');
	expect(ics).toMatch(/\r\nURL(;VALUE=URI)?:https:\/\/meet\.example\.org\/mentoring-sarah-tom\r\n/);

	// Anything but an http(s) link is refused at input, with the message by the field and in the summary.
	await page.getByRole('link', { name: 'Change the next meeting' }).first().click();
	await checkA11y(page);
	const where = page.getByLabel('Where, or how to join');
	await where.fill('javascript:alert(document.cookie)');
	await page.getByRole('button', { name: 'Send the change' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the link to join the online meeting, starting with https://');
	await expect(page.locator('#location-error')).toContainText('Enter the link to join the online meeting');
	await expect(where).toHaveValue('javascript:alert(document.cookie)');
	await checkA11y(page);
	await page.getByRole('group', { name: 'How will you meet?' }).getByLabel('In person').check();
	await where.fill('Town hall data:text/html,<b>hi</b>');
	await page.getByRole('button', { name: 'Send the change' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a place or a phone number, or a web link on its own starting with https://');
	await checkA11y(page);

	// Nothing was saved: the page still links the same meeting, and no link other than http(s) is on it.
	await visit(page, pairingUrl);
	await expect(next.getByRole('link', { name: /meet\.example\.org\/mentoring-sarah-tom/ })).toBeVisible();
	expect(await page.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
});

test('a logged meeting: every error at once, then changed and deleted by its author with the history kept', async ({ page }) => {
	test.setTimeout(120_000);
	const tag = unique('budget');
	await signIn(page, 'member@example.org');
	const pairingUrl = await openTomsMentoring(page);

	// A future date is flagged in the same pass as the missing way of meeting.
	await page.getByRole('link', { name: 'Log a meeting' }).click();
	await checkA11y(page);
	await page.getByLabel('Date of the meeting').fill(dateIn(3));
	await page.getByLabel('Notes (optional)').fill(`We went through the high needs budget (${tag}).`);
	await page.getByRole('button', { name: 'Log the meeting' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Enter a date that is today or earlier');
	await expect(summary).toContainText('Choose how you met');
	await expect(page.getByLabel('Notes (optional)')).toHaveValue(`We went through the high needs budget (${tag}).`);
	await checkA11y(page);
	await page.getByLabel('Date of the meeting').fill(dateIn(0));
	await page.getByRole('group', { name: 'How did you meet?' }).getByLabel('Phone').check();
	await page.getByLabel('Add this meeting to both our training logs as mentoring').uncheck();
	await page.getByRole('button', { name: 'Log the meeting' }).click();
	await expect(page).toHaveURL(new RegExp(`${pairingUrl}\\?done=logged`));

	// The author changes it: the new words show, the earlier version is kept.
	const meeting = page.locator('li', { hasText: tag });
	await expect(meeting).toContainText('logged by Tom Ashworth');
	await meeting.getByRole('link', { name: /^Change the meeting on/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Change the meeting on/ })).toBeVisible();
	await checkA11y(page);
	await page.getByLabel('Length in minutes').fill('');
	await page.getByLabel('Date of the meeting').fill(dateIn(2));
	await page.getByRole('button', { name: 'Save the changes' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a date that is today or earlier');
	await expect(page.getByRole('alert')).toContainText('Enter the length in minutes');
	await checkA11y(page);
	await page.getByLabel('Date of the meeting').fill(dateIn(0));
	await page.getByLabel('Length in minutes').fill('50');
	await page.getByLabel('Notes (optional)').fill(`We went through the high needs budget and the SEND deficit (${tag}).`);
	await page.getByRole('button', { name: 'Save the changes' }).click();
	await expect(page.getByRole('status')).toContainText('Meeting changed');
	await expect(meeting).toContainText('the SEND deficit');
	await expect(meeting).toContainText('edited');
	await meeting.getByText('Earlier versions (1)').click();
	await expect(meeting.locator('.history__version')).toContainText(`We went through the high needs budget (${tag}).`);
	await expect(meeting.locator('.history__version')).toContainText('by Tom Ashworth');
	await checkA11y(page);
	const editUrl = new URL((await meeting.getByRole('link', { name: /^Change the meeting on/ }).getAttribute('href'))!, page.url()).pathname;
	await signOut(page);

	// The other member of the pair sees it and its history, but may not change or delete it.
	await signIn(page, 'mentor@example.org');
	await visit(page, pairingUrl);
	await expect(page.locator('li', { hasText: tag })).toContainText('the SEND deficit');
	await expect(page.locator('li', { hasText: tag }).getByRole('link', { name: /^Change the meeting on/ })).toHaveCount(0);
	expect((await page.goto(editUrl))?.status()).toBe(404);
	expect((await page.goto(editUrl.replace(/edit$/, 'delete')))?.status()).toBe(404);
	await checkA11y(page);
	await page.goto('/mentoring');
	await signOut(page);

	// The author deletes it, after being asked once; what it said stays in the history.
	await signIn(page, 'member@example.org');
	await visit(page, pairingUrl);
	await page.locator('li', { hasText: tag }).getByRole('link', { name: /^Delete the meeting on/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Are you sure you want to delete the meeting on/ })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Yes, delete the meeting' }).click();
	await expect(page.getByRole('status')).toContainText('Meeting deleted');
	await expect(page.locator('li', { hasText: tag })).toHaveCount(0);
	await page.getByText(/^Deleted meetings \(\d+\)$/).click();
	await expect(page.locator('.history__version', { hasText: tag })).toContainText('Deleted');
	await checkA11y(page);
});
