import { describe, expect, it } from 'vitest';
import { GET } from './+server';

describe('GET /healthz', () => {
	it('answers 200 with JSON that includes the database’s state', async () => {
		const res = await (GET as unknown as () => Response | Promise<Response>)();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const body = await res.json();
		expect(body.ok).toBe(true);
		expect(body.database.state).toBe('ok');
		expect(body.database.migrations).toBeGreaterThan(0);
		expect(typeof body.database.members).toBe('number');
		expect(body.mail).toMatchObject({ queued: expect.any(Number), sent: expect.any(Number), failed: expect.any(Number) });
	});
});
