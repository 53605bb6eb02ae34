/**
 * The child-safety check in the browser: a post that may identify a child is warned about at
 * preview and at submit, naming the words; the author either changes them (and the post goes
 * through unflagged) or confirms (and the post is flagged in the moderation queue).
 */
import { test, expect, visit, checkA11y, signIn, signOut, unique } from '../fixtures';

const IDENTIFYING = "Jamie Smith, aged 14, at St Mary's Primary in Preston, was placed out of county last month.";

test('warn, then edit, then post; warn, then confirm, then flagged to moderators', async ({ page }) => {
	test.setTimeout(240_000);
	const word = unique('pangolin');
	const title = `Placements out of county: ${word}`;

	await signIn(page, 'member@example.org');
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill(`${IDENTIFYING} How do others keep in touch? ${word}`);

	// Preview shows the warning, with the words that triggered it.
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
	const check = page.locator('#child-safety-check');
	await expect(check).toContainText('This post may identify a child or young person');
	await expect(check.locator('mark', { hasText: 'Jamie Smith' })).toBeVisible();
	await expect(check.locator('mark', { hasText: 'aged 14' })).toBeVisible();
	await checkA11y(page);

	// Posting without changing or confirming is refused, the text kept.
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.getByRole('link', { name: /confirm that no child or young person can be identified/ })).toBeVisible();
	await expect(page.getByLabel('Your post')).toHaveValue(new RegExp(`Jamie Smith.*${word}`));
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await checkA11y(page);

	// The author describes it in general terms: no warning, the thread is posted.
	await page.getByLabel('Your post').fill(`A young person of ours was placed out of county last month. How do others keep in touch? ${word}`);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.locator('#post-1')).not.toContainText('Jamie Smith');
	const threadUrl = new URL(page.url()).pathname;

	// A reply that identifies a child: warned, then confirmed.
	await page.getByLabel('Your reply').fill(`We had the same with Tyler, 10, who lives with his foster carers. ${word}-reply`);
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.locator('#child-safety-check mark', { hasText: 'Tyler' })).toBeVisible();
	await expect(page.getByLabel('Your reply')).toHaveValue(new RegExp(`Tyler, 10.*${word}-reply`));
	await checkA11y(page);
	await page.getByLabel('No child or young person can be identified from this post').check();
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.locator('#post-2')).toContainText(`${word}-reply`);
	await expect(page.locator('#post-2')).not.toContainText('may identify a child');
	await expect(page.locator('#child-safety-check')).toHaveCount(0);
	await checkA11y(page);
	await signOut(page);

	// The region's coordinator sees the confirmed reply flagged in the moderation queue, and
	// the first post (edited before posting) is not there.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin/moderation');
	const item = page.locator('li').filter({ has: page.getByRole('heading', { name: title }) });
	await expect(item).toHaveCount(1);
	await expect(item).toContainText('Post 2 by');
	await expect(item).toContainText('May identify a child');
	await expect(item).toContainText('“Tyler”');
	await expect(item).toContainText('the child-safety check; the author confirmed');
	await expect(item.locator('a')).toHaveAttribute('href', `${threadUrl}?post=2#post-2`);
});
