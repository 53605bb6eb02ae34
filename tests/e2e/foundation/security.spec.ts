import { test, expect, visit, signIn } from '../fixtures';

// Signing in as the demo admin or coordinator can wait for a fresh two-factor code (30 seconds).
test.describe.configure({ timeout: 180_000 });

test('a cross-site form post to /login is refused', async ({ request, baseURL }) => {
	const crossSite = await request.post('/login', {
		headers: { origin: 'https://attacker.example', accept: 'text/html' },
		form: { email: 'member@example.org', password: 'lead-member-demo' },
		maxRedirects: 0
	});
	expect(crossSite.status()).toBe(403);
	expect(crossSite.headers()['set-cookie']).toBeUndefined();

	// The same post from the site itself is let through (and signs in).
	const sameSite = await request.post('/login', {
		headers: { origin: baseURL!, accept: 'text/html' },
		form: { email: 'member@example.org', password: 'lead-member-demo' },
		maxRedirects: 0
	});
	expect(sameSite.status()).toBe(303);
	expect(sameSite.headers()['set-cookie']).toMatch(/session=/);
});

test('pages carry the security headers', async ({ page }) => {
	const res = (await visit(page, '/login'))!;
	const h = res.headers();
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(h['content-security-policy']).toContain("default-src 'self'");
	expect(h['content-security-policy']).toMatch(/script-src 'self'/);
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(h['x-frame-options']).toBe('DENY');

	const health = await page.request.get('/healthz');
	expect(health.status()).toBe(200);
	expect((await health.json()).database.state).toBe('ok');
	expect(health.headers()['x-content-type-options']).toBe('nosniff');
});

test('the session cookie is HttpOnly, SameSite=Lax, Path=/, and signed-in pages are not cached', async ({ page, context }) => {
	await signIn(page, 'member@example.org');
	const cookie = (await context.cookies()).find((c) => c.name === 'session')!;
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
	expect(cookie.value).toMatch(/^[a-z2-7]+\.[a-z2-7]{52}$/);
	expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
	const res = (await visit(page, '/settings/sessions'))!;
	expect(res.headers()['cache-control']).toBe('private, no-store');

	// A tampered cookie is treated as signed out.
	await context.addCookies([{ ...cookie, value: cookie.value.slice(0, -1) + (cookie.value.endsWith('a') ? 'b' : 'a') }]);
	await page.goto('/settings/sessions');
	await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fsessions$/);
});

test('a signed-out form post to a members’ page is refused', async ({ request, baseURL }) => {
	const res = await request.post('/settings/account?/password', {
		headers: { origin: baseURL!, accept: 'text/html' },
		form: { currentPassword: 'x', password: 'a new passphrase here', confirm: 'a new passphrase here' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(401);
	expect(await res.text()).toContain('Sign in again');
});
