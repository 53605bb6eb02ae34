/**
 * The admin's editor of the national first 100 days path (issue 16): the first change starts a
 * draft; a step is edited, added (a key already used is refused beside the field and in the error
 * summary, input kept) and removed; a draft with an empty phase cannot be published (the message
 * beside the phase and in the summary); discarding asks first; publishing makes version 2. A
 * member who started on version 1 keeps it until they choose to move. Axe on every page.
 *
 * The step count stays the same (one added, one removed), so other specs' counts of a new
 * member's steps hold whichever version the member starts on.
 */
import { checkA11y, expect, signIn, signOut, test, unique, visit } from '../fixtures';
import { inviteAsAdmin } from '../foundation/helpers';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('an admin drafts, edits and publishes the path; members keep their version until they move', async ({ page }) => {
	test.setTimeout(180_000);
	// A member who starts on the path before the change.
	const id = unique('v');
	const who = { name: `Vera ${id}`, email: `${id}@council.example.org`, password: `correct horse ${id} staple` };
	const link = await inviteAsAdmin(page, { name: who.name, email: who.email, authority: 'Camden' });
	await page.goto(link);
	await page.getByLabel('Full name').fill(who.name);
	await page.getByLabel('When did you take on the role? (optional)').fill(daysAgo(5));
	await page.getByLabel('Choose a password').fill(who.password);
	await page.getByLabel('Confirm your password').fill(who.password);
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page).toHaveURL(/\/induction\?welcome=1$/);
	await expect(page.getByRole('link', { name: 'Meet the chair of scrutiny', exact: true })).toBeVisible();
	await signOut(page);

	await signIn(page, 'admin@example.org');
	await visit(page, '/admin');
	await page.getByRole('link', { name: 'The first 100 days path' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The first 100 days path');
	const published = Number((await page.locator('.lead').textContent())!.match(/This is version (\d+), published/)![1]);
	const next = published + 1;
	await checkA11y(page);

	// Edit a step: the first change starts the draft.
	await page.getByRole('link', { name: 'Meet the chair of scrutiny', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change the step');
	await checkA11y(page);
	await page.getByLabel('What to do').fill('Meet the chair of the children’s scrutiny committee');
	await page.getByRole('button', { name: 'Save the step in the draft' }).click();
	await expect(page).toHaveURL(/\/admin\/induction\?saved=scrutiny$/);
	await expect(page.getByRole('status')).toContainText('“Meet the chair of the children’s scrutiny committee” is saved in the draft.');
	await expect(page.locator('.lead')).toContainText(`You are editing a draft of version ${next}.`);
	await checkA11y(page);

	// Add a step: a key already in the path is refused beside the field and in the summary, the input kept.
	await page.getByRole('link', { name: 'Add a step' }).click();
	await page.getByLabel('Key').fill('meet-dcs');
	await page.getByLabel('The first month').check();
	await page.getByLabel('What to do').fill('Go to your region’s induction day');
	await page.getByLabel('Why, in a few lines').fill('Meet the other new Lead Members and the regional coordinator.');
	await page.getByLabel('Where it is done (optional)').fill('/training/events');
	await page.getByLabel('Words for the link').fill('See the events');
	await page.getByRole('button', { name: 'Add the step to the draft' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Another step has the key “meet-dcs”: choose a different key');
	await expect(summary.getByRole('link', { name: /Another step has the key/ })).toHaveAttribute('href', '#key');
	await expect(page.locator('#key-error')).toContainText('Another step has the key “meet-dcs”: choose a different key');
	await expect(page.getByLabel('What to do')).toHaveValue('Go to your region’s induction day');
	await expect(page.getByLabel('The first month')).toBeChecked();
	await checkA11y(page);
	await page.getByLabel('Key').fill('induction-day');
	await page.getByRole('button', { name: 'Add the step to the draft' }).click();
	await expect(page.getByRole('status')).toContainText('“Go to your region’s induction day” is saved in the draft.');
	const month = page.locator('.form-group').filter({ has: page.getByRole('heading', { level: 2, name: 'The first month' }) });
	await expect(month.getByRole('link', { name: 'Go to your region’s induction day' })).toBeVisible();

	// Remove a step, keeping the count.
	await page.getByRole('button', { name: 'Remove “Understand the budget and the high-needs block”' }).click();
	await expect(page.getByRole('status')).toContainText('The step is removed from the draft.');
	await checkA11y(page);

	// A phase with no steps cannot be published: the message beside the phase and in the summary.
	const ten = page.locator('.form-group').filter({ has: page.getByRole('heading', { level: 2, name: 'The first ten days' }) });
	const removeInTen = ten.getByRole('button', { name: /^Remove/ });
	for (let left = await removeInTen.count(); left > 0; left--) {
		await removeInTen.first().click();
		await expect(removeInTen).toHaveCount(left - 1);
	}
	await page.getByLabel('What changed in this version').fill('Nothing for the first ten days');
	await page.getByRole('button', { name: `Publish version ${next}` }).click();
	await expect(summary).toContainText('Add a step to “The first ten days” before publishing');
	await expect(summary.getByRole('link', { name: 'Add a step to “The first ten days” before publishing' })).toHaveAttribute('href', '#phase-ten-days');
	await expect(page.locator('#phase-ten-days-error')).toContainText('Add a step to “The first ten days” before publishing');
	await expect(page.getByLabel('What changed in this version')).toHaveValue('Nothing for the first ten days');
	await checkA11y(page);

	// Discarding asks first; keeping the draft leaves it, discarding throws every change away.
	await page.getByRole('link', { name: 'Discard the draft' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Discard the draft of version ${next}?`);
	await checkA11y(page);
	await page.getByRole('button', { name: 'Discard the draft' }).click();
	await expect(page.getByRole('status')).toContainText('The draft is discarded.');
	await expect(page.locator('.lead')).toContainText(`This is version ${published}, published.`);
	await expect(page.getByRole('link', { name: 'Meet the chair of scrutiny', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to your region’s induction day' })).toHaveCount(0);
	await checkA11y(page);

	// Again, and publish: one step changed, one added, one removed.
	await page.getByRole('link', { name: 'Meet the chair of scrutiny', exact: true }).click();
	await page.getByLabel('What to do').fill('Meet the chair of the children’s scrutiny committee');
	await page.getByRole('button', { name: 'Save the step in the draft' }).click();
	await page.getByRole('link', { name: 'Add a step' }).click();
	await page.getByLabel('Key').fill('induction-day');
	await page.getByLabel('The first month').check();
	await page.getByLabel('What to do').fill('Go to your region’s induction day');
	await page.getByRole('button', { name: 'Add the step to the draft' }).click();
	await expect(page.getByRole('status')).toContainText('is saved in the draft');
	await page.getByRole('button', { name: 'Remove “Understand the budget and the high-needs block”' }).click();
	await expect(page.getByRole('status')).toContainText('The step is removed from the draft.');
	await page.getByLabel('What changed in this version').fill('Adds the regional induction day; the budget is now part of the statutory role step.');
	await page.getByRole('button', { name: `Publish version ${next}` }).click();
	await expect(page.getByRole('status')).toContainText(`Version ${next} is published.`);
	await expect(page.getByRole('listitem').filter({ hasText: `Version ${next}, published` })).toContainText('Adds the regional induction day');
	await checkA11y(page);
	await signOut(page);

	// The member stays on the version they started on, and is offered the new one.
	await signIn(page, who.email, who.password);
	await visit(page, '/induction');
	await expect(page.getByRole('link', { name: 'Go to your region’s induction day', exact: true })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Understand the budget and the high-needs block', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'A newer version of the path is available' })).toBeVisible();
	await expect(page.getByText(`You are on version ${published}. Version ${next}: Adds the regional induction day`)).toBeVisible();
	await page.getByRole('button', { name: `Move to version ${next}` }).click();
	await expect(page.getByRole('status')).toContainText(`You are now on version ${next} of the path. Everything you had done is kept.`);
	await expect(page.getByRole('link', { name: 'Go to your region’s induction day', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Meet the chair of the children’s scrutiny committee', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Understand the budget and the high-needs block', exact: true })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'A newer version of the path is available' })).toHaveCount(0);
	await checkA11y(page);
	await signOut(page);
});
