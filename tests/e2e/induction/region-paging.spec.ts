/**
 * The coordinator's list of new members in pages of 50 (issue 19): the counts, the next and
 * previous pages keeping the sort and the filter, a new sort or filter starting again at page 1,
 * with and without JavaScript. Axe (and the 390px check) on every page visited with JavaScript.
 *
 * More than 50 new members in one region is the large network's, not the demo's 88 members, so
 * the test adds 60 to the East Midlands (no other spec looks there; an admin chooses the region) in the test server's
 * database (tests/support/e2e-server.js), as the bounces spec marks an address bouncing.
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { checkA11y, expect, signIn, test, unique, visit } from '../fixtures';

/** An admin chooses the region (the links keep it); the demo's East Midlands coordinator has not set up two-factor sign-in. */
const ADMIN = 'admin@example.org';
const AUTHORITIES = ['Derby', 'Derbyshire', 'Leicester', 'Nottingham', 'Nottinghamshire'];

/** Adds `n` Lead Members to the East Midlands, their roles started 1 to `n` days ago; their names. */
function addNewMembers(tag: string, n: number): string[] {
	const db = new Database(resolve(`.test-data/e2e-${process.env.E2E_PORT ?? '4173'}/app.db`));
	try {
		db.pragma('busy_timeout = 5000');
		const authority = db.prepare('select id from authority where name = ?');
		const insert = db.prepare(
			`insert into member (email, name, handle, authority_id, position, in_role_since, created_at, updated_at) values (?, ?, ?, ?, 'lead-member', ?, ?, ?)`
		);
		const now = Date.now();
		const names: string[] = [];
		db.transaction(() => {
			for (let i = 1; i <= n; i++) {
				const name = `Pat ${tag} ${String(i).padStart(2, '0')}`;
				const { id } = authority.get(AUTHORITIES[i % AUTHORITIES.length]) as { id: number };
				const since = new Date(now - i * 86_400_000).toISOString().slice(0, 10);
				insert.run(`${tag}-${i}@council.example.org`, name, `${tag}-${i}`, id, since, now, now);
				names.push(name);
			}
		})();
		return names;
	} finally {
		db.close();
	}
}

const caption = (page: Page) => page.getByRole('table').locator('caption');
const rowNames = (page: Page) => page.locator('tbody th[scope="row"] a').allTextContents();
/** The list's own order by name: lower-cased, character by character. */
const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

test('the list of new members comes in pages of 50 that keep the sort and the filter', async ({ page, browser, baseURL }) => {
	const tag = unique('pg');
	const added = addNewMembers(tag, 60);
	await signIn(page, ADMIN);
	await visit(page, '/induction/region?region=east-midlands');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Lead Members in the East Midlands');
	const total = Number((await caption(page).textContent())!.replace(/\s+/g, ' ').match(/Showing 1 to 50 of (\d+) members, page 1 of 2/)![1]);
	expect(total).toBeGreaterThanOrEqual(60);
	await expect(page.locator('tbody tr')).toHaveCount(50);
	await expect(page.getByRole('link', { name: `Everyone new (${total})` })).toBeVisible();
	await expect(page.getByRole('link', { name: /^No mentor yet \(\d+\)$/ })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Previous page' })).toHaveCount(0);

	// By name: page 1, then page 2 carries on where it stopped; together they hold everyone added.
	await page.getByRole('link', { name: /^Name\s*,\s*sort$/ }).click();
	await expect(page).toHaveURL(/\?region=east-midlands&sort=name$/);
	await checkA11y(page);
	const first = await rowNames(page);
	expect(first).toHaveLength(50);
	expect([...first].sort(byName)).toEqual(first);
	await page.getByRole('link', { name: 'Next page' }).click();
	await expect(page).toHaveURL(/\?region=east-midlands&sort=name&page=2$/);
	await checkA11y(page);
	await expect(caption(page)).toContainText(`Showing 51 to ${total} of ${total} members, page 2 of 2`);
	await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
	const second = await rowNames(page);
	expect(second).toHaveLength(total - 50);
	expect([...second].sort(byName)).toEqual(second);
	expect(byName(first[49], second[0])).toBeLessThanOrEqual(0);
	expect([...first, ...second]).toEqual(expect.arrayContaining(added));
	expect(new Set([...first, ...second]).size).toBe(total);

	// Turning the sort round starts again at page 1, Z to A.
	await page.getByRole('link', { name: /^Name\s*,\s*sort$/ }).click();
	await expect(page).toHaveURL(/\?region=east-midlands&sort=name&dir=desc$/);
	await checkA11y(page);
	await expect(caption(page)).toContainText(`Showing 1 to 50 of ${total} members, page 1 of 2`);
	expect(await rowNames(page)).toEqual([...first, ...second].reverse().slice(0, 50));
	await expect(page.getByRole('link', { name: 'Previous page' })).toHaveCount(0);

	// A filter starts at page 1 too, keeps the sort, and its count is the one its link gave.
	const noMentor = page.getByRole('link', { name: /^No mentor yet \(\d+\)$/ });
	const matching = Number((await noMentor.textContent())!.match(/\((\d+)\)/)![1]);
	await noMentor.click();
	await expect(page).toHaveURL(/\?region=east-midlands&sort=name&dir=desc&filter=no-mentor$/);
	await checkA11y(page);
	await expect(caption(page)).toContainText(`Showing 1 to 50 of ${matching} members (no mentor yet), page 1 of ${Math.ceil(matching / 50)}`);
	await page.getByRole('link', { name: 'Next page' }).click();
	await expect(page).toHaveURL(/\?region=east-midlands&sort=name&dir=desc&filter=no-mentor&page=2$/);
	await checkA11y(page);
	await expect(page.getByRole('link', { name: /^No mentor yet/ })).toHaveAttribute('aria-current', 'true');
	await page.getByRole('link', { name: 'Previous page' }).click();
	await expect(page).toHaveURL(/\?region=east-midlands&sort=name&dir=desc&filter=no-mentor$/);
	await checkA11y(page);

	// A page past the end shows the last one.
	await visit(page, '/induction/region?region=east-midlands&sort=name&page=99');
	await expect(caption(page)).toContainText(`Showing 51 to ${total} of ${total} members, page 2 of 2`);

	// Without JavaScript the pages are plain links and work the same.
	const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL });
	try {
		const plain = await noScript.newPage();
		await signIn(plain, ADMIN, undefined, { axe: false });
		await plain.goto('/induction/region?region=east-midlands&sort=name');
		await plain.getByRole('link', { name: 'Next page' }).click();
		await expect(plain).toHaveURL(/\?region=east-midlands&sort=name&page=2$/);
		await expect(plain.getByRole('table').locator('caption')).toContainText(`Showing 51 to ${total} of ${total} members, page 2 of 2`);
		expect(await rowNames(plain)).toEqual(second);
	} finally {
		await noScript.close();
	}
});
