/**
 * Issue 17 §7, found by probing the app as an attacker would: each of these failed before.
 */
import { test, expect, visit, checkA11y, signIn, signOut, waitForMail, DEMO_PASSWORD } from '../fixtures';
import { newMember, fillSignIn } from './helpers';

test.describe.configure({ timeout: 180_000 });

const EVIL = /evil\.example/;

test.describe('the address to go back to (`next`)', () => {
	test('a tab in `next` cannot send a signed-in member to another site, on any of the three pages', async ({ page, baseURL }) => {
		await signIn(page, 'member@example.org');
		for (const path of ['/login?next=/%09/evil.example', '/settings/reauth?next=/%09/evil.example', '/login/two-factor?next=/%09/evil.example']) {
			const res = await page.goto(path);
			expect(page.url().startsWith(baseURL!), path).toBe(true);
			expect(res!.status(), path).toBe(400);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('There is a problem with what was sent');
			await expect(page.getByText('The address in this link is not one this site can go back to')).toBeVisible();
		}
		await checkA11y(page);
		// Other ways of writing another site lead home instead.
		for (const next of ['//evil.example', '/.//evil.example', '/\\evil.example', 'https://evil.example/']) {
			await page.goto(`/login?next=${encodeURIComponent(next)}`);
			expect(page.url(), next).not.toMatch(EVIL);
			expect(new URL(page.url()).pathname, next).toBe('/');
		}
	});

	test('signing in through the form with a hostile `next` stays on this site', async ({ request, baseURL }) => {
		const post = (next: string) =>
			request.post('/login', { headers: { origin: baseURL!, accept: 'text/html' }, form: { email: 'member@example.org', password: DEMO_PASSWORD, next }, maxRedirects: 0 });
		const tab = await post('/\t/evil.example');
		expect(tab.status()).toBe(400);
		expect(tab.headers()['location']).toBeUndefined();
		for (const next of ['/.//evil.example', '//evil.example', '/\\/evil.example']) {
			const res = await post(next);
			expect(res.status(), next).toBe(303);
			expect(res.headers()['location'], next).toBe('/');
		}
		const fine = await post('/threads?page=2');
		expect(fine.headers()['location']).toBe('/threads?page=2');
	});

	test('a CR or LF in `next` is a clear 400 page, not a 500', async ({ page }) => {
		await signIn(page, 'member@example.org');
		for (const path of ['/login?next=/x%0d%0aSet-Cookie:%20a=b', '/settings/reauth?next=/%0a']) {
			const res = await page.goto(path);
			expect(res!.status(), path).toBe(400);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('There is a problem with what was sent');
		}
		await checkA11y(page);
	});
});

test.describe('requests the app cannot take say what happened', () => {
	test('a multipart post with no closing boundary, or no boundary at all, is a 400 page', async ({ page, baseURL }) => {
		await visit(page, '/login');
		const bodies: [string, string][] = [
			['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nmember@example.org\r\n'],
			['multipart/form-data', 'email=member@example.org&password=x'],
			['text/plain', 'email=member@example.org']
		];
		for (const [type, body] of bodies) {
			const res = await page.request.post('/login', { headers: { origin: baseURL!, 'content-type': type, accept: 'text/html' }, data: body, maxRedirects: 0 });
			expect(res.status(), type).toBe(400);
			const html = await res.text();
			expect(html).toContain('There is a problem with what was sent');
			expect(html).toContain('could not be read as a form');
			expect(html).not.toContain('Sorry, there is a problem with the service');
		}
		// A members' page too (every action reads its form the same way).
		await signIn(page, 'member@example.org');
		const res = await page.request.post('/settings/email', { headers: { origin: baseURL!, 'content-type': 'multipart/form-data; boundary=AbC', accept: 'text/html' }, data: '--AbC\r\nContent-Disposition: form-data; name="digestFrequency"\r\n\r\nweekly', maxRedirects: 0 });
		expect(res.status()).toBe(400);
		expect(await res.text()).toContain('could not be read as a form');
	});

	test('a post over the size limit says it is too large and gives the limit; a wrong method says so too', async ({ page, baseURL }) => {
		await visit(page, '/login');
		const big = await page.request.post('/login', { headers: { origin: baseURL!, accept: 'text/html' }, form: { email: 'member@example.org', password: 'x'.repeat(600 * 1024) }, maxRedirects: 0 });
		expect(big.status()).toBe(413);
		const bigHtml = await big.text();
		expect(bigHtml).toContain('What you sent is too large');
		expect(bigHtml).toContain('the limit is 512 KB');
		expect(bigHtml).not.toContain('Sorry, there is a problem with the service');

		// A form posted to a page that has none (the 413 closed its connection; this is a new one).
		const wrong = await page.request.post('/privacy', { headers: { origin: baseURL!, accept: 'text/html' }, form: { a: '1' }, maxRedirects: 0 });
		expect(wrong.status()).toBe(405);
		const wrongHtml = await wrong.text();
		expect(wrongHtml).toContain('This page cannot take that request');
		expect(wrongHtml).not.toContain('Sorry, there is a problem with the service');
		// Another method than a page takes.
		const put = await page.request.fetch('/login', { method: 'PUT', headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
		expect(put.status()).toBe(405);
		expect(put.headers()['allow']).toContain('GET');
		expect(await put.text()).toContain('<h1>This page cannot take that request</h1>');
	});
});

test('a NUL byte typed into a profile name is not stored', async ({ page, browser }) => {
	const m = await newMember(browser);
	await signIn(page, m.email, m.password);
	await visit(page, '/settings/profile');
	await page.waitForLoadState('networkidle');
	// The form as it is, sent with a NUL and a BEL in the name (as a script could; a browser may drop them itself).
	const status = await page.getByLabel('Full name').evaluate(async (input: HTMLInputElement, name) => {
		const form = input.form!;
		const data = new FormData(form);
		data.set('name', name);
		return (await fetch(form.action, { method: 'POST', body: data })).status;
	}, `${m.name}\u0000\u0007 Junior`);
	expect(status).toBe(200);
	await page.reload();
	expect(await page.getByLabel('Full name').inputValue()).toBe(`${m.name} Junior`);
});

test('guessing a member’s password from elsewhere does not lock them out of their own browser, and they are told', async ({ browser, baseURL }) => {
	const m = await newMember(browser);
	// The owner signs in on their own browser, then signs out.
	const ownerContext = await browser.newContext();
	const owner = await ownerContext.newPage();
	await signIn(owner, m.email, m.password);
	expect((await ownerContext.cookies()).find((c) => c.name === 'known_browser')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
	await signOut(owner);

	// Somebody else guesses, from a browser the owner never used.
	const attackerContext = await browser.newContext();
	const attacker = attackerContext.request;
	for (let i = 0; i < 12; i++) {
		await attacker.post('/login', { headers: { origin: baseURL!, accept: 'text/html' }, form: { email: m.email, password: `guess number ${i}` }, maxRedirects: 0 });
	}
	const refused = await attacker.post('/login', { headers: { origin: baseURL!, accept: 'text/html' }, form: { email: m.email, password: m.password }, maxRedirects: 0 });
	expect(refused.status()).toBe(429);

	// The owner's browser still gets in at once, with the right password.
	await visit(owner, '/login');
	await fillSignIn(owner, m.email, m.password);
	await expect(owner).not.toHaveURL(/\/login/);

	// And the owner is told by email.
	const mail = await waitForMail(m.email, 'Someone has been trying to sign in to your account');
	expect(mail.text).toContain('browser you have signed in from before');
	await ownerContext.close();
	await attackerContext.close();
});

test('/healthz tells the public only that the service and database are up', async ({ request }) => {
	const res = await request.get('/healthz');
	expect(res.status()).toBe(200);
	expect(await res.json()).toEqual({ ok: true, database: { state: 'ok' } });
});
