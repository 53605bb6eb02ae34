/**
 * The home page knows what the member has read (issue 18): a reply they have read on the site and
 * a mention already emailed to them are not "new" in "Your week"; the notifications page shows
 * each thread as a heading with what happened in it underneath.
 */
import { test, expect, visit, signIn, signOut, waitForMail, unique } from '../fixtures';
import { newMember } from '../foundation/helpers';

test('your week lists only what is new to the member; notifications are grouped under thread headings', async ({ page, browser }) => {
	test.setTimeout(240_000);
	const me = await newMember(browser);
	const word = unique('kestrel');
	const mine = `Who runs your children in care council, ${word}?`;
	const mentioning = `Care leavers and council tax, ${word}`;

	// The new member starts a thread (and so follows it).
	await signIn(page, me.email, me.password);
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(mine);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill('Ours is run by the participation team. Does anyone use an independent organisation?');
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: mine })).toBeVisible();
	const threadUrl = new URL(page.url()).pathname;
	await signOut(page);

	// A colleague replies in it, and mentions them in a thread of her own (a mention is emailed straight away).
	await signIn(page, 'mentor@example.org');
	await visit(page, threadUrl);
	await page.getByLabel('Your reply').fill(`Leeds commissions a local charity for ours. ${word}`);
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.locator('#post-2')).toContainText('Leeds commissions');
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(mentioning);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill(`We exempt care leavers up to 25. @${me.handle}, what does your council do?`);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: mentioning })).toBeVisible();
	await signOut(page);
	await waitForMail(me.email, /mentioned you/);

	// Their week: the reply is new; the mention they were emailed is not.
	await signIn(page, me.email, me.password);
	await visit(page, '/');
	const discussions = page.getByRole('region', { name: 'Discussions' });
	await expect(discussions.getByRole('link', { name: mine })).toBeVisible();
	await expect(discussions).not.toContainText('mentioned you');

	// Notifications: one heading per thread, what happened underneath.
	await visit(page, '/notifications');
	const mentionGroup = page.getByRole('region', { name: mentioning });
	await expect(mentionGroup.getByRole('heading', { level: 2, name: mentioning })).toBeVisible();
	await expect(mentionGroup.getByRole('link', { name: 'Sarah Holroyd mentioned you' })).toBeVisible();
	const replyGroup = page.getByRole('region', { name: mine });
	await expect(replyGroup.getByRole('heading', { level: 2, name: mine })).toBeVisible();
	await expect(replyGroup.getByRole('link', { name: 'Sarah Holroyd replied' })).toBeVisible();

	// Once they have read the reply on the site it is no longer new on the home page.
	await visit(page, threadUrl);
	await expect(page.locator('#post-2')).toContainText('Leeds commissions');
	await visit(page, '/');
	await expect(page.getByRole('heading', { level: 1, name: 'Your week' })).toBeVisible();
	await expect(page.getByRole('link', { name: mine })).toHaveCount(0);
	await expect(page.getByText('mentioned you')).toHaveCount(0);
});
