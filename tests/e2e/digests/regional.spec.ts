import { test, expect, checkA11y, visit, signIn, signOut, waitForMail, linkIn, unique, type SinkMail } from '../fixtures';

const SINK = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? '2526'}`;
const NORTH_WEST_MEMBERS = ['nasreen.akhtar', 'kevin.doyle', 'gemma.lightfoot', 'richard.bentley', 'claire.hindley', 'stuart.nicholson', 'aisha.patel', 'jerome.campbell'].map((n) => `${n}@example.org`);
const LONDON_MEMBERS = ['kwame.mensah', 'esther.adeyemi', 'ruth.abrahams'].map((n) => `${n}@example.org`);

type RawMail = SinkMail & { raw: string };

/** The value beside a term in a summary list ("Sent" → "12"). */
const figure = (page: import('@playwright/test').Page, term: string) => page.locator('dl.summary-list dt').filter({ hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');

/** Every message the sink has with exactly this subject. */
async function mailsWithSubject(subject: string): Promise<RawMail[]> {
	const all = (await (await fetch(`${SINK}/messages`)).json()) as RawMail[];
	return all.filter((m) => m.subject === subject);
}

/** A header exactly as sent (the sink's parser folds List-* headers together). */
function rawHeader(raw: string, name: string): string | undefined {
	const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
	return head
		.split(/\r?\n/)
		.find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'))
		?.slice(name.length + 1)
		.trim();
}

test.describe.serial('regional digests', () => {
	const title = `Winter pressures and short breaks ${unique('d')}`;
	const subject = `North West Lead Members: ${title}`;
	let digestPath = '';

	test('a coordinator composes, previews, tests and sends a regional digest', async ({ page }) => {
		test.setTimeout(180_000);
		await signIn(page, 'coordinator@example.org');
		await visit(page, '/digests');
		await page.getByRole('link', { name: 'Compose a digest' }).click();
		await checkA11y(page);
		await page.getByRole('button', { name: 'Start a digest for the North West' }).click();
		await expect(page).toHaveURL(/\/digests\/\d+\/edit$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose the North West digest');
		await checkA11y(page);

		// A bad title and an empty new section are refused with messages, and nothing typed is lost.
		await page.getByLabel('Title').fill('Hi');
		await page.getByLabel('Introduction (optional)').fill('Good morning all. Budget season is here: **please** share how you are protecting early help.');
		await page.getByRole('button', { name: 'Add the section' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter a title of at least 5 characters');
		await expect(page.getByRole('alert')).toContainText('Enter a heading for the new section');
		await expect(page.getByLabel('Introduction (optional)')).toHaveValue(/Budget season is here/);
		await checkA11y(page);

		await page.getByLabel('Title').fill(title);
		await page.getByRole('textbox', { name: 'Heading', exact: true }).last().fill('Dates for your diary');
		await page.getByRole('textbox', { name: 'What it says' }).last().fill('- **Regional network meeting**: Thursday 10 December, 10am, online');
		await page.getByRole('button', { name: 'Add the section' }).click();
		await expect(page.getByRole('status')).toContainText('Your section has been added');
		const custom = page.getByRole('group', { name: /Dates for your diary/ });
		await expect(custom).toBeVisible();
		await custom.getByRole('button', { name: /Move up/ }).click();
		await expect(page.getByRole('group').filter({ hasText: 'Include this section' }).first()).toBeVisible();
		await checkA11y(page);

		// A time in the past is refused.
		await page.getByLabel('Date', { exact: true }).fill('2020-01-01');
		await page.getByLabel('Time (UK time)').fill('09:00');
		await page.getByRole('button', { name: 'Schedule' }).click();
		await expect(page.getByRole('alert')).toContainText('The time to send it must be in the future');
		await checkA11y(page);
		await page.getByLabel('Date', { exact: true }).fill('');

		await page.getByRole('button', { name: 'Preview' }).click();
		await expect(page).toHaveURL(/\/digests\/\d+\/preview$/);
		await checkA11y(page);
		await expect(page.getByText(subject)).toBeVisible();
		const email = page.getByRole('article', { name: 'The digest as an email' });
		await expect(email.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(email.getByRole('heading', { name: 'Dates for your diary' })).toBeVisible();
		await expect(page.locator('pre.email-text')).toContainText('Regional network meeting');

		await page.getByRole('button', { name: 'Send a test to yourself' }).click();
		await expect(page.getByRole('status')).toContainText('A test copy is on its way to coordinator@example.org');
		const testMail = (await waitForMail('coordinator@example.org', `[Test] ${subject}`)) as RawMail;
		expect(testMail.text).toContain('This is a test');
		expect(testMail.html).toContain('<strong>please</strong>');
		expect(rawHeader(testMail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		// Only the composer got the test.
		expect((await mailsWithSubject(`[Test] ${subject}`)).flatMap((m) => m.to)).toEqual(['coordinator@example.org']);

		await page.getByRole('link', { name: 'Send now' }).click();
		await expect(page).toHaveURL(/\/digests\/\d+\/send$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Send “${title}” now?`);
		await checkA11y(page);
		await page.getByRole('button', { name: 'Send the digest' }).click();
		await expect(page).toHaveURL(/\/digests\/\d+\?sent=\d+$/);
		await expect(page.getByRole('status')).toContainText('Your digest is on its way');
		await checkA11y(page);
		digestPath = new URL(page.url()).pathname;

		// Delivery figures fill in as the scheduler sends.
		await expect(async () => {
			await page.reload();
			const recipients = Number(await figure(page, 'Recipients').innerText());
			const sent = Number(await figure(page, 'Sent').innerText());
			expect(recipients).toBeGreaterThan(3);
			expect(sent).toBe(recipients);
		}).toPass({ timeout: 20_000 });
		await expect(figure(page, 'Failed')).toHaveText('0');

		// Sent once more? No: the send page now leads back to the digest.
		await page.goto(`${digestPath}/send`);
		await expect(page).toHaveURL(new RegExp(`${digestPath}$`));

		// The list shows it with its figures.
		await visit(page, '/digests');
		await expect(page.getByRole('link', { name: title })).toBeVisible();
		await signOut(page);
	});

	test('a member reads it on the site and unsubscribes with one click from the email', async ({ page, request }) => {
		test.setTimeout(120_000);
		expect(digestPath, 'needs the digest sent in the test before').toBeTruthy();
		// Every North West member who wants regional digests got it; no one in London did.
		await waitForMail('member@example.org', subject);
		const sent = await mailsWithSubject(subject);
		const recipients = sent.flatMap((m) => m.to);
		expect(new Set(recipients).size).toBe(recipients.length);
		for (const londoner of LONDON_MEMBERS) expect(recipients).not.toContain(londoner);
		const reader = NORTH_WEST_MEMBERS.find((e) => recipients.includes(e));
		expect(reader, 'some North West demo member gets regional digests').toBeTruthy();
		const mail = sent.find((m) => m.to.includes(reader!))!;

		// Every email: both parts, absolute links to the site, list headers.
		expect(mail.text).toContain('Dates for your diary'.toUpperCase());
		expect(mail.html).toContain('<html lang="en-GB">');
		expect(rawHeader(mail.raw, 'List-Unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[^>]+\/one-click>$/);
		expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		expect(rawHeader(mail.raw, 'List-Id')).toMatch(/^North West regional digest <regional-digest\.127\.0\.0\.1>$/);
		// Links go straight to the site; the only others are each thread's "Reply by email" (mailto: the member's own reply address for it).
		for (const [, href] of mail.html.matchAll(/href="([^"]+)"/g)) expect(href).toMatch(/^(http:\/\/127\.0\.0\.1:\d+\/|mailto:reply\+t[0-9a-z]+-[0-9a-z]+-[a-z2-7]{26}@reply\.localhost\?subject=)/);
		expect(mail.html).toContain('Reply by email</a>');

		await signIn(page, reader!);
		await visit(page, linkIn(mail, /^\/digests\/\d+$/));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.getByRole('heading', { name: 'Dates for your diary' })).toBeVisible();
		await expect(page.getByText('Recipients')).toHaveCount(0); // figures are for coordinators
		await visit(page, '/digests');
		await page.getByRole('link', { name: title }).click();
		await expect(page).toHaveURL(new RegExp(`${digestPath}$`));
		await signOut(page);

		// The confirm page: a GET never unsubscribes.
		const unsubscribePath = linkIn(mail, /^\/unsubscribe\/[^/]+$/);
		await visit(page, unsubscribePath);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribe');
		await expect(page.getByText('Stop getting regional digests from your network coordinator?')).toBeVisible();
		const oneClickGet = await request.get(`${unsubscribePath}/one-click`, { maxRedirects: 0 });
		expect(oneClickGet.status()).toBe(303);
		await visit(page, unsubscribePath);
		await expect(page.getByRole('button', { name: 'Unsubscribe' })).toBeVisible();

		// RFC 8058: the mail provider POSTs from elsewhere, without a cookie or an Origin.
		const oneClick = new URL(rawHeader(mail.raw, 'List-Unsubscribe')!.slice(1, -1));
		const res = await request.post(oneClick.pathname, { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.net' }, data: 'List-Unsubscribe=One-Click' });
		expect(res.status()).toBe(200);
		await visit(page, unsubscribePath);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have already unsubscribed');

		await signIn(page, reader!);
		await visit(page, '/settings/email');
		await expect(page.getByRole('group', { name: 'Do you want the digests your regional coordinator sends?' }).getByLabel('No')).toBeChecked();
		// Put it back through the settings page.
		await page.getByRole('group', { name: 'Do you want the digests your regional coordinator sends?' }).getByLabel('Yes').check();
		await page.getByRole('button', { name: 'Save email settings' }).click();
		await expect(page.getByRole('status')).toContainText('Your email settings have been saved');
		await checkA11y(page);
	});
});

test('an unsubscribe link that has been tampered with gives a clear page, and unsubscribing by the page works', async ({ page, request }) => {
	await visit(page, '/unsubscribe/not-a-real-token');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This unsubscribe link does not work');
	const forged = await request.post('/unsubscribe/MTpkaWdlc3Q.AAAA/one-click', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'List-Unsubscribe=One-Click' });
	expect(forged.status()).toBe(404);
	// A cross-site form post to the confirm page itself is still refused (only one-click is exempt).
	const crossSite = await request.post('/unsubscribe/not-a-real-token', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example.net' }, data: 'x=1' });
	expect(crossSite.status()).toBe(403);
});

test('an empty digest cannot be sent, a draft can be scheduled and unscheduled, and an admin sees mail delivery', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'admin@example.org');
	await visit(page, '/digests/new');
	await page.getByLabel('Members in the South West').check();
	await page.getByRole('button', { name: 'Start the digest' }).click();
	await expect(page).toHaveURL(/\/digests\/\d+\/edit$/);
	await checkA11y(page);
	// Drop every suggested section and write no introduction: nothing to send.
	for (const box of await page.getByRole('checkbox', { name: /Include this section/ }).all()) await box.uncheck();
	await page.getByRole('button', { name: 'Send now' }).click();
	await expect(page.getByRole('alert')).toContainText('This digest has nothing in it yet');
	await checkA11y(page);
	const editUrl = page.url();
	await page.goto(editUrl.replace(/\/edit$/, '/send'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This digest cannot be sent yet');
	await checkA11y(page);

	await page.goto(editUrl);
	await page.getByLabel('Introduction (optional)').fill('A short note for the South West.');
	const nextYear = new Date().getUTCFullYear() + 1;
	await page.getByLabel('Date', { exact: true }).fill(`${nextYear}-01-15`);
	await page.getByLabel('Time (UK time)').fill('09:30');
	await page.getByRole('button', { name: 'Schedule' }).click();
	await expect(page.getByRole('status')).toContainText(`The digest will be sent on 15 January ${nextYear}`);
	await expect(page.getByText('Scheduled:')).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Cancel the schedule' }).click();
	await expect(page.getByRole('status')).toContainText('It is a draft again');
	await page.getByRole('link', { name: 'Delete this draft' }).click();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Delete it' }).click();
	await expect(page).toHaveURL(/\/digests\?deleted=1$/);
	await checkA11y(page);

	await visit(page, '/admin/mail');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mail delivery');
	await expect(figure(page, 'Sent in the last 7 days')).not.toHaveText('0');
	await visit(page, '/admin/mail/1');
	await expect(figure(page, 'Message-ID')).not.toBeEmpty();
	await visit(page, '/');
	await expect(page.getByRole('heading', { name: 'The network at a glance' })).toBeVisible();
});

test('a member chooses a daily digest at 8am, and sees their week on the home page', async ({ page }) => {
	await signIn(page, 'aisha.patel@example.org');
	await visit(page, '/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your week');
	await visit(page, '/settings/email');
	await page.getByLabel('Daily').check();
	await page.getByLabel('Time of day').selectOption({ label: '8:00am' });
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status')).toContainText(/Your next digest is due on .*8:00am/);
	await checkA11y(page);
	await visit(page, '/');
	await expect(page.getByText(/Your next daily digest email is due on .*8:00am/)).toBeVisible();
});

test('a coordinator sees their region at a glance on the home page', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/');
	await expect(page.getByRole('heading', { name: 'The North West at a glance' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Compose a digest for the North West' })).toBeVisible();
});
