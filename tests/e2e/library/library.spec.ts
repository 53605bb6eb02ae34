/**
 * The library end to end: share a document (a refused file first), download it with the right
 * headers, upload a new version, mark it useful; another region cannot see it; axe on every
 * page, and no sideways scroll at 390px.
 */
import { test, expect, visit, checkA11y, signIn, signOut, unique } from '../fixtures';
import * as t from '../../support/test-files';

test('share, download, new version, useful; another region gets 404', async ({ page }) => {
	test.setTimeout(240_000);
	const word = unique('kestrel');
	const title = `Care leavers' covenant ${word}`;

	await signIn(page, 'member@example.org');
	await visit(page, '/library');
	await expect(page.getByRole('heading', { level: 1, name: 'Good-practice library' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Corporate parenting strategy 2026 to 2029' })).toBeVisible();
	await page.getByRole('link', { name: 'Share a document' }).click();
	await checkA11y(page);

	// Nothing filled in, and a program dressed as a PDF: clear messages, what was typed is kept.
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: t.exe() });
	await page.getByRole('button', { name: 'Upload and share' }).click();
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.getByRole('link', { name: /“report.pdf” is a program, not a document/ })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Choose what kind of document this is' })).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await checkA11y(page);

	await page.getByLabel('Strategy or policy').check();
	await page.getByLabel('Summary').fill(`Our covenant with local employers for care leavers. ${word}`);
	await page.getByLabel('Care leavers').check();
	await page.getByLabel('Only members in North West, its coordinator and admins').check();
	const pdf = await t.pdf([`Care leavers covenant ${word}`, 'Page two']);
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'Covenant ‮fdp.exe.pdf', mimeType: 'application/octet-stream', buffer: pdf });
	await page.getByRole('button', { name: 'Upload and share' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await checkA11y(page);
	const entryPath = new URL(page.url()).pathname;

	// The download: attachment, the true type, nosniff, sandboxed, ETag and ranges.
	const link = page.getByRole('link', { name: /^Download Covenant fdp\.exe\.pdf/ });
	const href = (await link.getAttribute('href'))!;
	const res = await page.request.get(href);
	expect(res.status()).toBe(200);
	const h = res.headers();
	expect(h['content-type']).toBe('application/pdf');
	expect(h['content-disposition']).toBe('attachment; filename="Covenant fdp.exe.pdf"');
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['content-security-policy']).toBe('sandbox');
	expect(Buffer.from(await res.body()).equals(pdf)).toBe(true);
	const etag = h['etag'];
	expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
	expect((await page.request.get(href, { headers: { 'If-None-Match': etag } })).status()).toBe(304);
	const part = await page.request.get(href, { headers: { Range: 'bytes=0-7' } });
	expect(part.status()).toBe(206);
	expect(part.headers()['content-range']).toBe(`bytes 0-7/${pdf.length}`);
	expect(Buffer.from(await part.body()).toString('latin1')).toBe('%PDF-1.7');
	expect((await page.request.get(href, { headers: { Range: `bytes=${pdf.length + 10}-` } })).status()).toBe(416);
	const view = await page.request.get(href + '?view=1');
	expect(view.headers()['content-disposition']).toMatch(/^inline;/);
	expect(view.headers()['content-security-policy']).toBe('sandbox');

	// A new version; the first stays listed.
	await page.getByRole('link', { name: 'Upload a new version or another file' }).click();
	await checkA11y(page);
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'Covenant v2.pdf', mimeType: 'application/pdf', buffer: await t.pdf([`Covenant version two ${word}`]) });
	await page.getByRole('button', { name: 'Upload' }).click();
	await expect(page.getByText('The file was uploaded.')).toBeVisible();
	await expect(page.getByText(/version 2\)/)).toBeVisible();
	await page.getByText('Earlier versions of Covenant v2.pdf (1)').click();
	await expect(page.getByRole('link', { name: 'Version 1: Covenant fdp.exe.pdf' })).toBeVisible();
	await checkA11y(page);

	// Useful, once.
	await page.getByRole('button', { name: 'Mark as useful' }).click();
	await expect(page.getByText('1 member found this useful')).toBeVisible();

	// Search finds the word inside the PDF (extracted by the scheduler), and says where.
	await expect(async () => {
		await page.goto(`/library/search?q=${word}`);
		await expect(page.getByRole('link', { name: 'Covenant v2.pdf, page 1' })).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	await checkA11y(page);

	// 390px wide: nothing scrolls sideways.
	await page.setViewportSize({ width: 390, height: 844 });
	for (const path of ['/library', entryPath, '/library/new', '/library/new?kind=case-study', `/library/search?q=${word}`]) {
		await visit(page, path);
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(wide, path).toBeLessThanOrEqual(390);
	}
	await page.setViewportSize({ width: 1280, height: 800 });
	await signOut(page);

	// Yorkshire cannot see a North West entry: 404 on the page, the file, and a guessed id.
	await signIn(page, 'mentor@example.org');
	expect((await page.request.get(entryPath)).status()).toBe(404);
	expect((await page.request.get(href)).status()).toBe(404);
	expect((await page.request.get('/library/999999/versions/1')).status()).toBe(404);
	await visit(page, '/library');
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	await visit(page, `/library/search?q=${word}`);
	await expect(page.getByText('No results')).toBeVisible();
});

test('a case study reads as a page', async ({ page }) => {
	test.setTimeout(120_000);
	const word = unique('heron');
	await signIn(page, 'mentor@example.org');
	await visit(page, '/library/new?kind=case-study');
	await page.getByLabel('Title').fill(`Family hubs in every ward ${word}`);
	await page.getByLabel('Summary').fill('How we opened family hubs.');
	await page.getByLabel('The situation').fill('Early help was hard to find.');
	await page.getByLabel('What we did').fill('Opened hubs in libraries.');
	await page.getByLabel('What changed').fill('Referrals to early help rose from **310 to 540**.');
	await page.getByLabel('Early help and family support').check();
	await page.getByRole('button', { name: 'Publish the case study' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'What changed' })).toBeVisible();
	await expect(page.locator('strong', { hasText: '310 to 540' })).toBeVisible();
	await checkA11y(page);
});
