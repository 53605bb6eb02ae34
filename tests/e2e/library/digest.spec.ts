/**
 * New library documents reach digests: a North West document shows in another North West
 * member's "your week" (the personal digest's content), in the coordinator's region at a
 * glance, and as a section the coordinator can keep in a regional digest — and nowhere in
 * Yorkshire. axe on every page.
 */
import { test, expect, visit, checkA11y, signIn, signOut, unique } from '../fixtures';

test('a new regional case study reaches the region’s digests and no one else’s', async ({ page }) => {
	test.setTimeout(240_000);
	const word = unique('plover');
	const title = `Care leavers’ covenant with employers ${word}`;

	await signIn(page, 'member@example.org');
	await visit(page, '/library/new?kind=case-study');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Summary').fill('Twelve employers signed up to guaranteed interviews for care leavers.');
	await page.getByLabel('The situation').fill('Care leavers were not getting interviews.');
	await page.getByLabel('What we did').fill('We asked the council’s suppliers to sign a covenant.');
	await page.getByLabel('What changed').fill('Care leavers in work rose from 41% to 52%.');
	await page.getByLabel('Care leavers').check();
	await page.getByLabel('Only members in North West, its coordinator and admins').check();
	await page.getByRole('button', { name: 'Publish the case study' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await signOut(page);

	// Another North West member: in "your week", the same content as their personal digest.
	await signIn(page, 'aisha.patel@example.org');
	await visit(page, '/');
	const week = page.getByRole('region', { name: 'Good-practice library' });
	await expect(week.getByRole('link', { name: title })).toHaveAttribute('href', /^\/library\/\d+$/);
	await signOut(page);

	// The coordinator: in the region at a glance, and a section to keep in the regional digest.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/');
	await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
	await visit(page, '/digests/new');
	await page.getByRole('button', { name: 'Start a digest for the North West' }).click();
	await expect(page).toHaveURL(/\/digests\/\d+\/edit$/);
	const section = page.getByRole('group', { name: /New in the library/ });
	await expect(section.getByRole('link', { name: title })).toBeVisible();
	await checkA11y(page);
	await signOut(page);

	// Yorkshire sees nothing of it.
	await signIn(page, 'mentor@example.org');
	await visit(page, '/');
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
});
