import { test, expect, checkA11y, visit, signIn, unique } from '../fixtures';

test('an admin sees every region, changes the template, publishes a version, and a checklist moves to it keeping its answers', async ({ page }) => {
	// Many pages, each checked with axe.
	test.setTimeout(300_000);
	await signIn(page, 'admin@example.org');

	// The national summary, and any region.
	await visit(page, '/succession/national');
	await expect(page.getByRole('heading', { level: 1, name: 'Succession readiness across England' })).toBeVisible();
	const body = page.getByRole('table').locator('tbody');
	await expect(body.getByRole('row')).toHaveCount(9);
	await page.getByRole('link', { name: 'London', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'London: succession at a glance' })).toBeVisible();
	await checkA11y(page);

	// The admin's own authority is Westminster: note an answer there first.
	await visit(page, '/succession');
	await expect(page.getByText('Westminster · London')).toBeVisible();
	const note = `Pack kept by democratic services ${unique('w')}`;
	await page.getByRole('link', { name: 'Key contacts' }).click();
	await page.getByLabel('Done', { exact: true }).check();
	await page.getByLabel('Evidence note (optional)').fill(note);
	await page.getByRole('button', { name: 'Save item' }).click();
	await expect(page).toHaveURL(/saved=key-contacts/);

	// Template management: bad input, then a new item.
	await visit(page, '/admin/template');
	await expect(page.getByRole('heading', { level: 1, name: 'Succession checklist template' })).toBeVisible();
	await page.getByRole('link', { name: 'Add an item' }).click();
	await checkA11y(page);
	await page.getByLabel('Weight').fill('12');
	await page.getByRole('button', { name: 'Add the item' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Choose a section');
	await expect(alert).toContainText('Enter the item');
	await expect(alert).toContainText('Enter a weight from 1 to 10');
	await checkA11y(page);
	const title = `Scrutiny chair briefed on the handover ${unique('t')}`;
	await page.getByLabel('Section').selectOption({ label: 'Introductions' });
	await page.getByLabel('Item', { exact: true }).fill(title);
	await page.getByLabel('Guidance (optional)').fill('So that challenge continues through a change of Lead Member.');
	await page.getByLabel('Weight').fill('2');
	await page.getByRole('button', { name: 'Add the item' }).click();
	await expect(page.getByRole('status')).toContainText('The item is saved in the draft');
	await expect(page.getByText(/You are editing a draft of version \d+/)).toBeVisible();
	await expect(page.getByRole('cell').filter({ hasText: title }).first()).toBeVisible();
	await checkA11y(page);

	// Publishing needs a summary.
	await page.getByRole('button', { name: /^Publish version \d+$/ }).click();
	await expect(page.getByRole('alert')).toContainText('Describe what changed in this version');
	await page.getByLabel('What changed').fill('Added an item on briefing the scrutiny chair.');
	await page.getByRole('button', { name: /^Publish version \d+$/ }).click();
	await expect(page.getByRole('status')).toContainText(/Version \d+ is published/);
	await checkA11y(page);
	const version = Number(/Version (\d+) is published/.exec(await page.getByRole('status').innerText())![1]);
	await page.getByRole('link', { name: `Version ${version}`, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Checklist template version ${version}` })).toBeVisible();
	await expect(page.getByText(`Added: ${title}`)).toBeVisible();
	await checkA11y(page);

	// Westminster's checklist offers the new version; moving keeps the answer and adds the item.
	await visit(page, '/succession');
	await page.getByRole('link', { name: `Review the changes and move to version ${version}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Move to version ${version} of the checklist` })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: title })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: `Move to version ${version}` }).click();
	await expect(page).toHaveURL(/\/history$/);
	await expect(page.getByText(new RegExp(`Moved from template version \\d+ to version ${version}`))).toBeVisible();
	await checkA11y(page);
	await visit(page, '/succession');
	await expect(page.locator('#item-key-contacts')).toContainText(note);
	await expect(page.getByRole('listitem').filter({ hasText: title }).first().locator('.tag').first()).toHaveText('Not started');
});

test('the template is for admins only', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	const response = await visit(page, '/admin/template');
	expect(response?.status()).toBe(403);
});
