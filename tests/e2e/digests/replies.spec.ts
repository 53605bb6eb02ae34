/** Email both ways, the outbound half: reply lines, Reply-To, threading headers and VERP, read at the test SMTP server. */
import { test, expect, fitsAPhone, checkA11y, visit, signIn, waitForMail, unique, type SinkMail } from '../fixtures';

/** A header exactly as sent (unfolded). */
function rawHeader(raw: string, name: string): string | undefined {
	const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
	return head
		.split(/\r?\n/)
		.find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'))
		?.slice(name.length + 1)
		.trim();
}

test('a mention email says who will see a reply, replies to the thread, and threads with the thread’s other emails', async ({ page }) => {
	const word = unique('replies');
	await signIn(page, 'member@example.org');
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(`Respite beds over winter ${word}`);
	await page.getByLabel('Category').selectOption({ label: 'Training and development' });
	await page.getByLabel(/Only members in the North West region/).check();
	await page.getByLabel('Your post').fill(`How are colleagues planning respite over winter, @aisha-patel? ${word}`);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Respite beds over winter ${word}` })).toBeVisible();
	const threadId = /\/threads\/(\d+)/.exec(page.url())![1];

	const mail = (await waitForMail('aisha.patel@example.org', `Respite beds over winter ${word}`)) as SinkMail & { raw: string; from: string };
	expect(mail.text).toContain('Reply to this email to post in the thread — your reply is visible to North West members.');
	expect(mail.text).toContain('Never identify a child or young person: no names, schools, photos or case details.');
	expect(mail.html).toContain('your reply is visible to North West members');
	expect(rawHeader(mail.raw, 'Reply-To')).toMatch(/^reply\+t[0-9a-z]+-[0-9a-z]+-[a-z2-7]{26}@reply\.localhost$/);
	expect(rawHeader(mail.raw, 'Message-ID')).toMatch(new RegExp(`^<thread-${threadId}\\.post-\\d+\\.mention\\.m\\d+@127\\.0\\.0\\.1>$`));
	expect(rawHeader(mail.raw, 'In-Reply-To')).toBe(`<thread-${threadId}@127.0.0.1>`);
	expect(rawHeader(mail.raw, 'References')).toBe(`<thread-${threadId}@127.0.0.1>`);
	// The envelope sender is the VERP address, so a bounce names the member and the message.
	expect(mail.from).toMatch(/^bounces\+b[0-9a-z]+-[0-9a-z]+-[a-z2-7]{26}@reply\.localhost$/);
});

test('the email settings page shows the member’s own addresses for asking by email', async ({ page }) => {
	await signIn(page, 'member@example.org');
	await visit(page, '/settings/email');
	await expect(page.getByRole('heading', { name: 'Ask a question by email' })).toBeVisible();
	const national = page.locator('.ask-addresses dd').first();
	await expect(national).toHaveText(/^ask\+a[0-9a-z]+-n-[a-z2-7]{26}@reply\.localhost$/);
	await expect(page.locator('.ask-addresses dd').nth(1)).toHaveText(/^ask\+a[0-9a-z]+-north-west-[a-z2-7]{26}@reply\.localhost$/);
	await expect(page.getByText('Only to North West members')).toBeVisible();
	await expect(page.getByText('start the subject with [North West]')).toBeVisible();
	await checkA11y(page);
	await fitsAPhone(page);
});
