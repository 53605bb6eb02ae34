/** A dozen known XSS payloads posted through the forms: none may open a dialog or run a script. */
import { test, expect, visit, signIn, signOut, unique } from '../fixtures';

const PAYLOADS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(2)>',
	'<svg onload=alert(3)>',
	'[click me](javascript:alert(4))',
	'![x](javascript:alert(5))',
	'<a href="javascript:alert(6)">link</a>',
	'<iframe src="javascript:alert(7)"></iframe>',
	'[x](JaVaScRiPt:alert(8))',
	'<details open ontoggle=alert(9)>',
	'"><script>alert(10)</script>',
	'[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=)',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>'
];

test('posted XSS payloads open no dialog and run no script', async ({ page }) => {
	test.setTimeout(360_000);
	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(d.message());
		await d.dismiss();
	});
	const word = unique('xss');
	// Two authors, six posts each: within the limit of ten posts a minute per member.
	await signIn(page, 'aisha.patel@example.org');
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(`Formatting test ${word}`);
	await page.getByLabel('Category').selectOption({ label: 'Training and development' });
	await page.getByLabel('Your post').fill(PAYLOADS[0]);
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible();
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Formatting test ${word}` })).toBeVisible();
	const url = new URL(page.url()).pathname;
	const reply = async (body: string) => {
		const before = await page.locator('article.post').count();
		await page.getByLabel('Your reply').fill(body);
		await page.getByRole('button', { name: 'Post reply' }).click();
		await expect(page.locator('article.post')).toHaveCount(before + 1);
	};
	for (const p of PAYLOADS.slice(1, 6)) await reply(p);
	await signOut(page);
	await signIn(page, 'kevin.doyle@example.org');
	await visit(page, url);
	for (const p of PAYLOADS.slice(6)) await reply(p);

	await visit(page, url);
	await page.waitForTimeout(500);
	expect(await page.locator('.prose script, .prose iframe, .prose svg, .prose img, .prose math, .prose details').count()).toBe(0);
	const handlers = await page.locator('.prose *').evaluateAll((els) => els.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on') || /^\s*(javascript|data):/i.test(a.value)).map((a) => a.name)));
	expect(handlers).toEqual([]);
	await visit(page, `/threads/search?q=${word}`);
	expect(dialogs).toEqual([]);
});
