import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, session } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as members from '../network/members';
import * as accounts from '../network/accounts';
import * as crypto from './crypto';
import { hashPassword } from './password';
import {
	SESSION_TTL_MS,
	createSession,
	describeUserAgent,
	endAllSessions,
	endOwnSession,
	endSession,
	listSessions,
	purgeExpiredSessions,
	validateSessionToken
} from './session';
import { setSessionCookie, clearSessionCookie } from './cookies';

vi.mock('./crypto', async (original) => {
	const real = await original<typeof import('./crypto')>();
	return { ...real, sameBytes: vi.fn(real.sameBytes) };
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-23T09:00:00Z');

const row = (id: string) => db.select().from(session).where(eq(session.id, id)).get();

describe('creating a session', () => {
	it('returns a token of a random id and a 256-bit secret, and stores only a hash of the secret', () => {
		const m = makeMember();
		const { token, session: s } = createSession(m.id, { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0', ipAddress: '192.0.2.1' }, T0);
		const [id, secret] = token.split('.');
		expect(id).toBe(s.id);
		expect(secret).toMatch(/^[a-z2-7]{52}$/); // 32 bytes in base32
		const stored = row(id)!;
		expect(Buffer.from(stored.secretHash)).toEqual(Buffer.from(crypto.hashBytes(secret)));
		expect(JSON.stringify(stored)).not.toContain(secret);
		expect(stored.expiresAt).toBe(T0 + SESSION_TTL_MS);
	});

	it('gives a new token at every sign-in', () => {
		const m = makeMember();
		const a = createSession(m.id, {}, T0);
		const b = createSession(m.id, {}, T0);
		expect(a.token).not.toBe(b.token);
		expect(a.session.id).not.toBe(b.session.id);
		expect(listSessions(m.id, T0)).toHaveLength(2);
	});
});

describe('validating a token', () => {
	it('returns the member and their region', () => {
		const m = makeMember({ authority: 'Leeds' });
		const { token } = createSession(m.id, {}, T0);
		const v = validateSessionToken(token, T0 + 1000)!;
		expect(v.member).toMatchObject({ id: m.id, email: m.email, regionId: 'yorkshire-humber', role: 'member' });
		expect(v.renewed).toBe(false);
	});

	it('refuses a tampered secret, comparing the hashes in constant time', () => {
		const m = makeMember();
		const { token } = createSession(m.id, {}, T0);
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		vi.mocked(crypto.sameBytes).mockClear();
		expect(validateSessionToken(token.slice(0, -1) + last, T0)).toBeNull();
		expect(crypto.sameBytes).toHaveBeenCalledTimes(1);
		const [stored, offered] = vi.mocked(crypto.sameBytes).mock.calls[0];
		expect(stored).toHaveLength(32);
		expect(offered).toHaveLength(32);
		expect(vi.mocked(crypto.sameBytes).mock.results[0].value).toBe(false);
		// The real session still works: a bad guess does not end it.
		expect(validateSessionToken(token, T0)).not.toBeNull();
	});

	it('refuses malformed and unknown tokens without a database match', () => {
		const m = makeMember();
		const { token } = createSession(m.id, {}, T0);
		const [id, secret] = token.split('.');
		for (const bad of [undefined, '', 'x', '.', `.${secret}`, id, `${id}.`, `${id}x.${secret}`, `${secret}.${id}`, 'a'.repeat(5000)]) {
			expect(validateSessionToken(bad, T0), String(bad)).toBeNull();
		}
	});

	it('compares equal and unequal byte arrays correctly', () => {
		const real = vi.mocked(crypto.sameBytes);
		expect(real(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
		expect(real(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
		expect(real(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
	});
});

describe('expiry and sliding renewal', () => {
	it('ends a session 30 days after its last use, and deletes it', () => {
		const m = makeMember();
		const { token, session: s } = createSession(m.id, {}, T0);
		expect(validateSessionToken(token, T0 + SESSION_TTL_MS - 1)).not.toBeNull();
		const m2 = makeMember();
		const other = createSession(m2.id, {}, T0);
		expect(validateSessionToken(other.token, T0 + SESSION_TTL_MS)).toBeNull();
		expect(row(other.session.id)).toBeUndefined();
		expect(row(s.id)).toBeDefined();
	});

	it('renews the expiry when used (at most hourly), so an active member stays signed in', () => {
		const m = makeMember();
		const { token, session: s } = createSession(m.id, {}, T0);
		const soon = validateSessionToken(token, T0 + 10 * 60 * 1000)!;
		expect(soon.renewed).toBe(false);
		expect(row(s.id)!.expiresAt).toBe(T0 + SESSION_TTL_MS);

		const later = T0 + 20 * DAY;
		const renewed = validateSessionToken(token, later)!;
		expect(renewed.renewed).toBe(true);
		expect(renewed.session.expiresAt).toBe(later + SESSION_TTL_MS);
		expect(row(s.id)).toMatchObject({ lastUsedAt: later, expiresAt: later + SESSION_TTL_MS });

		// Past the first 30 days, still signed in because it was used on day 20.
		expect(validateSessionToken(token, T0 + 45 * DAY)).not.toBeNull();
		// But 30 days without use ends it.
		expect(validateSessionToken(token, T0 + 45 * DAY + SESSION_TTL_MS)).toBeNull();
	});

	it('lists only live sessions and purges expired ones', () => {
		const m = makeMember();
		createSession(m.id, {}, T0);
		createSession(m.id, {}, T0 + 10 * DAY);
		expect(listSessions(m.id, T0 + 35 * DAY)).toHaveLength(1);
		expect(purgeExpiredSessions(T0 + 35 * DAY)).toBeGreaterThanOrEqual(1);
		expect(db.select().from(session).where(eq(session.memberId, m.id)).all()).toHaveLength(1);
	});
});

describe('revocation', () => {
	it('ends the session at sign-out', () => {
		const m = makeMember();
		const { token, session: s } = createSession(m.id, {}, T0);
		endSession(s.id);
		expect(validateSessionToken(token, T0)).toBeNull();
	});

	it('ends every session when an admin deactivates the member', () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		const a = createSession(m.id, {}, T0);
		const b = createSession(m.id, {}, T0);
		expect(members.setActive(admin.actor, m.id, false)).toBe(true);
		expect(validateSessionToken(a.token, T0)).toBeNull();
		expect(validateSessionToken(b.token, T0)).toBeNull();
		expect(listSessions(m.id, T0)).toHaveLength(0);
	});

	it('refuses a session of a deactivated member even if one was left behind', () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		members.setActive(admin.actor, m.id, false);
		const { token } = createSession(m.id, {}, T0);
		expect(validateSessionToken(token, T0)).toBeNull();
	});

	it('ends the other sessions, and keeps this one, at a password change', async () => {
		const m = makeMember({ passwordHash: await hashPassword('old password that is long') });
		const here = createSession(m.id);
		const phone = createSession(m.id);
		const laptop = createSession(m.id);
		const result = await accounts.changePassword(m.id, here.session.id, 'old password that is long', 'new password that is longer', { ip: '192.0.2.1' });
		expect(result).toEqual({ ok: true });
		expect(validateSessionToken(here.token)).not.toBeNull();
		expect(validateSessionToken(phone.token)).toBeNull();
		expect(validateSessionToken(laptop.token)).toBeNull();
	});

	it('lets a member end one of their own sessions, not someone else’s', () => {
		const a = makeMember();
		const b = makeMember();
		const mine = createSession(a.id, {}, T0);
		const theirs = createSession(b.id, {}, T0);
		expect(endOwnSession(a.id, theirs.session.id)).toBe(false);
		expect(validateSessionToken(theirs.token, T0)).not.toBeNull();
		expect(endOwnSession(a.id, mine.session.id)).toBe(true);
		expect(validateSessionToken(mine.token, T0)).toBeNull();
	});

	it('ends all other sessions on request', () => {
		const m = makeMember();
		const here = createSession(m.id, {}, T0);
		createSession(m.id, {}, T0);
		createSession(m.id, {}, T0);
		expect(endAllSessions(m.id, here.session.id)).toBe(2);
		expect(listSessions(m.id, T0).map((s) => s.id)).toEqual([here.session.id]);
	});
});

describe('the session cookie', () => {
	it('is HttpOnly, SameSite=Lax, Path=/, expiring with the session (Secure only on https)', () => {
		const set = vi.fn();
		const del = vi.fn();
		const cookies = { set, delete: del } as unknown as Parameters<typeof setSessionCookie>[0];
		setSessionCookie(cookies, 'id.secret', T0 + SESSION_TTL_MS);
		expect(set).toHaveBeenCalledWith('session', 'id.secret', { httpOnly: true, sameSite: 'lax', path: '/', secure: false, expires: new Date(T0 + SESSION_TTL_MS) });
		clearSessionCookie(cookies);
		expect(del).toHaveBeenCalledWith('session', expect.objectContaining({ path: '/' }));
	});
});

describe('describing a browser', () => {
	it('names common browsers and systems', () => {
		expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36')).toBe('Chrome on Windows');
		expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
		expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0')).toBe('Edge on Windows');
		expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0')).toBe('Firefox on Linux');
		expect(describeUserAgent('')).toBe('Unknown browser');
	});
});

describe('sign-ins from a new browser', () => {
	it('are recorded in the audit trail once per browser', () => {
		const m = makeMember();
		const count = () => db.select().from(auditEvent).where(and(eq(auditEvent.action, 'sign-in.new-browser'), eq(auditEvent.subjectId, String(m.id)))).all();
		const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
		createSession(m.id, { userAgent: firefox, ipAddress: '192.0.2.5' });
		createSession(m.id, { userAgent: firefox, ipAddress: '192.0.2.6' });
		expect(count()).toHaveLength(1);
		expect(count()[0].detail).toMatchObject({ browser: describeUserAgent(firefox) });
		endAllSessions(m.id);
		createSession(m.id, { userAgent: firefox });
		expect(count()).toHaveLength(1);
		createSession(m.id, { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1' });
		expect(count()).toHaveLength(2);
	});
});
