import { describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { makeMember } from '../../../../tests/support/members';
import { hashPassword } from '../auth/password';
import { createSession } from '../auth/session';
import * as reauth from './reauth';
import * as twoFactor from './two-factor';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;
const IP = '203.0.113.7';

describe('re-authentication window', () => {
	it('is not needed within 10 minutes of signing in, and is after', () => {
		const m = makeMember();
		const { session } = createSession(m.id, {}, T0);
		expect(reauth.needsReauth(session, T0 + 9 * MIN)).toBe(false);
		expect(reauth.needsReauth(session, T0 + 10 * MIN)).toBe(false);
		expect(reauth.needsReauth(session, T0 + 10 * MIN + 1)).toBe(true);
	});

	it('counts a code given later in the session as the last sign-in', () => {
		const m = makeMember();
		const { session } = createSession(m.id, {}, T0);
		expect(reauth.needsReauth({ ...session, mfaVerifiedAt: T0 + 30 * MIN }, T0 + 35 * MIN)).toBe(false);
	});

	it('asks for the password again, counts wrong ones, and opens a new 10-minute window', async () => {
		const m = makeMember({ passwordHash: await hashPassword('correct horse battery') });
		const { session } = createSession(m.id, {}, T0);
		const later = T0 + 60 * MIN;
		expect(reauth.needsReauth(session, later)).toBe(true);
		expect(await reauth.reauthenticate(m.id, session.id, { password: 'wrong password here' }, { ip: IP }, later)).toMatchObject({ ok: false, field: 'password' });
		expect(reauth.needsReauth(session, later)).toBe(true);
		expect(await reauth.reauthenticate(m.id, session.id, { password: 'correct horse battery' }, { ip: IP }, later)).toEqual({ ok: true });
		expect(reauth.needsReauth(session, later + 5 * MIN)).toBe(false);
		expect(reauth.needsReauth(session, later + 11 * MIN)).toBe(true);
	});

	it('refuses even the right password after ten wrong ones', async () => {
		const m = makeMember({ passwordHash: await hashPassword('correct horse battery') });
		const { session } = createSession(m.id, {}, T0);
		for (let i = 0; i < 10; i++) await reauth.reauthenticate(m.id, session.id, { password: `nope ${i}` }, { ip: IP }, T0 + i);
		const r = await reauth.reauthenticate(m.id, session.id, { password: 'correct horse battery' }, { ip: IP }, T0 + 20);
		expect(r.ok).toBe(false);
	});

	it('accepts a two-factor code instead of the password', () => {
		const m = makeMember();
		const { session } = createSession(m.id, {}, T0);
		const setup = twoFactor.beginSetup(m.actor, T0);
		const key = twoFactor.decodeSecret(setup.secret);
		const code = (at: number) => generateHOTP(key, BigInt(Math.floor(at / 30_000)), 6);
		twoFactor.confirmSetup(m.actor, session.id, code(T0), { ip: IP }, T0);
		const later = T0 + 60 * MIN;
		return reauth.reauthenticate(m.id, session.id, { code: code(later) }, { ip: IP }, later).then((r) => {
			expect(r).toEqual({ ok: true });
			expect(reauth.needsReauth(session, later + MIN)).toBe(false);
		});
	});

	it('builds the re-authentication path with the page to come back to', () => {
		expect(reauth.reauthPath('/settings/two-factor?x=1')).toBe('/settings/reauth?next=%2Fsettings%2Ftwo-factor%3Fx%3D1');
	});
});
