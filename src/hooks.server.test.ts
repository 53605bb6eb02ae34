// The guard's answer to a form sent to a members' page without a signed-in session.
import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { guard, signedOut } from './hooks.server';

const ORIGIN = 'http://127.0.0.1:4173';

function post(path: string, headers: Record<string, string> = {}) {
	return new Request(ORIGIN + path, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'a=1' });
}

describe('signedOut', () => {
	it('gives a browser a 401 page that says what happened and links to sign in and come back', async () => {
		const res = signedOut(post('/settings/account?/password', { accept: 'text/html' }), new URL(ORIGIN + '/settings/account?/password'), false);
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
		const html = await res.text();
		expect(html).toContain('<html lang="en-GB">');
		expect(html).toContain('<title>You need to sign in – Lead Member Network</title>');
		expect(html).toContain('<h1>You need to sign in</h1>');
		expect(html).toContain('<a href="/login?next=%2Fsettings%2Faccount">Sign in again</a>');
		expect(html).toContain('has not been saved');
	});

	it('treats a request without an Accept header as a browser', async () => {
		const res = signedOut(new Request(ORIGIN + '/threads/new', { method: 'POST' }), new URL(ORIGIN + '/threads/new'), false);
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(await res.text()).toContain('/login?next=%2Fthreads%2Fnew');
	});

	it('sends a session waiting for its two-factor code to enter the code', async () => {
		const res = signedOut(post('/training', { accept: 'text/html,application/xhtml+xml' }), new URL(ORIGIN + '/training'), true);
		expect(res.status).toBe(401);
		const html = await res.text();
		expect(html).toContain('<h1>Finish signing in</h1>');
		expect(html).toContain('<a href="/login/two-factor?next=%2Ftraining">Enter your code</a>');
	});

	it('links back only to a path on this site, encoded', async () => {
		const offSite = await signedOut(post('//evil.example/x', { accept: 'text/html' }), new URL(ORIGIN + '//evil.example/x'), false).text();
		expect(offSite).toContain('href="/login?next=%2F"');
		const odd = await signedOut(post('/threads/"><script>alert(1)</script>', { accept: 'text/html' }), new URL(ORIGIN + '/threads/"><script>alert(1)</script>'), false).text();
		expect(odd).not.toContain('<script>');
		expect(odd).toMatch(/href="\/login\?next=%2Fthreads%2F[^"<>]*"/);
	});

	it('gives other clients one line of text', async () => {
		for (const accept of ['application/json', '*/*']) {
			const res = signedOut(post('/settings/account', { accept }), new URL(ORIGIN + '/settings/account'), false);
			expect(res.status).toBe(401);
			expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
			expect(await res.text()).toBe('Your session has ended. Sign in again.');
		}
	});

	it('gives an enhanced form an action error, so the app shows its own 401 page', async () => {
		const res = signedOut(post('/settings/account?/password', { accept: 'application/json', 'x-sveltekit-action': 'true' }), new URL(ORIGIN + '/settings/account?/password'), false);
		expect(res.status).toBe(401);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({ type: 'error', error: { message: 'Your session has ended. Sign in again.' } });
	});
});

describe('guard', () => {
	function event(request: Request, routeId: string, locals: Partial<App.Locals> = {}) {
		return { request, url: new URL(request.url), route: { id: routeId }, locals: { user: null, session: null, ...locals } } as unknown as RequestEvent;
	}
	const resolve = () => vi.fn(async () => new Response('the page'));

	it('answers a signed-out form post to a members’ page itself, and runs nothing', async () => {
		const r = resolve();
		const res = await guard({ event: event(post('/settings/account?/password', { accept: 'text/html' }), '/(app)/settings/account'), resolve: r });
		expect(r).not.toHaveBeenCalled();
		expect(res.status).toBe(401);
		expect(await res.text()).toContain('<a href="/login?next=%2Fsettings%2Faccount">Sign in again</a>');
	});

	it('sends a form post from a session still waiting for its code to the code page', async () => {
		const r = resolve();
		const pending = { session: { id: 'pending' } } as unknown as Partial<App.Locals>;
		const res = await guard({ event: event(post('/threads/new', { accept: 'text/html' }), '/(app)/threads/new', pending), resolve: r });
		expect(r).not.toHaveBeenCalled();
		expect(res.status).toBe(401);
		expect(await res.text()).toContain('/login/two-factor?next=%2Fthreads%2Fnew');
	});

	it('still sends a signed-out GET to sign in, and lets public pages through', async () => {
		const r = resolve();
		await expect(guard({ event: event(new Request(ORIGIN + '/training?year=2026'), '/(app)/training'), resolve: r })).rejects.toMatchObject({ status: 303, location: '/login?next=%2Ftraining%3Fyear%3D2026' });
		const res = await guard({ event: event(post('/join', { accept: 'text/html' }), '/(public)/join'), resolve: r });
		expect(r).toHaveBeenCalledTimes(1);
		expect(await res.text()).toBe('the page');
	});
});
