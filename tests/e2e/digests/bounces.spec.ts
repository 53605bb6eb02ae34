/** Bounces: the banner a member sees while their mail bounces, and the coordinator's list. */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, fitsAPhone, checkA11y, visit, signIn, waitForMail, linkIn, unique } from '../fixtures';

/**
 * Marks a member's current address bouncing in the running app's database, as a hard bounce
 * processed by mail in would (the test server's database: tests/support/e2e-server.js).
 */
function markBouncing(email: string) {
	const db = new Database(resolve(`.test-data/e2e-${process.env.E2E_PORT ?? '4173'}/app.db`));
	try {
		db.pragma('busy_timeout = 5000');
		const m = db.prepare('select id, email from member where email = ?').get(email) as { id: number; email: string };
		const now = Date.now();
		db.prepare(
			`insert into member_mail_state (member_id, bounce_score, bouncing_at, bouncing_address, last_bounce_at, last_bounce_kind, last_bounce_detail, updated_at)
			 values (?, 4, ?, ?, ?, 'hard', '550 5.1.1 User unknown', ?)
			 on conflict (member_id) do update set bounce_score = 4, bouncing_at = excluded.bouncing_at, bouncing_address = excluded.bouncing_address, last_bounce_at = excluded.last_bounce_at, last_bounce_kind = 'hard', updated_at = excluded.updated_at`
		).run(m.id, now, m.email.toLowerCase(), now, now);
	} finally {
		db.close();
	}
}

test('a member whose mail bounces sees a banner on every page until they change their address', async ({ page }) => {
	const email = 'luke.sutcliffe@example.org';
	await signIn(page, email);
	await expect(page.locator('#bounce-banner')).toHaveCount(0);
	markBouncing(email);
	await visit(page, '/threads');
	const banner = page.locator('#bounce-banner');
	await expect(banner).toContainText(`Our emails to ${email} are not being delivered`);
	await expect(banner).toContainText('we have stopped sending your digests and notifications');
	await fitsAPhone(page);
	await banner.getByRole('link', { name: 'Check or change your email address' }).click();
	await expect(page).toHaveURL(/\/settings\/account$/);
	await checkA11y(page);

	const fresh = `${unique('luke')}@example.org`;
	await page.getByLabel('New email address').fill(fresh);
	await page.getByLabel('Your password').fill('lead-member-demo');
	await page.getByRole('button', { name: 'Change email address' }).click();
	await expect(page.getByRole('heading', { name: 'Check your new email address' })).toBeVisible();
	await expect(page.locator('#bounce-banner')).toBeVisible(); // not until the new address is confirmed
	const mail = await waitForMail(fresh, 'Confirm your new email address');
	await visit(page, linkIn(mail, /^\/settings\/email\/confirm\//));
	await page.getByRole('button', { name: 'Confirm email address' }).click();
	await expect(page.getByRole('button', { name: 'Confirm email address' })).toHaveCount(0);
	await page.goto('/');
	await expect(page.locator('#bounce-banner')).toHaveCount(0);
});

test('a coordinator sees the members of their region whose email bounces', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/admin');
	await page.getByRole('link', { name: 'Email addresses that bounce' }).click();
	await expect(page).toHaveURL(/\/admin\/bouncing$/);
	await checkA11y(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email addresses that bounce');
	const row = page.getByRole('row', { name: /Stuart Nicholson/ });
	await expect(row).toContainText('stuart.nicholson@example.org');
	await expect(row).toContainText('Address does not exist');
	await fitsAPhone(page);
});

test('a member cannot open the list', async ({ page }) => {
	await signIn(page, 'member@example.org');
	expect((await page.goto('/admin/bouncing'))?.status()).toBe(403);
	await checkA11y(page);
});
