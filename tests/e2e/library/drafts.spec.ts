/**
 * Private drafts: saved without JavaScript, seen by the author alone (a 404 for anyone else,
 * absent from the list and search), then shared. axe on every page visited with JavaScript.
 */
import { test, expect, visit, checkA11y, signIn, unique } from '../fixtures';

test('save a case study as a private draft, then share it', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const word = unique('avocet');
	const title = `Staying put to 25 ${word}`;
	const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const author = await noScript.newPage();
	const readerContext = await browser.newContext({ baseURL });
	const reader = await readerContext.newPage();
	try {
		await signIn(author, 'member@example.org', undefined, { axe: false });
		await author.goto('/library/new?kind=case-study');
		await author.getByLabel('Title').fill(title);
		await author.getByLabel('Summary').fill('Extending staying put arrangements to 25.');
		await author.getByLabel('The situation').fill('Young people had to leave their foster homes at 21.');
		await author.getByLabel('What we did').fill('We funded staying put to 25.');
		await author.getByLabel('What changed').fill('Nine young people stayed; none became homeless.');
		await author.getByLabel('Care leavers').check();
		await author.getByRole('button', { name: 'Save as a private draft' }).click();
		await expect(author.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(author.getByText('Saved as a private draft. Only you can see it until you share it.')).toBeVisible();
		const path = new URL(author.url()).pathname;
		await author.goto('/library?mine=1');
		await expect(author.getByRole('listitem').filter({ hasText: title }).getByText('Private draft – only you can see it')).toBeVisible();

		// Anyone else — even a member of the same region — finds nothing.
		await signIn(reader, 'aisha.patel@example.org');
		expect((await reader.request.get(path)).status()).toBe(404);
		await visit(reader, '/library');
		await expect(reader.getByRole('link', { name: title })).toHaveCount(0);
		await visit(reader, `/library/search?q=${word}`);
		await expect(reader.getByText('No results')).toBeVisible();

		// Shared: now everyone sees it.
		await author.goto(path);
		await author.getByRole('button', { name: /^Share it/ }).click();
		await expect(author.getByText('Shared. Members who can see it will find it in the library and in their digests.')).toBeVisible();
		await expect(author.getByText('Private draft.')).toHaveCount(0);
		await visit(reader, path);
		await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await checkA11y(reader);
	} finally {
		await noScript.close();
		await readerContext.close();
	}
});

test('the draft notice and the new-entry form pass axe', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	await visit(page, '/library/new');
	await expect(page.getByRole('button', { name: 'Save as a private draft' })).toBeVisible();
	await page.getByLabel('Template').check();
	await page.getByLabel('Title').fill(`Visit rota template ${unique('tern')}`);
	await page.getByLabel('Summary').fill('The rota our councillors use for visits to children’s homes.');
	await page.getByLabel('Corporate parenting').check();
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'Visit rota.csv', mimeType: 'text/csv', buffer: Buffer.from('Home,Councillor,Date\nOak House,,\n') });
	await page.getByRole('button', { name: 'Save as a private draft' }).click();
	await expect(page.getByText('Saved as a private draft. Only you can see it until you share it.')).toBeVisible();
	await checkA11y(page);
});
