import { test, expect, checkA11y, visit, signIn, signOut, unique } from '../fixtures';

/** A London calendar date `days` from today, as typed into a date field. */
function dateIn(days: number): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.now() + days * 86_400_000);
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

test('agreed actions: an owner, a due date and a state; open ones carry to the next meeting, the pairing page, the mentor’s dashboard and both members’ week', async ({ page }) => {
	test.setTimeout(150_000);
	const tag = unique('visit');
	const carried = 'Ask the DCS for a monthly one-to-one with a standing item on performance data';

	// The mentee sees the open actions on their mentoring page and on the pairing page, an overdue one flagged.
	await signIn(page, 'member@example.org');
	await visit(page, '/mentoring');
	const mine = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Your mentor' }) });
	await expect(mine.getByRole('heading', { level: 4, name: 'Open actions' })).toBeVisible();
	await expect(mine).toContainText(carried);
	await mine.getByRole('link', { name: 'Open your mentoring page' }).click();
	await expect(page).toHaveURL(/\/mentoring\/pairings\/\d+$/);
	const pairingUrl = new URL(page.url()).pathname;
	const agreed = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Agreed actions' }) });
	await expect(agreed.locator('li', { hasText: carried })).toContainText('Tom Ashworth');
	await expect(agreed.locator('li', { hasText: carried })).toContainText(/Overdue.*was due/);
	await expect(agreed.locator('li', { hasText: 'Share the high needs budget recovery plan from Leeds' })).toContainText('Sarah Holroyd · due');
	await checkA11y(page);

	// The next meeting form carries the open ones forward, to tick off; a new action needs who will do it.
	await page.getByRole('link', { name: 'Log a meeting' }).click();
	const earlier = page.getByRole('group', { name: 'Actions from earlier meetings' });
	await expect(earlier.getByLabel(new RegExp(carried))).toBeVisible();
	await checkA11y(page);
	await page.getByLabel('Date of the meeting').fill(dateIn(0));
	await page.getByLabel('Length in minutes').fill('40');
	await earlier.getByLabel(new RegExp(carried)).check();
	await page.getByLabel('Action 1', { exact: true }).fill(`Visit a family hub with the early help team (${tag})`);
	await page.getByLabel('Action 1 due by (optional)').fill(dateIn(14));
	await page.getByLabel('Add this meeting to both our training logs as mentoring').uncheck();
	await page.getByRole('button', { name: 'Log the meeting' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Choose how you met');
	await expect(summary).toContainText('Choose who will do action 1');
	await expect(page.getByLabel('Action 1', { exact: true })).toHaveValue(`Visit a family hub with the early help team (${tag})`);
	await expect(earlier.getByLabel(new RegExp(carried))).toBeChecked();
	await checkA11y(page);
	await page.getByRole('group', { name: 'How did you meet?' }).getByLabel('Online').check();
	await page.getByLabel('Who will do action 1').selectOption('mentee');
	await page.getByRole('button', { name: 'Log the meeting' }).click();
	await expect(page).toHaveURL(new RegExp(`${pairingUrl}\\?done=logged`));

	// Ticked off: under "Done"; the new one open, agreed at this meeting.
	await expect(agreed.locator('li', { hasText: tag })).toContainText('Tom Ashworth · due');
	await expect(agreed.locator(':scope > ul > li', { hasText: carried })).toHaveCount(0);
	await agreed.getByText(/^Done \(\d+\)$/).click();
	await expect(agreed.locator('details li', { hasText: carried })).toBeVisible();
	await checkA11y(page);

	// Done and open again from the pairing page, without a new meeting.
	await agreed.locator('li', { hasText: tag }).getByRole('button', { name: /^Mark as done/ }).click();
	await expect(page.getByRole('status')).toContainText('Action marked as done');
	await visit(page, pairingUrl);
	await agreed.getByText(/^Done \(\d+\)$/).click();
	await agreed.locator('details li', { hasText: tag }).getByRole('button', { name: /^Open again/ }).click();
	await expect(page.getByRole('status')).toContainText('Action open again');
	await expect(agreed.locator(':scope > ul > li', { hasText: tag })).toBeVisible();

	// Adding one on the page: who will do it is required.
	await agreed.getByText('Add an action').click();
	await agreed.getByLabel('What will be done').fill(`Read the SEND inspection framework (${tag})`);
	await agreed.getByRole('button', { name: 'Add the action' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose who will do it');
	await checkA11y(page);
	await agreed.getByRole('group', { name: 'Who will do it' }).getByLabel('Both of you').check();
	await agreed.getByRole('button', { name: 'Add the action' }).click();
	await expect(page.getByRole('status')).toContainText('Action added');
	await expect(agreed.locator(':scope > ul > li', { hasText: `Read the SEND inspection framework (${tag})` })).toContainText('Both · no date agreed');

	// Both members' week (the home page shows what the digest says).
	await visit(page, '/');
	await expect(page.getByText('Open actions in your mentoring with Sarah Holroyd')).toBeVisible();
	await expect(page.getByText(new RegExp(`You: Visit a family hub with the early help team \\(${tag}\\)`))).toBeVisible();
	await signOut(page);

	await signIn(page, 'mentor@example.org');
	await visit(page, '/mentoring');
	const mentees = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Your mentees' }) });
	await expect(mentees.getByRole('heading', { level: 3, name: 'Open actions' })).toBeVisible();
	await expect(mentees).toContainText(`Visit a family hub with the early help team (${tag})`);
	await visit(page, '/');
	await expect(page.getByText('Open actions in your mentoring with Tom Ashworth')).toBeVisible();
	await expect(page.getByText(new RegExp(`Tom Ashworth: Visit a family hub with the early help team \\(${tag}\\)`))).toBeVisible();
});
