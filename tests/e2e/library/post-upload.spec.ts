/**
 * A new file uploaded straight from the reply and new-thread forms: refused files get the
 * library's message beside the field and in the error summary, with the typed text kept (and a
 * file past 20 MB gets that message too, not the 512 KB page every other form gets); a good one
 * becomes a library entry seen by the thread's readers, shown under the post and linked in the
 * email about it. Without JavaScript (reply; axe then reads the same pages in a browser with
 * JavaScript, which it needs) and with it (a new thread: a refused file, then held by the
 * child-safety check). Axe on every page.
 */
import { test, expect, visit, checkA11y, signIn, waitForMail, unique } from '../fixtures';
import * as t from '../../support/test-files';

const MB = 1024 * 1024;

test('reply with a new file, without JavaScript: bad files refused beside the field, a good one shown under the post, another added by editing', async ({ page: axePage, browser, baseURL }) => {
	test.setTimeout(240_000);
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
	const page = await context.newPage();
	try {
		const word = unique('godwit');
		const reply = `Our slides on foster carer recruitment for item 3. ${word}`;
		await signIn(page, 'aisha.patel@example.org', undefined, { axe: false });
		await page.goto('/threads');
		await page.getByRole('link', { name: 'North West network meeting on 9 December – agenda suggestions' }).click();
		await expect(page).toHaveURL(/\/threads\/\d+$/);
		await page.getByText('Attach documents or upload a file (optional)').click();
		await page.getByLabel('Your reply').fill(reply);

		const cases = [
			{ name: 'report.pdf', buffer: t.exe(), message: /“report\.pdf” is a program/ },
			// Past the app's 512 KB limit for forms: this form streams the file and gives the library's message.
			{ name: 'big.pdf', buffer: await t.pdf(['Too big'], { padTo: 20 * MB + 1 }), message: /“big\.pdf” is larger than 20 MB/ }
		];
		for (const c of cases) {
			await page.getByLabel('Upload a new file').setInputFiles({ name: c.name, mimeType: 'application/pdf', buffer: c.buffer });
			await page.getByRole('button', { name: 'Post reply' }).click();
			await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
			await expect(page.getByRole('link', { name: c.message })).toHaveAttribute('href', '#file');
			await expect(page.locator('#file-error')).toContainText(c.message);
			await expect(page.getByLabel('Your reply')).toHaveValue(reply);
		}
		await expect(page.locator('article.post', { hasText: word })).toHaveCount(0);

		const name = `Foster carer recruitment ${word}.pdf`;
		await page.getByLabel('Upload a new file').setInputFiles({ name, mimeType: 'application/pdf', buffer: await t.pdf(['Foster carer recruitment: where our carers came from']) });
		await page.getByLabel('What kind of document is the file?').selectOption({ label: 'Presentation' });
		await page.getByRole('button', { name: 'Post reply' }).click();
		await expect(page).toHaveURL(/\?post=\d+#post-\d+$/);
		const post = page.locator('article.post', { hasText: word });
		const link = post.getByRole('link', { name: `Foster carer recruitment ${word}` });
		await expect(link).toBeVisible();
		await expect(post).toContainText('Presentation');
		await expect(post).toContainText(/PDF, \d+(\.\d+)? (KB|bytes)/);

		// Editing the reply adds another file; the first stays.
		await post.getByRole('link', { name: /^Edit/ }).click();
		await page.getByText('Attach documents or upload a file (optional)').click();
		await page.getByLabel('Upload a new file').setInputFiles({ name: `Carer survey ${word}.csv`, mimeType: 'text/csv', buffer: Buffer.from('Question,Agree\nI feel supported,81%\n') });
		await page.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByText('Your changes are saved.')).toBeVisible();
		const edited = page.locator('article.post', { hasText: word });
		await expect(edited.getByRole('link', { name: `Carer survey ${word}` })).toBeVisible();
		await expect(edited.getByRole('link', { name: `Foster carer recruitment ${word}` })).toBeVisible();

		// A library entry of the thread's region, saying where it was shared.
		await link.click();
		await expect(page.getByRole('heading', { level: 1, name: `Foster carer recruitment ${word}` })).toBeVisible();
		await expect(page.getByText('North West only')).toBeVisible();
		await expect(page.getByRole('link', { name: '“North West network meeting on 9 December – agenda suggestions”' })).toBeVisible();
		const entryPath = new URL(page.url()).pathname;
		const threadHref = await page.getByRole('link', { name: '“North West network meeting on 9 December – agenda suggestions”' }).getAttribute('href');
		const threadPath = new URL(threadHref!, baseURL).pathname;

		// Axe needs JavaScript: the same pages, read by the same member in a browser with it on.
		await signIn(axePage, 'aisha.patel@example.org');
		for (const path of [threadPath, entryPath]) {
			await visit(axePage, path);
			await checkA11y(axePage);
		}
	} finally {
		await context.close();
	}
});

test('start a thread with a new file, with JavaScript, through the child-safety check; the email links it', async ({ page }) => {
	test.setTimeout(180_000);
	const word = unique('whimbrel');
	const title = `Placement stability figures ${word}`;
	await signIn(page, 'member@example.org');
	await visit(page, '/threads/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Corporate parenting' });
	await page.getByLabel('Your post').fill(`Jamie Smith, aged 14, at St Mary's Primary in Preston moved three times. @sarah-holroyd, how do you report these? ${word}`);
	await page.getByText('Attach documents or upload a file (optional)').click();
	// A program dressed as a spreadsheet: refused beside the field and in the summary, nothing posted.
	await page.getByLabel('Upload a new file').setInputFiles({ name: 'scorecard.csv', mimeType: 'text/csv', buffer: t.exe() });
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('link', { name: /“scorecard\.csv” is a program/ })).toHaveAttribute('href', '#file');
	await expect(page.locator('#file-error')).toContainText('is a program');
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await checkA11y(page);
	await page.getByLabel('Upload a new file').setInputFiles({ name: `Stability_scorecard_${word}.csv`, mimeType: 'text/csv', buffer: Buffer.from('Quarter,Moves\nQ1,14\nQ2,9\n') });
	await checkA11y(page);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	// Held by the child-safety check: nothing posted, the text kept.
	await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await checkA11y(page);
	await page.getByLabel('Your post').fill(`A child in our care moved three times last year. @sarah-holroyd, how do you report these? ${word}`);
	await page.getByRole('button', { name: 'Post', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const attached = page.getByRole('region', { name: /Attached from the library \(post 1\)/ });
	await expect(attached.getByRole('link', { name: `Stability scorecard ${word}` })).toBeVisible();
	await expect(attached).toContainText('Report');
	await checkA11y(page);

	// Only a multipart form may pass 512 KB there (it streams the file to disk): any other is refused with the limit.
	const big = await page.request.post(`${new URL(page.url()).pathname}?/reply`, { headers: { origin: new URL(page.url()).origin, accept: 'text/html' }, form: { body: 'x'.repeat(600 * 1024) }, maxRedirects: 0 });
	expect(big.status()).toBe(413);
	expect(await big.text()).toContain('the limit is 512 KB');

	const mail = await waitForMail('mentor@example.org', new RegExp(`mentioned you in “${title}”`));
	expect(mail.text).toContain('Attached from the library:');
	expect(mail.text).toContain(`Stability scorecard ${word}`);
	expect(mail.text).toMatch(/\/library\/\d+/);
});
