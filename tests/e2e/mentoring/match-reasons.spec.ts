import { test, expect, checkA11y, visit, signIn } from '../fixtures';

test('match explanations are two-sided: each proposal’s score, what matched, and what the member asked for and did not get, flagged before confirming all', async ({ page }) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/mentoring/coordinate/match');
	const card = () => page.locator('li.match').filter({ has: page.getByRole('heading', { level: 2, name: 'Gemma Lightfoot' }) });
	// Gemma asked for someone from her own party at a similar kind of authority (a metropolitan borough).
	await expect(card().getByText(/Someone from my own party or group/)).toBeVisible();
	if (!(await card().getByRole('heading', { level: 3, name: /Proposed mentor: Lorraine Fagg/ }).isVisible())) {
		const swap = card().getByLabel(/Swap in another mentor/);
		await swap.selectOption((await swap.locator('option', { hasText: 'Lorraine Fagg' }).getAttribute('value'))!);
		await card().getByRole('button', { name: /Use this mentor/ }).click();
		await expect(page.getByRole('status')).toContainText('Mentor swapped in');
	}
	await expect(card().getByRole('heading', { level: 3, name: /Proposed mentor: Lorraine Fagg/ })).toBeVisible();
	// The proposed mentor's score shows, as the alternatives' do.
	await expect(card().locator('p.meta', { hasText: /score \d+/ })).toBeVisible();
	await expect(card().getByText(/^Why:/)).toBeVisible();
	// What she asked for and did not get.
	const unmet = card().locator('.unmet');
	await expect(unmet).toContainText('Not as asked');
	await expect(unmet).toContainText('Gemma Lightfoot asked for:');
	await expect(unmet.getByRole('listitem')).toContainText(['own party — the mentor is from another party', 'a similar kind of authority (metropolitan borough) — the mentor’s is a county council']);
	// The alternatives say how many wishes each leaves unmet.
	await expect(card().getByLabel(/Swap in another mentor/).locator('option').first()).toHaveText(/score \d+, \d+ places? free/);
	// Flagged above "Confirm all", with a link to the card.
	const flag = page.locator('#not-as-asked');
	await expect(flag).toContainText(/not give the member everything they asked for/);
	const link = flag.getByRole('link', { name: 'Gemma Lightfoot with Lorraine Fagg' });
	await expect(link).toBeVisible();
	expect(await link.getAttribute('href')).toMatch(/^#request-\d+$/);
	await expect(page.locator('#not-as-asked ~ form').getByRole('button', { name: /^Confirm all/ })).toBeVisible();
	await checkA11y(page);
	// Put the demo back as it was.
	const clear = card().getByRole('button', { name: /Clear my changes/ });
	if (await clear.isVisible()) {
		await clear.click();
		await expect(page.getByRole('status')).toContainText('Your changes for that request are cleared');
	}
});
