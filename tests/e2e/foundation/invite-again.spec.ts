/** Invitations and the first page a visitor sees: re-inviting says what happened to the earlier link; both forms list regions alike. */
import { test, expect, visit, signIn, signOut, waitForMail, linkIn, unique } from '../fixtures';
import type { SinkMail } from '../fixtures';

// The demo admin signs in with a two-factor code, which can wait for a fresh one (30 seconds).
test.describe.configure({ timeout: 180_000 });

async function sendInvitation(page: import('@playwright/test').Page, name: string, email: string) {
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Authority').selectOption({ label: 'Cumberland' });
	await page.getByLabel('Position').selectOption({ label: 'Lead Member' });
	await page.getByRole('button', { name: 'Send invitation' }).click();
}

/** The invitation emails to `to`, oldest first, once there are `count` of them. */
async function invitations(to: string, count: number): Promise<SinkMail[]> {
	const sink = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? '2526'}`;
	await expect
		.poll(async () => ((await (await fetch(`${sink}/messages?to=${encodeURIComponent(to)}`)).json()) as SinkMail[]).filter((m) => /invitation/i.test(m.subject)).length, { timeout: 15_000 })
		.toBe(count);
	return ((await (await fetch(`${sink}/messages?to=${encodeURIComponent(to)}`)).json()) as SinkMail[]).filter((m) => /invitation/i.test(m.subject));
}

test('inviting the same address again says a new invitation went and the earlier link stopped; that link says it was replaced', async ({ page }) => {
	const id = unique('again');
	const email = `${id}@council.example.org`;
	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/invite');
	await sendInvitation(page, `Bryony ${id}`, email);
	await expect(page.getByRole('status')).toContainText('Invitation sent');
	await expect(page.getByRole('status')).not.toContainText('earlier');
	await invitations(email, 1);

	await sendInvitation(page, `Bryony ${id}`, email);
	const banner = page.getByRole('status');
	await expect(banner).toContainText('A new invitation has been sent');
	await expect(banner).toContainText('The link in the earlier invitation no longer works');
	await expect(banner).toBeFocused();
	await visit(page, '/admin/invite'); // axe and 390px with the banner shown
	await signOut(page);

	const [first, second] = await invitations(email, 2);
	const earlier = linkIn(first, /^\/invite\//);
	const newer = linkIn(second, /^\/invite\//);
	expect(newer).not.toBe(earlier);

	await visit(page, earlier);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This invitation has been replaced');
	await expect(page.getByText('A newer invitation has been sent to the same email address')).toBeVisible();
	await expect(page.getByText('Check you copied the whole link')).toHaveCount(0);

	await visit(page, newer);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join the Lead Member Network');
});

test('the invite form and the join form list the regions in the same order', async ({ page }) => {
	await visit(page, '/join');
	const joinOrder = await page.getByLabel('Authority').locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
	expect(joinOrder.length).toBe(9);

	await signIn(page, 'admin@example.org');
	await visit(page, '/admin/invite');
	const inviteOrder = await page.getByLabel('Authority').locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
	expect(inviteOrder).toEqual(joinOrder);
});

test('the first page a signed-out visitor sees says what the network is and who it is for, before “Sign in”', async ({ page }) => {
	await visit(page, '/');
	await expect(page).toHaveURL(/\/login/);
	const intro = await page.locator('main').evaluate((main) => {
		const signIn = [...main.querySelectorAll('h1, h2')].find((h) => h.textContent?.trim() === 'Sign in');
		if (!signIn) return null;
		const before: string[] = [];
		for (const el of main.querySelectorAll('p')) if (el.compareDocumentPosition(signIn) & Node.DOCUMENT_POSITION_FOLLOWING) before.push(el.textContent ?? '');
		return before.join(' ').trim();
	});
	expect(intro, 'a "Sign in" heading with text before it').toBeTruthy();
	expect(intro!.split(/(?<=\.)\s+/).filter(Boolean)).toHaveLength(2);
	expect(intro).toMatch(/Lead Members for Children’s Services/);
	expect(intro).toMatch(/It is for /);
});
