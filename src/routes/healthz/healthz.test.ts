import { afterEach, describe, expect, it } from 'vitest';
import { GET } from './+server';
import { config } from '$lib/server/config';
import { hasHealthToken } from '$lib/server/health';

type Handler = (event: { request: Request; locals: { user: { role: string } | null } }) => Response | Promise<Response>;
const get = (headers: Record<string, string> = {}, user: { role: string } | null = null) =>
	(GET as unknown as Handler)({ request: new Request('http://localhost/healthz', { headers }), locals: { user } });

const before = config().healthToken;
afterEach(() => {
	config().healthToken = before;
});

describe('GET /healthz', () => {
	it('tells anyone only that it is up and the database’s state', async () => {
		const res = await get();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({ ok: true, database: { state: 'ok' } });
		// A member who is not an admin sees no more.
		expect(await (await get({}, { role: 'member' })).json()).toEqual({ ok: true, database: { state: 'ok' } });
	});

	it('gives the counts to a monitor with HEALTH_TOKEN, and to admins', async () => {
		config().healthToken = 'monitor-secret-0123456789';
		for (const res of [await get({ authorization: 'Bearer monitor-secret-0123456789' }), await get({}, { role: 'admin' })]) {
			const body = await res.json();
			expect(body.ok).toBe(true);
			expect(body.database.state).toBe('ok');
			expect(body.database.migrations).toBeGreaterThan(0);
			expect(typeof body.database.members).toBe('number');
			expect(body.mail).toMatchObject({ queued: expect.any(Number), sent: expect.any(Number), failed: expect.any(Number), uncertain: expect.any(Number) });
		}
		expect(await (await get({ authorization: 'Bearer wrong-secret-0123456789xx' })).json()).toEqual({ ok: true, database: { state: 'ok' } });
	});

	it('accepts no token at all when HEALTH_TOKEN is unset', () => {
		expect(hasHealthToken('Bearer ', null)).toBe(false);
		expect(hasHealthToken('Bearer anything', null)).toBe(false);
		expect(hasHealthToken('Bearer abc', 'abc')).toBe(true);
		expect(hasHealthToken('Basic abc', 'abc')).toBe(false);
		expect(hasHealthToken(null, 'abc')).toBe(false);
	});
});
