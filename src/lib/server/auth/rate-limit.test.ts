/**
 * Rate limits are counted in the database, so restarting the server does not reset them. This
 * test runs on a real database file: it counts failures, closes the database, loads the modules
 * afresh (as a restarted process would) and finds the limit still in force.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as limits from './rate-limit';

describe('counting events', () => {
	it('counts events per key within a window and forgets them when cleared', () => {
		const t = Date.parse('2026-11-23T09:00:00Z');
		for (let i = 0; i < 3; i++) limits.record('test:a', t + i * 1000);
		limits.record('test:b', t);
		expect(limits.countRecent('test:a', 60_000, t + 5000)).toBe(3);
		expect(limits.isLimited('test:a', 3, 60_000, t + 5000)).toBe(true);
		expect(limits.isLimited('test:a', 4, 60_000, t + 5000)).toBe(false);
		// Outside the window they no longer count.
		expect(limits.countRecent('test:a', 60_000, t + 61_500)).toBe(1);
		limits.clear('test:a');
		expect(limits.countRecent('test:a', 60_000, t + 5000)).toBe(0);
		expect(limits.countRecent('test:b', 60_000, t + 5000)).toBe(1);
	});

	it('purges events older than a day', () => {
		const t = Date.parse('2026-11-23T09:00:00Z');
		limits.record('test:old', t - 2 * 86_400_000);
		limits.record('test:old', t);
		limits.purgeOld(t);
		expect(limits.countRecent('test:old', 7 * 86_400_000, t)).toBe(1);
	});
});

describe('after a restart', () => {
	let dir = '';

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'lmn-restart-'));
		vi.stubEnv('DATA_DIR', dir);
		vi.stubEnv('DATABASE_PATH', join(dir, 'app.db'));
	});

	afterAll(() => {
		vi.unstubAllEnvs();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Loads the app's modules as a freshly started process would, on the database file. */
	async function boot() {
		vi.resetModules();
		const client = await import('../db/client');
		const { seedReference } = await import('../seed/reference');
		const authorities = await import('../network/authorities');
		seedReference(client.db);
		authorities.resetCache();
		return {
			client,
			accounts: await import('../network/accounts'),
			members: await import('../network/members'),
			password: await import('./password'),
			authorities
		};
	}

	it('keeps the failed sign-ins of an account, so the limit still holds', async () => {
		const now = Date.parse('2026-11-23T09:00:00Z');
		const first = await boot();
		const authorityId = first.authorities.authorities()[0].id;
		first.members.create({ email: 'restart@example.org', name: 'Restart Tester', passwordHash: await first.password.hashPassword('the right password'), authorityId, position: 'lead-member' });
		for (let i = 0; i < first.accounts.FAILURES_PER_ACCOUNT; i++) {
			expect(await first.accounts.signIn('restart@example.org', `wrong guess ${i}`, { ip: `198.51.100.${i}` }, now + i)).toEqual({ ok: false, reason: 'invalid' });
		}
		expect((await first.accounts.signIn('restart@example.org', 'the right password', { ip: '203.0.113.9' }, now + 100)).ok).toBe(false);
		first.client.closeDatabase();

		const second = await boot();
		expect(second.client.sqlite().name).toBe(join(dir, 'app.db'));
		expect(await second.accounts.signIn('restart@example.org', 'the right password', { ip: '203.0.113.9' }, now + 200)).toMatchObject({ ok: false, reason: 'slow' });
		// Fifteen minutes after the failures, the right password works again.
		const later = now + second.accounts.FAILURE_WINDOW_MS + 1000;
		expect((await second.accounts.signIn('restart@example.org', 'the right password', { ip: '203.0.113.9' }, later)).ok).toBe(true);
		second.client.closeDatabase();
	});
});
