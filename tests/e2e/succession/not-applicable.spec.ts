/**
 * "Not applicable" cannot inflate readiness: it needs a reason (at least a sentence), the
 * reason shows in the handover pack, the item's history and the coordinator's region table,
 * and the coordinator can send the item back to do with a note.
 */
import { test, expect, checkA11y, visit, signIn, signOut, unique } from '../fixtures';

const TITLE = 'Cover is agreed for when the Lead Member is away';

test('not applicable needs a reason, shows it, and the coordinator sends it back to do', async ({ page }) => {
	test.setTimeout(180_000);
	const reason = `Our deputy covers every absence under the council constitution ${unique('r')}.`;
	await signIn(page, 'member@example.org');
	await page.getByRole('link', { name: 'Succession', exact: true }).click();
	await expect(page).toHaveURL(/\/succession\/\d+$/);
	const checklistUrl = new URL(page.url()).pathname;
	await expect(page.getByRole('region', { name: 'Readiness' })).toContainText('count neither for nor against the score');
	const readiness = await page.getByRole('region', { name: 'Readiness' }).locator('.big').innerText();

	// The quick status change cannot mark it not applicable without a reason.
	await page.getByLabel(`Status of “${TITLE}”`).selectOption('not-applicable');
	await page.getByRole('button', { name: `Update status of “${TITLE}”` }).click();
	await expect(page.getByRole('alert')).toContainText('open it and say why it does not apply');
	await expect(page.getByRole('region', { name: 'Readiness' }).locator('.big')).toHaveText(readiness);
	await checkA11y(page);

	// The item form refuses an empty or too short reason, then takes a sentence.
	await visit(page, `${checklistUrl}/items/cover`);
	await page.getByLabel('Not applicable', { exact: true }).check();
	await page.getByRole('button', { name: 'Save item' }).click();
	await expect(page.getByRole('alert')).toContainText('in at least a sentence (20 characters or more)');
	await checkA11y(page);
	await page.getByLabel('If it does not apply: why not').fill('Not needed.');
	// Wait for this answer itself: the alert from the first try says the same, and a late answer would put back the short reason over the next one.
	const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/items/cover'));
	await page.getByRole('button', { name: 'Save item' }).click();
	await answered;
	await expect(page.getByRole('alert')).toContainText('in at least a sentence');
	await expect(page.getByLabel('If it does not apply: why not')).toHaveValue('Not needed.');
	await page.getByLabel('If it does not apply: why not').fill(reason);
	await page.getByRole('button', { name: 'Save item' }).click();
	await expect(page).toHaveURL(/saved=cover/);
	await expect(page.getByRole('region', { name: 'Readiness' })).toContainText(/items? (is|are) marked not applicable/);

	// The reason is in the handover pack and in the item's history.
	await visit(page, `${checklistUrl}/handover`);
	await expect(page.locator('.handover-item', { hasText: TITLE })).toContainText(reason);
	await visit(page, `${checklistUrl}/items/cover`);
	await expect(page.getByRole('heading', { name: 'Why it does not apply' })).toBeVisible();
	await expect(page.locator('.row-list')).toContainText(`Why it does not apply: ${reason}`);
	await expect(page.getByRole('link', { name: /Send it back to do/ })).toHaveCount(0);
	await signOut(page);

	// The coordinator sees it in the region table with its reason and sends it back with a note.
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/succession/regions/north-west');
	const section = page.getByRole('region', { name: 'Items marked not applicable' });
	await expect(section).toContainText(reason);
	await section.getByRole('link', { name: `${TITLE} – Lancashire` }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('link', { name: /Send it back to do/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Send “${TITLE}” back to do` })).toBeVisible();
	await checkA11y(page);
	await page.getByRole('button', { name: 'Send it back to do' }).click();
	await expect(page.getByRole('alert')).toContainText('Tell the authority why the item applies after all');
	await page.getByLabel('Your note to Lancashire').fill('A deputy covering is fine, but write down who signs off urgent decisions.');
	await page.getByRole('button', { name: 'Send it back to do' }).click();
	await expect(page.getByRole('status')).toContainText('The item is back to “Not started”');
	await expect(page.locator('.row-list')).toContainText('with the note: A deputy covering is fine');
	await expect(page.locator('.row-list')).toContainText(`The reason it did not apply was: ${reason}`);
	await checkA11y(page);
});
