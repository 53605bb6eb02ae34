import { describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, outboxMessage, session as sessionTable, twoFactor as twoFactorTable } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as twoFactor from './two-factor';
import * as recovery from '../auth/recovery-codes';
import * as devices from '../auth/trusted-devices';
import { createSession } from '../auth/session';

const T0 = Date.parse('2026-11-23T09:00:10Z');
const STEP = 30_000;
const IP = '203.0.113.9';

/** The code a correct app shows at `at`, computed independently with generateHOTP. */
const codeFor = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(Math.floor(at / STEP)), 6);

function actions(memberId: number) {
	return db
		.select({ action: auditEvent.action })
		.from(auditEvent)
		.where(eq(auditEvent.subjectId, String(memberId)))
		.all()
		.map((r) => r.action);
}

/** A member with two-factor set up through the real flow; returns key and recovery codes. */
function enrolled(over: Parameters<typeof makeMember>[0] = {}, at = T0) {
	const m = makeMember(over);
	const s = createSession(m.id, {}, at);
	const setup = twoFactor.beginSetup(m.actor, at);
	const key = twoFactor.decodeSecret(setup.secret);
	const done = twoFactor.confirmSetup(m.actor, s.session.id, codeFor(key, at), { ip: IP }, at);
	if (!done.ok) throw new Error(done.message);
	return { m, key, codes: done.recoveryCodes, session: s.session };
}

describe('TOTP (RFC 6238)', () => {
	it('matches the RFC 6238 SHA-1 test vectors (8 digits truncated to the last 6)', () => {
		const key = new TextEncoder().encode('12345678901234567890');
		// RFC 6238 appendix B: T = 59 s → 94287082; 1111111109 s → 07081804; 2000000000 s → 69279037
		expect(twoFactor.codeAt(key, 59_000)).toBe('287082');
		expect(twoFactor.codeAt(key, 1_111_111_109_000)).toBe('081804');
		expect(twoFactor.codeAt(key, 2_000_000_000_000)).toBe('279037');
	});

	it('accepts one step of clock skew either side and no more', () => {
		const key = twoFactor.newKey();
		expect(twoFactor.matchStep(key, codeFor(key, T0), T0, null)).toEqual({ ok: true, step: Math.floor(T0 / STEP) });
		expect(twoFactor.matchStep(key, codeFor(key, T0 - STEP), T0, null).ok).toBe(true);
		expect(twoFactor.matchStep(key, codeFor(key, T0 + STEP), T0, null).ok).toBe(true);
		expect(twoFactor.matchStep(key, codeFor(key, T0 - 2 * STEP), T0, null)).toEqual({ ok: false, reason: 'invalid' });
		expect(twoFactor.matchStep(key, codeFor(key, T0 + 2 * STEP), T0, null)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuses a code for a step already used, and any older one', () => {
		const key = twoFactor.newKey();
		const step = Math.floor(T0 / STEP);
		expect(twoFactor.matchStep(key, codeFor(key, T0), T0, step)).toEqual({ ok: false, reason: 'reused' });
		expect(twoFactor.matchStep(key, codeFor(key, T0 - STEP), T0, step)).toEqual({ ok: false, reason: 'reused' });
		expect(twoFactor.matchStep(key, codeFor(key, T0 + STEP), T0, step).ok).toBe(true);
	});

	it('reads codes typed with spaces or a hyphen, and refuses anything else', () => {
		const key = twoFactor.newKey();
		const c = codeFor(key, T0);
		expect(twoFactor.matchStep(key, `${c.slice(0, 3)} ${c.slice(3)}`, T0, null).ok).toBe(true);
		expect(twoFactor.matchStep(key, `${c.slice(0, 3)}-${c.slice(3)}`, T0, null).ok).toBe(true);
		for (const bad of ['', '12345', '1234567', 'abcdef', c + '0']) expect(twoFactor.matchStep(key, bad, T0, null).ok).toBe(false);
	});

	it('round-trips the secret as base32 and builds an otpauth URI and an SVG QR code', () => {
		const key = twoFactor.newKey();
		const secret = twoFactor.encodeSecret(key);
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(twoFactor.decodeSecret(twoFactor.groupSecret(secret).toLowerCase())).toEqual(key);
		const uri = twoFactor.keyUri('jo@example.org', key);
		expect(uri).toContain('otpauth://totp/');
		expect(uri).toContain(`secret=${secret}`);
		expect(uri).toContain('period=30');
		const svg = twoFactor.qrSvg(uri);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).not.toMatch(/<script/i);
	});

	it('has a demo key that is valid base32 of 20 bytes', () => {
		expect(twoFactor.decodeSecret(twoFactor.DEMO_TOTP_SECRET)).toHaveLength(20);
	});
});

describe('setting up two-factor', () => {
	it('keeps the same pending key while setting up, and turns on only with a right code', () => {
		const m = makeMember();
		const s = createSession(m.id, {}, T0);
		const a = twoFactor.beginSetup(m.actor, T0);
		const b = twoFactor.beginSetup(m.actor, T0 + 60_000);
		expect(b.secret).toBe(a.secret);
		expect(twoFactor.isEnabled(m.id)).toBe(false);
		const wrong = twoFactor.confirmSetup(m.actor, s.session.id, '000000' === codeFor(twoFactor.decodeSecret(a.secret), T0) ? '111111' : '000000', { ip: IP }, T0);
		expect(wrong.ok).toBe(false);
		expect(twoFactor.isEnabled(m.id)).toBe(false);
		const ok = twoFactor.confirmSetup(m.actor, s.session.id, codeFor(twoFactor.decodeSecret(a.secret), T0), { ip: IP }, T0);
		expect(ok.ok).toBe(true);
		expect(twoFactor.isEnabled(m.id)).toBe(true);
		if (ok.ok) expect(ok.recoveryCodes).toHaveLength(10);
		expect(actions(m.id)).toContain('two-factor.enabled');
		const mail = db.select().from(outboxMessage).where(and(eq(outboxMessage.recipientId, m.id), eq(outboxMessage.kind, 'security'))).all();
		expect(mail.map((x) => x.subject)).toContain('Two-factor authentication is now on');
	});

	it('marks the setting-up session verified, leaves other sessions pending', () => {
		const m = makeMember();
		const other = createSession(m.id, {}, T0 - 1000);
		const { session } = (() => {
			const s = createSession(m.id, {}, T0);
			const setup = twoFactor.beginSetup(m.actor, T0);
			twoFactor.confirmSetup(m.actor, s.session.id, codeFor(twoFactor.decodeSecret(setup.secret), T0), { ip: IP }, T0);
			return s;
		})();
		const fresh = db.select().from(sessionTable).where(eq(sessionTable.id, session.id)).get()!;
		expect(twoFactor.sessionGate(m.id, fresh, undefined, T0 + 1000)).toBe('ok');
		const old = db.select().from(sessionTable).where(eq(sessionTable.id, other.session.id)).get()!;
		expect(twoFactor.sessionGate(m.id, { ...old, createdAt: T0 }, undefined, T0 + 1000)).toBe('pending');
	});

	it('a pending key times out after an hour', () => {
		const m = makeMember();
		const s = createSession(m.id, {}, T0);
		const setup = twoFactor.beginSetup(m.actor, T0);
		const later = T0 + 61 * 60_000;
		const r = twoFactor.confirmSetup(m.actor, s.session.id, codeFor(twoFactor.decodeSecret(setup.secret), later), { ip: IP }, later);
		expect(r.ok).toBe(false);
		expect(twoFactor.beginSetup(m.actor, later).secret).not.toBe(setup.secret);
	});

	it('moving to a new app replaces the key, the recovery codes and the remembered browsers', () => {
		const { m, key, codes } = enrolled();
		devices.remember(m.id, 'ua', T0);
		const s = createSession(m.id, {}, T0 + 5 * STEP);
		const setup = twoFactor.beginSetup(m.actor, T0 + 5 * STEP);
		expect(setup.replacing).toBe(true);
		const newKey = twoFactor.decodeSecret(setup.secret);
		const r = twoFactor.confirmSetup(m.actor, s.session.id, codeFor(newKey, T0 + 5 * STEP), { ip: IP }, T0 + 5 * STEP);
		expect(r.ok && r.replaced).toBe(true);
		expect(devices.countFor(m.id, T0 + 5 * STEP)).toBe(0);
		const at = T0 + 10 * STEP;
		expect(twoFactor.verifyCode(m.id, codeFor(key, at), { ip: IP, purpose: 'sign-in' }, at).ok).toBe(false);
		expect(twoFactor.verifyCode(m.id, codes[0], { ip: IP, purpose: 'sign-in' }, at).ok).toBe(false);
		expect(twoFactor.verifyCode(m.id, codeFor(newKey, at), { ip: IP, purpose: 'sign-in' }, at).ok).toBe(true);
		expect(actions(m.id)).toContain('two-factor.changed');
	});
});

describe('checking codes', () => {
	it('accepts a code once: the same code again within its window is refused', () => {
		const { m, key } = enrolled();
		const at = T0 + 3 * STEP;
		expect(twoFactor.verifyCode(m.id, codeFor(key, at), { ip: IP, purpose: 'sign-in' }, at)).toMatchObject({ ok: true, method: 'app' });
		expect(twoFactor.verifyCode(m.id, codeFor(key, at), { ip: IP, purpose: 'sign-in' }, at + 5000)).toMatchObject({ ok: false, reason: 'reused' });
		// The next step's code still works (the clock may be slightly ahead).
		expect(twoFactor.verifyCode(m.id, codeFor(key, at + STEP), { ip: IP, purpose: 'sign-in' }, at + 5000).ok).toBe(true);
		expect(db.select().from(twoFactorTable).where(eq(twoFactorTable.memberId, m.id)).get()!.lastUsedStep).toBe(Math.floor((at + STEP) / STEP));
	});

	it('accepts codes from a phone one step slow or fast', () => {
		const { m, key } = enrolled();
		const at = T0 + 10 * STEP;
		expect(twoFactor.verifyCode(m.id, codeFor(key, at - STEP), { ip: IP, purpose: 'sign-in' }, at).ok).toBe(true);
		const later = at + 10 * STEP;
		expect(twoFactor.verifyCode(m.id, codeFor(key, later + STEP), { ip: IP, purpose: 'sign-in' }, later).ok).toBe(true);
		const muchLater = later + 10 * STEP;
		expect(twoFactor.verifyCode(m.id, codeFor(key, muchLater + 2 * STEP), { ip: IP, purpose: 'sign-in' }, muchLater).ok).toBe(false);
	});

	it('recovery codes work once each, in any case and with or without the hyphen', () => {
		const { m, codes } = enrolled();
		expect(codes.every((c) => /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(c))).toBe(true);
		expect(new Set(codes).size).toBe(10);
		const at = T0 + STEP;
		expect(twoFactor.verifyCode(m.id, codes[0].toUpperCase().replace('-', ' '), { ip: IP, purpose: 'sign-in' }, at)).toMatchObject({ ok: true, method: 'recovery', recoveryCodesLeft: 9 });
		expect(twoFactor.verifyCode(m.id, codes[0], { ip: IP, purpose: 'sign-in' }, at).ok).toBe(false);
		expect(recovery.remaining(m.id)).toBe(9);
		expect(actions(m.id)).toContain('two-factor.recovery-code-used');
	});

	it('stores recovery codes only as hashes', () => {
		const { m, codes } = enrolled();
		const stored = db.all<{ code_hash: string }>(`select code_hash from recovery_code where member_id = ${m.id}`);
		expect(stored).toHaveLength(10);
		for (const c of codes) expect(stored.some((s) => s.code_hash.includes(recovery.normalise(c)))).toBe(false);
	});

	it('new recovery codes replace the old ones', () => {
		const { m, codes } = enrolled();
		const fresh = twoFactor.regenerateRecoveryCodes(m.actor, { ip: IP }, T0 + STEP)!;
		expect(fresh).toHaveLength(10);
		expect(twoFactor.verifyCode(m.id, codes[1], { ip: IP, purpose: 'sign-in' }, T0 + STEP).ok).toBe(false);
		expect(twoFactor.verifyCode(m.id, fresh[1], { ip: IP, purpose: 'sign-in' }, T0 + STEP).ok).toBe(true);
		expect(actions(m.id)).toContain('two-factor.recovery-codes-created');
	});

	it('limits wrong codes like passwords: after ten in 15 minutes even a right code is refused', () => {
		const { m, key } = enrolled();
		const at = T0 + 20 * STEP;
		const right = codeFor(key, at);
		const wrong = right === '000000' ? '000001' : '000000';
		for (let i = 0; i < twoFactor.CODE_FAILURES_PER_WINDOW; i++) {
			expect(twoFactor.verifyCode(m.id, wrong, { ip: IP, purpose: 'sign-in' }, at + i).ok).toBe(false);
		}
		expect(twoFactor.verifyCode(m.id, right, { ip: IP, purpose: 'sign-in' }, at + 100)).toMatchObject({ ok: false, reason: 'limited' });
		expect(actions(m.id)).toContain('two-factor.limited');
		expect(actions(m.id)).toContain('two-factor.failed');
		const after = at + twoFactor.CODE_FAILURE_WINDOW_MS + 1000;
		expect(twoFactor.verifyCode(m.id, codeFor(key, after), { ip: IP, purpose: 'sign-in' }, after).ok).toBe(true);
	});

	it('caps wrong codes per day and tells the member by email', () => {
		const { m, key } = enrolled();
		let at = T0 + 100 * STEP;
		const wrongAt = (t: number) => (codeFor(key, t) === '000000' ? '000001' : '000000');
		for (let i = 0; i < twoFactor.CODE_FAILURES_PER_DAY; i++) {
			twoFactor.verifyCode(m.id, wrongAt(at), { ip: `198.51.100.${i}`, purpose: 'sign-in' }, at);
			// spread over the day so the 15-minute limit never applies
			at += 40 * 60_000;
		}
		expect(twoFactor.verifyCode(m.id, codeFor(key, at), { ip: IP, purpose: 'sign-in' }, at)).toMatchObject({ ok: false, reason: 'limited' });
		const warned = db.select().from(outboxMessage).where(and(eq(outboxMessage.recipientId, m.id), like(outboxMessage.subject, 'Wrong two-factor codes%'))).all();
		expect(warned).toHaveLength(1);
	});

	it('signing in with a code marks the session verified and audits it', () => {
		const { m, key } = enrolled();
		const at = T0 + 30 * STEP;
		const s = createSession(m.id, {}, at);
		expect(twoFactor.sessionGate(m.id, s.session, undefined, at)).toBe('pending');
		expect(twoFactor.completeSignIn(m.id, s.session.id, codeFor(key, at), { ip: IP }, at).ok).toBe(true);
		const row = db.select().from(sessionTable).where(eq(sessionTable.id, s.session.id)).get()!;
		expect(twoFactor.sessionGate(m.id, row, undefined, at)).toBe('ok');
		expect(actions(m.id)).toContain('sign-in.two-factor');
	});

	it('ends a session that waited more than 15 minutes for its code', () => {
		const { m } = enrolled();
		const s = createSession(m.id, {}, T0 + STEP);
		expect(twoFactor.sessionGate(m.id, s.session, undefined, T0 + STEP + twoFactor.PENDING_SESSION_TTL_MS + 1)).toBe('expired');
	});

	it('a remembered browser verifies the session without a code, for that member only', () => {
		const { m } = enrolled();
		const other = enrolled().m;
		const device = devices.remember(m.id, 'Firefox', T0);
		const s = createSession(m.id, {}, T0 + STEP);
		expect(twoFactor.sessionGate(other.id, { ...s.session, id: 'x' }, device.token, T0 + STEP)).toBe('pending');
		expect(twoFactor.sessionGate(m.id, s.session, device.token.slice(0, -1) + 'x', T0 + STEP)).toBe('pending');
		expect(twoFactor.sessionGate(m.id, s.session, device.token, T0 + STEP)).toBe('ok');
		expect(twoFactor.sessionGate(m.id, { ...s.session, mfaVerifiedAt: null }, device.token, T0 + devices.DEVICE_TTL_MS + 1)).not.toBe('ok');
	});
});

describe('turning two-factor off', () => {
	it('members can turn it off; coordinators and admins cannot', () => {
		const { m } = enrolled();
		expect(twoFactor.turnOff(m.actor, { ip: IP }).ok).toBe(true);
		expect(twoFactor.isEnabled(m.id)).toBe(false);
		expect(recovery.remaining(m.id)).toBe(0);
		expect(actions(m.id)).toContain('two-factor.disabled');
		const c = enrolled({ role: 'coordinator', coordinatorRegionId: 'north-west' }).m;
		expect(twoFactor.turnOff(c.actor, { ip: IP }).ok).toBe(false);
		expect(twoFactor.isEnabled(c.id)).toBe(true);
	});

	it('coordinators and admins without it must set it up', () => {
		const c = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		const a = makeMember({ role: 'admin' });
		const plain = makeMember();
		expect(twoFactor.setupRequired(c)).toBe(true);
		expect(twoFactor.setupRequired(a)).toBe(true);
		expect(twoFactor.setupRequired(plain)).toBe(false);
		expect(twoFactor.setupRequired(enrolled({ role: 'admin' }).m)).toBe(false);
	});

	it('an admin can reset a member who lost their phone, ending their sessions; others cannot', () => {
		const admin = makeMember({ role: 'admin' });
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		const { m } = enrolled({ authority: 'Lancashire' });
		createSession(m.id, {}, T0);
		expect(() => twoFactor.resetByAdmin(coordinator.actor, m.id, { ip: IP })).toThrow();
		expect(() => twoFactor.resetByAdmin(m.actor, m.id, { ip: IP })).toThrow();
		expect(twoFactor.resetByAdmin(admin.actor, m.id, { ip: IP })).toBe(true);
		expect(twoFactor.isEnabled(m.id)).toBe(false);
		expect(db.select().from(sessionTable).where(eq(sessionTable.memberId, m.id)).all()).toHaveLength(0);
		expect(actions(m.id)).toContain('two-factor.reset-by-admin');
	});
});
