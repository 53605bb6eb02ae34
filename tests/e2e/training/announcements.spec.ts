import { test, expect, checkA11y, visit, signIn, signOut, waitForMail, linkIn, unique, type SinkMail } from '../fixtures';

const SINK = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? '2526'}`;

/** A London calendar date `days` from today, as typed into a date field. */
function dateIn(days: number): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.now() + days * 86_400_000);
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

test('publishing an event emails the members it is for, once, as their "events" setting allows; those going are reminded the day before with the .ics', async ({ page }) => {
	test.setTimeout(180_000);
	const title = `Care leavers’ covenant briefing ${unique('ev')}`;

	// One member turns event emails off first.
	await signIn(page, 'richard.bentley@example.org');
	await visit(page, '/settings/email');
	await page.getByRole('group', { name: /^New events for me/ }).getByLabel('Off').check();
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status').first()).toContainText('saved');
	await checkA11y(page);
	await signOut(page);

	// The coordinator publishes a North West event for tomorrow.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/training/events/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Course').check();
	await page.getByLabel('Date', { exact: true }).fill(dateIn(1));
	await page.getByLabel('Starts at').fill('10:00');
	await page.getByLabel('Ends at').fill('12:00');
	await page.getByLabel('Place (optional if online)').fill('Salford Civic Centre');
	await page.getByRole('button', { name: 'Publish the event' }).click();
	await expect(page.getByRole('status')).toContainText('Members in North West can see it now');
	await signOut(page);

	// A North West member gets one announcement, with the event's page and a way to stop these.
	const announcement = await waitForMail('member@example.org', `New event: ${title}`);
	expect(announcement.text).toContain('10:00am to 12:00pm (UK time)');
	expect(announcement.text).toContain('Where: Salford Civic Centre');
	expect(announcement.text).toMatch(/\/unsubscribe\//);
	const eventPath = linkIn(announcement, /^\/training\/events\/\d+$/);
	// Not to the member who turned them off, nor another region, nor twice.
	const messages = async (to: string) => ((await (await fetch(`${SINK}/messages?to=${encodeURIComponent(to)}`)).json()) as SinkMail[]).filter((m) => m.subject.includes(title));
	await new Promise((r) => setTimeout(r, 1500));
	expect(await messages('richard.bentley@example.org')).toEqual([]);
	expect(await messages('esther.adeyemi@example.org')).toEqual([]);
	expect(await messages('member@example.org')).toHaveLength(1);

	// The member says they are going: it is tomorrow, so the reminder comes with the calendar file.
	await signIn(page, 'member@example.org');
	await visit(page, eventPath);
	await page.getByRole('button', { name: 'I’m going' }).click();
	await expect(page.getByText('You’re going')).toBeVisible();
	await checkA11y(page);
	const reminder = (await waitForMail('member@example.org', `Tomorrow: ${title} at 10:00am`)) as SinkMail & { raw?: string };
	const calendar = reminder.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content ?? reminder.raw ?? '';
	expect(calendar.replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:${title}`);
	expect(calendar).toMatch(/DTSTART:\d{8}T\d{6}Z/);
	// Once only: going off and on again sends no second reminder.
	await page.getByRole('button', { name: 'I’m not going any more' }).click();
	await page.getByRole('button', { name: 'I’m going' }).click();
	await expect(page.getByText('You’re going')).toBeVisible();
	await new Promise((r) => setTimeout(r, 1500));
	expect((await messages('member@example.org')).filter((m) => m.subject.startsWith('Tomorrow:'))).toHaveLength(1);
});
