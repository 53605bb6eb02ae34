import { test, expect, checkA11y, visit, signIn, signOut as signOutOnce, unique } from '../fixtures';

/** Signs out and lets the sign-out's own reload of /login finish before going anywhere else. */
async function signOut(page: import('@playwright/test').Page) {
	await signOutOnce(page);
	await page.waitForLoadState('networkidle');
}

test('a member says they are going, downloads the calendar file, and adds a past event to the log', async ({ page }) => {
	test.slow();
	await signIn(page, 'michael.greenhalgh@example.org');
	await visit(page, '/training/events');
	await expect(page.getByRole('link', { name: 'North West Lead Member network: winter meeting' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'London network: children’s participation' })).toHaveCount(0);
	await page.getByRole('link', { name: 'North West Lead Member network: winter meeting' }).click();
	await checkA11y(page);
	const going = page.getByRole('button', { name: 'I’m going' });
	if (await going.isVisible()) await going.click();
	await expect(page.getByText('You’re going')).toBeVisible();
	await checkA11y(page);

	const ics = await page.request.get(page.url() + '/calendar.ics');
	expect(ics.status()).toBe(200);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	const text = (await ics.text()).replace(/\r\n[ \t]/g, '');
	expect(text).toContain('BEGIN:VEVENT');
	expect(text).toContain('SUMMARY:North West Lead Member network: winter meeting');
	expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);

	await page.getByRole('button', { name: 'I’m not going any more' }).click();
	await expect(page.getByRole('button', { name: 'I’m going' })).toBeVisible();

	await visit(page, '/training/events?when=past');
	await expect(page.getByRole('heading', { level: 1, name: 'Past events' })).toBeVisible();
	await page.getByRole('link', { name: 'Understanding the inspection framework for Lead Members' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Understanding the inspection framework for Lead Members' })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Add to my training log', exact: true }).click();
	await expect(page).toHaveURL(/\/training\/entries\/\d+\/edit\?from=event/);
	await expect(page.getByRole('status')).toContainText('Added to your training log');
	await expect(page.getByLabel('Title')).toHaveValue('Understanding the inspection framework for Lead Members');
	await expect(page.getByLabel('E-learning')).toBeChecked();
	await expect(page.getByLabel('The inspection framework for children’s services')).toBeChecked();
	await expect(page.getByLabel('Hours')).toHaveValue('1');
	await checkA11y(page);
	await page.getByLabel('What I learnt, and what I’ll do (optional)').fill('Inspectors will ask me about our self-evaluation.');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toContainText('Your changes have been saved');
	await expect(page.getByRole('link', { name: 'Understanding the inspection framework for Lead Members' })).toBeVisible();

	// A second click finds the same entry rather than adding another.
	await visit(page, '/training/events?when=past');
	await page.getByRole('link', { name: 'Understanding the inspection framework for Lead Members' }).click();
	await expect(page.getByText('In your log', { exact: true })).toBeVisible();
	await visit(page, '/training?kind=e-learning');
	await expect(page.getByRole('link', { name: 'Understanding the inspection framework for Lead Members' })).toHaveCount(1);
});

test('a coordinator publishes, changes and cancels an event for their region, and sees the region’s totals', async ({ page }) => {
	test.slow();
	const title = `Corporate parenting workshop ${unique('ev')}`;
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/training/events');
	await page.getByRole('link', { name: 'Publish an event' }).click();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Publish the event' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a title');
	await expect(page.getByRole('alert')).toContainText('Enter where the event takes place, or a link to join online');
	await checkA11y(page);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Course').check();
	await page.getByLabel('Date', { exact: true }).fill('2027-01-14');
	await page.getByLabel('Starts at').fill('14:00');
	await page.getByLabel('Ends at').fill('12:00');
	await page.getByLabel('Place (optional if online)').fill('Salford Civic Centre');
	await page.getByLabel('Description (optional)').fill('Bring **questions**.\n\n<script>alert(1)</script>');
	await page.getByRole('button', { name: 'Publish the event' }).click();
	await expect(page.getByRole('alert')).toContainText('The event must end after it starts');
	await page.getByLabel('Ends at').fill('16:30');
	await page.getByRole('button', { name: 'Publish the event' }).click();
	await expect(page.getByRole('status')).toContainText('Members in North West can see it now');
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.locator('.prose strong')).toHaveText('questions');
	await expect(page.locator('.prose script')).toHaveCount(0);
	await checkA11y(page);

	await page.getByRole('link', { name: 'Change the event' }).click();
	await checkA11y(page);
	await page.getByLabel('Place (optional if online)').fill('Salford Civic Centre, Swinton');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toContainText('Your changes have been saved');
	await expect(page.getByText('Salford Civic Centre, Swinton')).toBeVisible();

	await page.getByRole('link', { name: 'Cancel the event' }).click();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Yes, cancel the event' }).click();
	await expect(page.getByText('This event has been cancelled')).toBeVisible();

	await visit(page, '/training/region');
	await expect(page.getByRole('heading', { level: 1, name: 'Training across North West' })).toBeVisible();
	await expect(page.getByTestId('members-logging')).toHaveText(/\d+ of \d+/);
	await expect(page.getByRole('table', { name: /Training by authority/ })).toContainText('Lancashire');
	await expect(page.getByText(/meet the DCS every fortnight/)).toHaveCount(0);
	expect((await page.goto('/training/region?region=london'))?.status()).toBe(404);
	await checkA11y(page);
	await visit(page, '/training');
	await signOut(page);

	// Members of another region never see it.
	await signIn(page, 'esther.adeyemi@example.org');
	await visit(page, '/training/events');
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	expect((await page.goto('/training/events/new'))?.status()).toBe(403);
});

test('an admin sees every region’s totals and publishes a national event', async ({ page }) => {
	test.slow();
	const title = `National SEND webinar ${unique('nat')}`;
	await signIn(page, 'admin@example.org');
	await visit(page, '/training/region');
	await expect(page.getByRole('heading', { level: 1, name: 'Training across the regions' })).toBeVisible();
	await page.getByRole('link', { name: 'South West' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Training across South West' })).toBeVisible();
	await checkA11y(page);

	await visit(page, '/training/events/new');
	await page.getByLabel('Who is it for?').selectOption('national');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Webinar').check();
	await page.getByLabel('Date', { exact: true }).fill('2027-02-03');
	await page.getByLabel('Starts at').fill('18:00');
	await page.getByLabel('Ends at').fill('19:00');
	await page.getByLabel('Link to join online (optional)').fill('https://meet.example.org/send');
	await page.getByRole('button', { name: 'Publish the event' }).click();
	await expect(page.getByRole('status')).toContainText('Members in every region can see it now');
	await signOut(page);

	await signIn(page, 'esther.adeyemi@example.org');
	await visit(page, '/training/events');
	await expect(page.getByRole('link', { name: title })).toBeVisible();
});
