import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../config';
import { makeMember } from '../../../../tests/support/members';
import * as members from './members';
import * as outbox from '../mail/outbox';
import * as accounts from './accounts';
import * as tokens from '../auth/tokens';
import { hashPassword, verifyPassword } from '../auth/password';
import { createSession, validateSessionToken } from '../auth/session';

const PASSWORD = 'a long and sensible password';
let passwordHash = '';
beforeAll(async () => {
	passwordHash = await hashPassword(PASSWORD);
});

const MIN = 60 * 1000;
let clock = Date.parse('2026-11-23T09:00:00Z');
/** A fresh instant for each test, far from the others, so rate-limit windows don't overlap. */
const later = () => (clock += 24 * 60 * MIN);

/** The token in the newest email to an address, from its link to `path`. */
function tokenFromEmail(to: string, path: string): string {
	const text = outbox.messagesTo(to)[0]?.text ?? '';
	const m = new RegExp(`${path}/([a-z0-9]+)`).exec(text);
	if (!m) throw new Error(`No ${path} link in the email to ${to}`);
	return m[1];
}

describe('signing in with a password', () => {
	it('accepts the right password, in any letter case of the address', async () => {
		const m = makeMember({ passwordHash });
		const result = await accounts.signIn(m.email.toUpperCase(), PASSWORD, { ip: '192.0.2.10' }, later());
		expect(result).toMatchObject({ ok: true, memberId: m.id });
		expect(members.byId(m.id)!.lastSignInAt).not.toBeNull();
	});

	it('answers a wrong password and an unknown address the same way', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		const wrong = await accounts.signIn(m.email, 'not the password at all', { ip: '192.0.2.11' }, now);
		const unknown = await accounts.signIn('nobody-here@example.org', PASSWORD, { ip: '192.0.2.11' }, now);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('refuses a deactivated member with the same answer', async () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember({ passwordHash });
		members.setActive(admin.actor, m.id, false);
		expect(await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.12' }, later())).toEqual({ ok: false, reason: 'invalid' });
	});

	it('after 10 failures for one account slows other addresses down to one try per 90 seconds rather than locking them out', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		for (let i = 0; i < 10; i++) {
			expect(await accounts.signIn(m.email, `guess number ${i}`, { ip: `198.51.100.${i}` }, now + i * 1000)).toEqual({ ok: false, reason: 'invalid' });
		}
		// The owner, from a new address and a new browser, is asked to wait a little — not 15 minutes.
		const slowed = await accounts.signIn(m.email, PASSWORD, { ip: '203.0.113.50' }, now + 20_000);
		expect(slowed).toMatchObject({ ok: false, reason: 'slow' });
		expect(slowed.ok === false && slowed.reason === 'slow' && slowed.waitSeconds).toBeLessThanOrEqual(accounts.SLOW_DOWN_MS / 1000);
		expect((await accounts.signIn(m.email, PASSWORD, { ip: '203.0.113.50' }, now + 9_000 + accounts.SLOW_DOWN_MS)).ok).toBe(true);
		// Another account is not affected.
		const other = makeMember({ passwordHash });
		expect((await accounts.signIn(other.email, PASSWORD, { ip: '203.0.113.50' }, now + 20_000)).ok).toBe(true);
	});

	it('keeps guessing from many addresses to 10 in 15 minutes and one per 90 seconds after', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		let checked = 0;
		// An attacker with a new address for every try, once a second for 30 minutes.
		for (let s = 0; s < 30 * 60; s++) {
			const r = await accounts.signIn(m.email, `guess ${s}`, { ip: `10.${s >> 8}.${s & 255}.1` }, now + s * 1000);
			if (r.ok === false && r.reason === 'invalid') checked++;
		}
		expect(checked).toBeLessThanOrEqual(10 + (30 * 60 * 1000) / accounts.SLOW_DOWN_MS);
	}, 60_000);

	it('stops an address that made 10 failures for the account, for 15 minutes', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		for (let i = 0; i < 10; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: '198.51.100.77' }, now + i);
		expect(await accounts.signIn(m.email, PASSWORD, { ip: '198.51.100.77' }, now + 5 * MIN)).toEqual({ ok: false, reason: 'limited' });
		expect((await accounts.signIn(m.email, PASSWORD, { ip: '198.51.100.77' }, now + 15 * MIN + 10_000)).ok).toBe(true);
	});

	it('lets the owner in from a browser that has signed in before, whatever others did', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		const first = await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.30' }, now);
		if (!first.ok) throw new Error('should sign in');
		expect(first.knownBrowser).toMatch(new RegExp(`^v1\\.${m.id}\\.`));
		// Somebody guesses from many addresses, and from the owner's own address too.
		for (let i = 0; i < 10; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: `198.51.100.${i}` }, now + MIN + i);
		for (let i = 0; i < 10; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: '192.0.2.30' }, now + MIN + 20 + i);
		// Without the cookie, the right password does not get in just now …
		expect(await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.30' }, now + MIN + 40)).toMatchObject({ ok: false });
		// … with it, at once, from the same address.
		const owner = await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.30', knownBrowser: first.knownBrowser }, now + MIN + 41);
		expect(owner).toMatchObject({ ok: true, memberId: m.id, knownBrowser: first.knownBrowser });
	});

	it('counts a known browser’s own wrong passwords against it: 10 stop that browser', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		const first = await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.31' }, now);
		if (!first.ok) throw new Error('should sign in');
		const browser = first.knownBrowser;
		for (let i = 0; i < 10; i++) expect(await accounts.signIn(m.email, `guess ${i}`, { ip: '192.0.2.31', knownBrowser: browser }, now + MIN + i)).toEqual({ ok: false, reason: 'invalid' });
		expect(await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.31', knownBrowser: browser }, now + MIN + 20)).toEqual({ ok: false, reason: 'limited' });
		// Those guesses did not slow anybody else down.
		expect((await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.32' }, now + MIN + 30)).ok).toBe(true);
	});

	it('treats a forged cookie, or another member’s, as a browser it does not know', async () => {
		const m = makeMember({ passwordHash });
		const other = makeMember({ passwordHash });
		const now = later();
		const theirs = await accounts.signIn(other.email, PASSWORD, { ip: '192.0.2.33' }, now);
		if (!theirs.ok) throw new Error('should sign in');
		for (let i = 0; i < 10; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: '192.0.2.34' }, now + i);
		for (const knownBrowser of [theirs.knownBrowser, `v1.${m.id}.aaaa.bbbb`, theirs.knownBrowser.replace(`v1.${other.id}.`, `v1.${m.id}.`)]) {
			expect(await accounts.signIn(m.email, PASSWORD, { ip: '192.0.2.34', knownBrowser }, now + 100)).toEqual({ ok: false, reason: 'limited' });
		}
	});

	it('emails the owner once when their account is the target', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		for (let i = 0; i < 9; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: `198.51.100.${i}` }, now + i);
		expect(outbox.messagesTo(m.email)).toHaveLength(0);
		await accounts.signIn(m.email, 'guess 9', { ip: '198.51.100.9' }, now + 10);
		const notices = outbox.messagesTo(m.email);
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatchObject({ kind: 'security', subject: 'Someone has been trying to sign in to your account' });
		expect(notices[0].text).toContain('browser you have signed in from before');
		// More guesses, later that day: no second email.
		for (let i = 0; i < 5; i++) await accounts.signIn(m.email, `guess again ${i}`, { ip: `198.51.101.${i}` }, now + 2 * 60 * MIN + i * 100_000);
		expect(outbox.messagesTo(m.email)).toHaveLength(1);
	});

	it('limits an unregistered address in the same way, so the limit reveals nothing', async () => {
		const now = later();
		for (let i = 0; i < 10; i++) await accounts.signIn('ghost@example.org', `guess ${i}`, { ip: `198.51.100.${i}` }, now);
		expect(await accounts.signIn('ghost@example.org', 'guess', { ip: '198.51.100.99' }, now + 1000)).toMatchObject({ ok: false, reason: 'slow' });
		// One address, waiting out the slow-down each time: stopped after its 10th failure.
		const start = now + 2 * MIN;
		for (let i = 0; i < 10; i++) expect(await accounts.signIn('ghost@example.org', `guess ${i}`, { ip: '198.51.100.200' }, start + i * 95_000)).toEqual({ ok: false, reason: 'invalid' });
		expect(await accounts.signIn('ghost@example.org', 'guess', { ip: '198.51.100.200' }, start + 9 * 95_000 + 1000)).toEqual({ ok: false, reason: 'limited' });
	});

	it('forgets the failures after a successful sign-in', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		for (let i = 0; i < 9; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: '198.51.100.1' }, now);
		expect((await accounts.signIn(m.email, PASSWORD, { ip: '198.51.100.1' }, now + 1000)).ok).toBe(true);
		for (let i = 0; i < 9; i++) await accounts.signIn(m.email, `guess ${i}`, { ip: '198.51.100.2' }, now + 2000);
		expect((await accounts.signIn(m.email, PASSWORD, { ip: '198.51.100.2' }, now + 3000)).ok).toBe(true);
	});

	it('limits failures from one network address across many accounts', async () => {
		const now = later();
		const perAddress = config().signInFailuresPerAddress;
		expect(perAddress).toBeGreaterThan(10);
		const victim = makeMember({ passwordHash });
		for (let i = 0; i < perAddress; i++) await accounts.signIn(`sprayed-${i}@example.org`, 'Winter2026 password', { ip: '203.0.113.66' }, now + i);
		expect(await accounts.signIn(victim.email, PASSWORD, { ip: '203.0.113.66' }, now + 5000)).toEqual({ ok: false, reason: 'limited' });
		expect((await accounts.signIn(victim.email, PASSWORD, { ip: '203.0.113.67' }, now + 5000)).ok).toBe(true);
	});
});

describe('password reset', () => {
	it('answers the same for registered and unregistered addresses, emailing only a member', () => {
		const m = makeMember();
		const now = later();
		const known = accounts.requestPasswordReset(m.email, now);
		const unknown = accounts.requestPasswordReset('stranger@example.org', now);
		expect(known).toEqual(unknown);
		expect(outbox.messagesTo(m.email)).toHaveLength(1);
		expect(outbox.messagesTo('stranger@example.org')).toHaveLength(0);
	});

	it('sets a new password once through the emailed link, ending every session', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		const session = createSession(m.id, {}, now);
		accounts.requestPasswordReset(m.email, now);
		const token = tokenFromEmail(m.email, '/reset');
		expect(token.length).toBeGreaterThanOrEqual(26); // at least 128 bits in base32
		const result = await accounts.resetPassword(token, 'a brand new passphrase', { ip: '192.0.2.20' }, now + MIN);
		expect(result).toEqual({ ok: true, memberId: m.id });
		expect(await verifyPassword(members.byId(m.id)!.passwordHash, 'a brand new passphrase')).toBe(true);
		expect(validateSessionToken(session.token, now + MIN)).toBeNull();
		const again = await accounts.resetPassword(token, 'another new passphrase', { ip: '192.0.2.20' }, now + 2 * MIN);
		expect(again).toEqual({ ok: false, field: 'token', message: tokens.explain('used', 'password reset') });
	});

	it('expires the link after 1 hour', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		accounts.requestPasswordReset(m.email, now);
		const token = tokenFromEmail(m.email, '/reset');
		expect(tokens.inspect('reset', token, now + 59 * MIN).ok).toBe(true);
		const result = await accounts.resetPassword(token, 'a brand new passphrase', { ip: '192.0.2.21' }, now + 60 * MIN);
		expect(result).toMatchObject({ ok: false, field: 'token', message: tokens.explain('expired', 'password reset') });
		expect(await verifyPassword(members.byId(m.id)!.passwordHash, PASSWORD)).toBe(true);
	});

	it('keeps the link usable when the new password is refused', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		accounts.requestPasswordReset(m.email, now);
		const token = tokenFromEmail(m.email, '/reset');
		expect(await accounts.resetPassword(token, 'short', { ip: '192.0.2.22' }, now)).toMatchObject({ ok: false, field: 'password' });
		expect((await accounts.resetPassword(token, 'long enough passphrase', { ip: '192.0.2.22' }, now)).ok).toBe(true);
	});

	it('sends at most 5 reset emails an hour to one address', () => {
		const m = makeMember();
		const now = later();
		for (let i = 0; i < 8; i++) accounts.requestPasswordReset(m.email, now + i * 1000);
		expect(outbox.messagesTo(m.email)).toHaveLength(5);
	});
});

describe('sign-in links', () => {
	it('answers the same for registered and unregistered addresses', () => {
		const m = makeMember();
		const now = later();
		expect(accounts.requestSignInLink(m.email, now)).toEqual(accounts.requestSignInLink('not-a-member@example.org', now));
		expect(outbox.messagesTo(m.email)).toHaveLength(1);
		expect(outbox.messagesTo('not-a-member@example.org')).toHaveLength(0);
	});

	it('signs in once; the second use is refused', () => {
		const m = makeMember();
		const now = later();
		accounts.requestSignInLink(m.email, now);
		const token = tokenFromEmail(m.email, '/login/link');
		expect(accounts.useSignInLink(token, { ip: '192.0.2.30' }, now + MIN)).toEqual({ ok: true, memberId: m.id });
		expect(accounts.useSignInLink(token, { ip: '192.0.2.30' }, now + MIN)).toEqual({ ok: false, reason: 'used' });
	});

	it('expires after 15 minutes', () => {
		const m = makeMember();
		const now = later();
		accounts.requestSignInLink(m.email, now);
		const token = tokenFromEmail(m.email, '/login/link');
		expect(accounts.useSignInLink(token, { ip: '192.0.2.31' }, now + 15 * MIN)).toEqual({ ok: false, reason: 'expired' });
	});

	it('does not sign in a member deactivated after the link was sent', () => {
		const admin = makeMember({ role: 'admin' });
		const m = makeMember();
		const now = later();
		accounts.requestSignInLink(m.email, now);
		const token = tokenFromEmail(m.email, '/login/link');
		members.setActive(admin.actor, m.id, false);
		expect(accounts.useSignInLink(token, { ip: '192.0.2.32' }, now + MIN).ok).toBe(false);
	});

	it('is not a reset link, and a reset link is not a sign-in link', () => {
		const m = makeMember();
		const now = later();
		accounts.requestSignInLink(m.email, now);
		const token = tokenFromEmail(m.email, '/login/link');
		expect(tokens.inspect('reset', token, now)).toEqual({ ok: false, reason: 'unknown' });
	});
});

describe('changing the email address', () => {
	it('needs the password, then a confirmation from the new address; the link works once', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		const newEmail = `moved-${m.id}@council.example.org`;
		expect(await accounts.requestEmailChange(m.id, 'wrong password here', newEmail, now)).toMatchObject({ ok: false, field: 'password' });
		expect(await accounts.requestEmailChange(m.id, PASSWORD, m.email, now)).toMatchObject({ ok: false, field: 'email' });
		expect(await accounts.requestEmailChange(m.id, PASSWORD, newEmail.toUpperCase(), now)).toEqual({ ok: true });
		expect(members.byId(m.id)!.email).toBe(m.email); // not until confirmed
		const token = tokenFromEmail(newEmail, '/settings/email/confirm');
		expect(accounts.confirmEmailChange(token, { ip: '192.0.2.40' }, now + MIN)).toEqual({ ok: true });
		expect(members.byId(m.id)!.email).toBe(newEmail);
		expect(accounts.confirmEmailChange(token, { ip: '192.0.2.40' }, now + MIN)).toEqual({ ok: false, message: tokens.explain('used', 'email confirmation') });
	});

	it('refuses an address another member uses, even if taken after the link was sent', async () => {
		const m = makeMember({ passwordHash });
		const other = makeMember();
		const now = later();
		expect(await accounts.requestEmailChange(m.id, PASSWORD, other.email, now)).toMatchObject({ ok: false, field: 'email' });
		const wanted = `wanted-${m.id}@example.org`;
		await accounts.requestEmailChange(m.id, PASSWORD, wanted, now);
		const token = tokenFromEmail(wanted, '/settings/email/confirm');
		makeMember({ email: wanted });
		expect(accounts.confirmEmailChange(token, { ip: '192.0.2.41' }, now).ok).toBe(false);
		expect(members.byId(m.id)!.email).toBe(m.email);
	});

	it('expires the confirmation link after 24 hours', async () => {
		const m = makeMember({ passwordHash });
		const now = later();
		const wanted = `late-${m.id}@example.org`;
		await accounts.requestEmailChange(m.id, PASSWORD, wanted, now);
		const token = tokenFromEmail(wanted, '/settings/email/confirm');
		expect(accounts.confirmEmailChange(token, { ip: '192.0.2.42' }, now + 24 * 60 * MIN)).toEqual({ ok: false, message: tokens.explain('expired', 'email confirmation') });
	});
});

describe('re-checking the password for account changes', () => {
	it('stops guessing through a signed-in session after 10 wrong passwords', async () => {
		const m = makeMember({ passwordHash });
		const s = createSession(m.id);
		for (let i = 0; i < 10; i++) {
			expect(await accounts.changePassword(m.id, s.session.id, `guess ${i}`, 'a brand new passphrase', { ip: '192.0.2.50' })).toMatchObject({ ok: false, field: 'current', message: 'Your current password is not right' });
		}
		const limited = await accounts.changePassword(m.id, s.session.id, PASSWORD, 'a brand new passphrase', { ip: '192.0.2.50' });
		expect(limited).toMatchObject({ ok: false, field: 'current' });
		expect(limited.ok === false && limited.message).toMatch(/too many/i);
		expect(await accounts.requestEmailChange(m.id, PASSWORD, `x-${m.id}@example.org`)).toMatchObject({ ok: false, field: 'password' });
	});

	it('refuses a weak new password', async () => {
		const m = makeMember({ passwordHash });
		const s = createSession(m.id);
		expect(await accounts.changePassword(m.id, s.session.id, PASSWORD, 'password1234', { ip: '192.0.2.51' })).toMatchObject({ ok: false, field: 'password' });
		expect(await verifyPassword(members.byId(m.id)!.passwordHash, PASSWORD)).toBe(true);
	});
});

describe('emailed tokens', () => {
	it('are random, stored only as a hash, single use and expiring', () => {
		const m = makeMember();
		const now = later();
		const a = tokens.issue('reset', m.id, {}, now);
		const b = tokens.issue('reset', m.id, {}, now);
		expect(a).not.toBe(b);
		expect(a).toMatch(/^[a-z2-7]{32}$/); // 20 bytes = 160 bits
		const state = tokens.inspect('reset', a, now);
		expect(state.ok && state.token.tokenHash).not.toContain(a);
		expect(tokens.consume('reset', a, now).ok).toBe(true);
		expect(tokens.consume('reset', a, now)).toEqual({ ok: false, reason: 'used' });
		expect(tokens.consume('reset', b, now + tokens.TOKEN_TTL.reset)).toEqual({ ok: false, reason: 'expired' });
		expect(tokens.consume('reset', 'made-up', now)).toEqual({ ok: false, reason: 'unknown' });
		expect(tokens.consume('reset', 'x'.repeat(1000), now)).toEqual({ ok: false, reason: 'unknown' });
	});

	it('have lifetimes of 1 hour (reset), 15 minutes (sign-in) and 24 hours (email change)', () => {
		expect(tokens.TOKEN_TTL).toEqual({ reset: 60 * MIN, 'sign-in': 15 * MIN, 'email-change': 24 * 60 * MIN });
	});

	it('are purged once used or expired', () => {
		const m = makeMember();
		const now = later();
		const used = tokens.issue('sign-in', m.id, {}, now);
		tokens.consume('sign-in', used, now);
		const live = tokens.issue('reset', m.id, {}, now);
		tokens.purge(now + MIN);
		expect(tokens.inspect('sign-in', used, now)).toEqual({ ok: false, reason: 'unknown' });
		expect(tokens.inspect('reset', live, now + MIN).ok).toBe(true);
	});
});
