/**
 * A coordinator's tools for the first 100 days (issue 16): printing the list of new members with
 * and without JavaScript; marking a member as new (they then see the path first on their home
 * page) and taking the mark off; and the region's own steps — up to five, the sixth refused —
 * shown on the region's new members' paths. Axe on every page visited with JavaScript.
 *
 * The region-only steps are the North East's (Margaret Elliott coordinates it in the demo), so
 * the North West paths other specs count steps on are left as they are.
 */
import { checkA11y, expect, signIn, signOut, test, totpCode, unique, visit } from '../fixtures';
import { inviteAsAdmin } from '../foundation/helpers';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Invites a member (as the admin) and accepts with a role start date; leaves them signed in. */
async function invited(page: import('@playwright/test').Page, authority: string, since: string) {
	const id = unique('c');
	const who = { name: `Robin ${id}`, email: `${id}@council.example.org`, password: `correct horse ${id} staple` };
	const link = await inviteAsAdmin(page, { name: who.name, email: who.email, authority });
	await page.goto(link);
	await page.getByLabel('Full name').fill(who.name);
	await page.getByLabel('When did you take on the role? (optional)').fill(since);
	await page.getByLabel('Choose a password').fill(who.password);
	await page.getByLabel('Confirm your password').fill(who.password);
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page).not.toHaveURL(/\/invite/);
	return who;
}

test('the list of new members prints with and without JavaScript', async ({ page, browser, baseURL }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/induction/region');
	await expect(page.getByRole('button', { name: 'Print this list' })).toBeVisible();
	await expect(page.getByText('The menus, filters and nudge links are left off the printout.')).toBeVisible();
	// Printed, the filters, the nudge links and the site's menus are left off; the table stays.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: 'Show' })).toBeHidden();
	await expect(page.getByRole('link', { name: /^Send a friendly nudge/ }).first()).toBeHidden();
	await expect(page.getByRole('table')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// Without JavaScript there is no button that does nothing: the page says how to print instead.
	const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL });
	try {
		const plain = await noScript.newPage();
		await signIn(plain, 'coordinator@example.org', undefined, { axe: false });
		await plain.goto('/induction/region');
		await expect(plain.getByRole('heading', { level: 1 })).toHaveText('New Lead Members in the North West');
		await expect(plain.getByRole('button', { name: 'Print this list' })).toHaveCount(0);
		await expect(plain.getByText('To print this list, use your browser’s print command (Ctrl and P, or ⌘ and P on a Mac).')).toBeVisible();
	} finally {
		await noScript.close();
	}
});

test('a coordinator marks a member as new, who then sees the path, and takes the mark off', async ({ page }) => {
	// Back in the role after years away: the start date does not show them as new.
	const who = await invited(page, 'Lancashire', '2015-05-21');
	await visit(page, '/');
	await expect(page.getByRole('heading', { level: 2, name: 'Your first 100 days' })).toHaveCount(0);
	await signOut(page);

	await signIn(page, 'coordinator@example.org');
	await visit(page, '/induction/region');
	await expect(page.getByRole('row').filter({ hasText: who.name })).toHaveCount(0);
	await visit(page, `/members?q=${encodeURIComponent(who.name)}`);
	await page.getByRole('link', { name: who.name, exact: true }).first().click();
	await checkA11y(page);
	await page.getByRole('link', { name: 'Their first 100 days' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${who.name}: first 100 days`);
	await expect(page.getByText('Their role start date does not show them as new.')).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: `Mark ${who.name} as new to the role` }).click();
	await expect(page.getByRole('status')).toContainText(`${who.name} is marked as new: they see the first 100 days path.`);
	await expect(page.getByRole('button', { name: 'Take off the mark that they are new' })).toBeVisible();
	await checkA11y(page);
	await visit(page, '/induction/region');
	await expect(page.getByRole('row').filter({ hasText: who.name })).toContainText('(marked new)');
	await signOut(page);

	// They now see the path first on their home page, and the page itself.
	await signIn(page, who.email, who.password);
	await visit(page, '/');
	expect((await page.getByRole('heading', { level: 2 }).allTextContents())[0]).toBe('Your first 100 days');
	await visit(page, '/induction');
	await expect(page.getByText(/^0 of \d+ steps done$/)).toBeVisible();
	await expect(page.getByText('This path is for Lead Members in their first six months in the role.')).toHaveCount(0);
	await signOut(page);

	// The coordinator takes the mark off: the path leaves their home page.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/induction/region');
	await page.getByRole('link', { name: who.name, exact: true }).click();
	await page.getByRole('button', { name: 'Take off the mark that they are new' }).click();
	await expect(page.getByRole('status')).toContainText('The mark is taken off.');
	await checkA11y(page);
	await visit(page, '/induction/region');
	await expect(page.getByRole('row').filter({ hasText: who.name })).toHaveCount(0);
	await signOut(page);
	await signIn(page, who.email, who.password);
	await visit(page, '/');
	await expect(page.getByRole('heading', { level: 2, name: 'Your first 100 days' })).toHaveCount(0);
	await signOut(page);
});

test('a coordinator adds up to five region-only steps, the sixth is refused, and the region’s new members see them', async ({ page, context, browser, baseURL }) => {
	test.setTimeout(150_000);
	const who = await invited(page, 'Sunderland', daysAgo(12));
	await expect(page).toHaveURL(/\/induction\?welcome=1$/);
	const before = Number((await page.getByText(/^0 of \d+ steps done$/).textContent())!.match(/of (\d+)/)![1]);
	await signOut(page);

	// Margaret coordinates the North East; coordinators sign in with two-factor, which she sets up first.
	await signIn(page, 'margaret.elliott@example.org');
	await expect(page).toHaveURL(/\/settings\/two-factor\?required=1/);
	await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
	const secret = (await page.getByLabel('Your set-up key').textContent())!.replace(/\s+/g, '');
	await page.getByLabel('6-digit code').fill(totpCode(secret));
	await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
	await page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
	await visit(page, '/induction/region');
	await page.getByRole('link', { name: 'Steps for the North East only' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Steps for the North East only');
	await checkA11y(page);

	// Bad input: no phase and no title — messages next to the fields and in the summary.
	await page.getByLabel('Why, and how (optional)').fill('Kept when the form comes back.');
	await page.getByRole('button', { name: 'Add the step' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose when the step comes');
	await expect(page.getByRole('alert')).toContainText('Enter what to do');
	await expect(page.locator('#phase-error')).toContainText('Choose when the step comes');
	await expect(page.locator('#title-error')).toContainText('Enter what to do');
	await expect(page.getByLabel('Why, and how (optional)')).toHaveValue('Kept when the form comes back.');
	await checkA11y(page);

	const titles = ['The North East’s induction day in Durham', 'Meet the region’s chair of Lead Members', 'Join the North East SEND group', 'Visit a North East secure children’s home', 'Shadow a corporate parenting board'];
	for (const [i, title] of titles.entries()) {
		if (i === 4) {
			// A second tab opened with four steps: its add comes after the fifth and is refused.
			const other = await context.newPage();
			await other.goto('/induction/region/steps');
			await page.getByLabel('The first month').check();
			await page.getByLabel('What to do').fill(title);
			await page.getByLabel('Why, and how (optional)').fill('');
			await page.getByRole('button', { name: 'Add the step' }).click();
			await expect(page.getByRole('status')).toContainText(`“${title}” is on every new North East member’s path.`);
			await other.getByLabel('The first 100 days').check();
			await other.getByLabel('What to do').fill('A sixth step');
			await other.getByRole('button', { name: 'Add the step' }).click();
			await expect(other.getByRole('alert')).toContainText('Your region has 5 steps of its own already: remove one before adding another');
			await expect(other.getByText('Your region has 5 steps of its own: remove one to add another.')).toBeVisible();
			await checkA11y(other);
			await other.close();
			break;
		}
		await page.getByLabel(i % 2 ? 'The first 100 days' : 'The first ten days').check();
		await page.getByLabel('What to do').fill(title);
		await page.getByLabel('Why, and how (optional)').fill(i === 0 ? 'Every spring and autumn, at County Hall.' : '');
		await page.getByRole('button', { name: 'Add the step' }).click();
		await expect(page.getByRole('status')).toContainText(`“${title}” is on every new North East member’s path.`);
	}
	await visit(page, '/induction/region/steps');
	await expect(page.getByRole('button', { name: 'Add the step' })).toHaveCount(0);
	for (const title of titles) await expect(page.getByText(title, { exact: true })).toBeVisible();

	// The region's new member sees the five beside the national steps, marked as the region's.
	const memberContext = await browser.newContext({ baseURL });
	try {
		const member = await memberContext.newPage();
		await signIn(member, who.email, who.password);
		await visit(member, '/induction');
		await expect(member.getByText(`0 of ${before + 5} steps done`)).toBeVisible();
		for (const title of titles) {
			const step = member.locator('li.step').filter({ has: member.getByRole('link', { name: title, exact: true }) });
			await expect(step.locator('.tag', { hasText: 'Your region' })).toBeVisible();
		}
		await expect(member.getByText('Every spring and autumn, at County Hall.')).toBeVisible();
		await signOut(member);

		// A member elsewhere does not see them.
		await signIn(member, 'coordinator@example.org');
		await visit(member, '/induction');
		await expect(member.getByRole('link', { name: titles[0], exact: true })).toHaveCount(0);
		await signOut(member);
	} finally {
		await memberContext.close();
	}

	// Removing one asks first (the member's ticks of it would go too), then makes room again.
	await page.getByRole('link', { name: `Remove “${titles[3]}”` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Remove “${titles[3]}”?`);
	await checkA11y(page);
	await page.getByRole('link', { name: 'Keep it' }).click();
	await expect(page.getByText(titles[3], { exact: true })).toBeVisible();
	await page.getByRole('link', { name: `Remove “${titles[3]}”` }).click();
	await page.getByRole('button', { name: 'Remove the step' }).click();
	await expect(page.getByRole('status')).toContainText('The step is removed.');
	await expect(page.getByText(titles[3], { exact: true })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Add the step' })).toBeVisible();
	await checkA11y(page);
	await signOut(page);
});
