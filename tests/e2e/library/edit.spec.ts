/**
 * Editing an entry's details at /library/[id]/edit (a plain form, no enhancement): a bad title is refused
 * beside the field and in the error summary with what was typed kept; the saved change shows on
 * the page and in search (the index follows); another member gets no edit link and a 403. Axe on
 * every page, and no sideways scroll at 390px (checkA11y).
 */
import { test, expect, checkA11y, signIn, signOut, unique } from '../fixtures';
import * as t from '../../support/test-files';

// The edit form is a plain form post (no enhancement), so it behaves the same with JavaScript off;
// JavaScript stays on here because axe needs it.
test('the author edits the details; search follows; another member may not', async ({ page }) => {
	test.setTimeout(180_000);
	const word = unique('shearwater');
	const title = `Fostering recruitment report ${word}`;
	await signIn(page, 'member@example.org');
	await page.goto('/library/new');
	await checkA11y(page);
	await page.getByLabel('Report', { exact: true }).check();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Summary').fill('How many enquiries became approved foster carers.');
	await page.getByLabel('Placements').check();
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'Fostering.pdf', mimeType: 'application/pdf', buffer: await t.pdf(['Fostering recruitment']) });
	await page.getByRole('button', { name: 'Upload and share' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const entryPath = new URL(page.url()).pathname;

	await page.getByRole('link', { name: /^Edit the details/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Edit the details' })).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await expect(page.getByLabel('Report', { exact: true })).toBeChecked();
	await checkA11y(page);

	// Too short a title: refused beside the field, the rest kept.
	await page.getByLabel('Title').fill('Hi');
	await page.getByLabel('Summary').fill(`Enquiries to approvals, 2025 to 2026. ${word}`);
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.getByRole('link', { name: /title of at least 5 characters/ })).toBeVisible();
	await expect(page.getByLabel('Summary')).toHaveValue(`Enquiries to approvals, 2025 to 2026. ${word}`);
	await checkA11y(page);

	const renamed = `Foster carer approvals ${word}`;
	await page.getByLabel('Title').fill(renamed);
	await page.getByLabel('Strategy or policy').check();
	await page.getByLabel('Care leavers').check();
	await page.getByLabel('Review by (optional)').fill('2027-04-30');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
	await expect(page.getByText('Your changes are saved.')).toBeVisible();
	await expect(page.getByText('Strategy or policy').first()).toBeVisible();
	await checkA11y(page);

	// The search index follows: the new title is found, the old one no longer.
	await page.goto(`/library/search?q=${encodeURIComponent(`"Foster carer approvals"`)}`);
	await expect(page.getByRole('link', { name: renamed })).toBeVisible();
	await checkA11y(page);
	await page.goto(`/library/search?q=${encodeURIComponent(`"Fostering recruitment report ${word}"`)}`);
	await expect(page.getByRole('link', { name: renamed })).toHaveCount(0);

	// Another member of the region sees the entry but may not edit it.
	await signOut(page);
	await signIn(page, 'aisha.patel@example.org');
	await page.goto(entryPath);
	await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Edit the details/ })).toHaveCount(0);
	const denied = await page.goto(`${entryPath}/edit`);
	expect(denied?.status()).toBe(403);
	await checkA11y(page);
});
