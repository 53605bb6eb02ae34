/**
 * Discussions end to end: ask a question, reply as another member, accept the answer, find it
 * by search, report a post and hide it from the moderation queue — with axe on every page.
 */
import { test, expect, visit, checkA11y, signIn, signOut, waitForMail, unique } from '../fixtures';

test('ask, reply, accept, search, report and hide', async ({ page }) => {
	test.setTimeout(360_000);
	const word = unique('quokka');
	const title = `How do you brief new panel members about ${word}?`;

	// A new Lead Member asks a question (previewing it first, without losing what they wrote).
	await signIn(page, 'member@example.org');
	await visit(page, '/threads');
	await expect(page.getByRole('heading', { level: 1, name: 'Latest discussions' })).toBeVisible();
	await page.getByRole('link', { name: 'Ask a question' }).first().click();
	await expect(page).toHaveURL(/\/threads\/new\?question=1/);
	await checkA11y(page);
	await expect(page.getByText('Nothing you post may identify a child or young person.')).toBeVisible();

	// An empty form is refused with messages.
	await page.getByRole('button', { name: 'Post your question' }).click();
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Enter a title' })).toBeVisible();
	await checkA11y(page);

	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await expect(page.getByLabel('This is a question – I can mark the reply that answers it')).toBeChecked();
	await page.getByLabel('Your post').fill(`Our panel has three new members after May. **What do you cover** in their first session? ${word}`);
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
	await expect(page.locator('.preview strong')).toHaveText('What do you cover');
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await checkA11y(page);
	await page.getByRole('button', { name: 'Post your question' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('Question, not yet answered')).toBeVisible();
	await checkA11y(page);
	const threadUrl = new URL(page.url()).pathname;
	await signOut(page);

	// An experienced member replies, mentioning the asker.
	await signIn(page, 'mentor@example.org');
	await visit(page, threadUrl);
	await page.getByLabel('Your reply').fill(`We give every new member a one-page guide and a visit with the independent visitor, @tom-ashworth. ${word}-answer`);
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.locator('#post-2')).toContainText('one-page guide');
	await expect(page.locator('#post-2 a[href="/members/tom-ashworth"]')).toBeVisible();
	await checkA11y(page);
	await signOut(page);

	// The asker hears about it, accepts the answer, then finds the thread by search.
	await waitForMail('member@example.org', /Sarah Holroyd mentioned you/);
	await signIn(page, 'member@example.org');
	await visit(page, '/notifications');
	const aboutThread = page.getByRole('region', { name: title });
	await expect(aboutThread.getByRole('heading', { level: 2, name: title })).toBeVisible();
	await expect(aboutThread.getByRole('link', { name: 'Sarah Holroyd mentioned you' })).toBeVisible();
	await aboutThread.getByRole('link', { name: 'Sarah Holroyd mentioned you' }).click();
	await expect(page.locator('#post-2')).toBeVisible();
	await checkA11y(page);
	await page.locator('#post-2').getByRole('button', { name: /Mark as the answer/ }).click();
	await expect(page.getByRole('status')).toContainText('marked as the answer');
	await expect(page.getByRole('heading', { name: 'Accepted answer' })).toBeVisible();
	await expect(page.locator('.thread-tags').getByText('Answered')).toBeVisible();
	await checkA11y(page);

	await visit(page, `/threads/search?q=${encodeURIComponent(`"${word}-answer`)}`);
	const hit = page.locator('.search-results li').first();
	await expect(hit.locator('mark').first()).toBeVisible();
	await expect(hit.getByRole('link', { name: title })).toBeVisible();
	await visit(page, `/threads/search?q=${encodeURIComponent(`${word} OR (*`)}`);
	await expect(page.getByRole('link', { name: title }).first()).toBeVisible();

	// The asker adds a reply that should not be there.
	await visit(page, threadUrl);
	await page.getByLabel('Your reply').fill(`Vote for my party at the by-election! ${word}-campaign`);
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.locator('#post-3')).toContainText('by-election');
	await signOut(page);

	// Another member reports it.
	await signIn(page, 'mentor@example.org');
	await visit(page, `${threadUrl}?post=3`);
	await page.getByRole('link', { name: 'Report post 3' }).click();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Send report' }).click();
	await expect(page.getByRole('link', { name: 'Choose why you are reporting this post' })).toBeVisible();
	await page.getByLabel('It does not belong in this network').check();
	await page.getByLabel('Anything the moderators should know (optional)').fill('Party campaigning');
	await page.getByRole('button', { name: 'Send report' }).click();
	await expect(page.getByRole('status')).toContainText('the moderators will look at the post');
	await checkA11y(page);
	await signOut(page);

	// The region's coordinator hides it from the moderation queue; the author is told why.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/moderation');
	const item = page.locator('li', { has: page.getByRole('heading', { name: title }) });
	await expect(item).toContainText('Party campaigning');
	await item.getByLabel(/Reason for hiding post 3/).fill('Party campaigning does not belong in the network');
	await item.getByRole('button', { name: /Hide post/ }).click();
	await expect(page.getByRole('status')).toContainText('hidden');
	await checkA11y(page);
	await visit(page, threadUrl);
	await expect(page.locator('#post-3')).toContainText('A moderator hid this post');
	await signOut(page);

	const mail = await waitForMail('member@example.org', /A moderator hid your post/);
	expect(mail.text).toContain('Party campaigning does not belong in the network');
	expect(JSON.stringify(mail.headers)).toMatch(/unsubscribe\/.+\/one-click/);

	await signIn(page, 'aisha.patel@example.org');
	await visit(page, threadUrl);
	await expect(page.locator('#post-3')).toContainText('This post was hidden by a moderator.');
	await expect(page.locator('#post-3')).not.toContainText('by-election');
});

test('regional threads are invisible outside their region', async ({ page }) => {
	test.setTimeout(240_000);
	const word = unique('regional');
	await signIn(page, 'member@example.org');
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(`North West only: ${word}`);
	await page.getByLabel('Category').selectOption({ label: 'Training and development' });
	await page.getByLabel(/Only members in the North West region/).check();
	await page.getByLabel('Your post').fill(`For colleagues in the region only. ${word}`);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByText('North West only', { exact: true })).toBeVisible();
	await checkA11y(page);
	const url = new URL(page.url()).pathname;
	await signOut(page);

	await signIn(page, 'mentor@example.org');
	const response = await page.goto(url);
	expect(response?.status()).toBe(404);
	await checkA11y(page);
	await visit(page, `/threads/search?q=${word}`);
	await expect(page.getByRole('heading', { name: 'No results' })).toBeVisible();
});

test('lists, filters and the unread marker', async ({ page }) => {
	test.setTimeout(240_000);
	await signIn(page, 'member@example.org');
	await visit(page, '/threads?view=following');
	await expect(page.getByRole('heading', { level: 1, name: 'Threads I follow' })).toBeVisible();
	await expect(page.locator('.thread-row').first()).toBeVisible();
	await visit(page, '/threads?view=unanswered&category=education-send');
	await expect(page.getByRole('heading', { level: 1, name: 'Education and SEND' })).toBeVisible();
	await expect(page.getByText('Question, not yet answered').first()).toBeVisible();
	await visit(page, '/threads?category=the-role');
	await expect(page.getByRole('heading', { name: 'Pinned' })).toBeVisible();
	const withNew = page.locator('.thread-row', { hasText: /\d+ new/ }).first();
	await visit(page, '/threads?view=following');
	if (await withNew.count()) {
		await withNew.getByRole('link').first().click();
		await expect(page.getByText('New since your last visit')).toBeVisible();
		await checkA11y(page);
	}
	await visit(page, '/threads?after=garbage&view=nonsense&scope=atlantis');
	await expect(page.locator('.thread-row').first()).toBeVisible();
});
