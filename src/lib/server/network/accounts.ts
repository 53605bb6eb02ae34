/**
 * Signing in and the account's own secrets: passwords, sign-in links, resets, email changes.
 * Requests answer the same way whether or not an address is registered.
 */
import { config } from '../config';
import * as members from './members';
import * as outbox from '../mail/outbox';
import { renderEmail } from '../mail/layout';
import * as audit from '../auth/audit';
import * as limits from '../auth/rate-limit';
import * as tokens from '../auth/tokens';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { endAllSessions } from '../auth/session';
import * as known from './known-browsers';
import { sendSecurityNotice } from './security-email';

/** Wrong passwords for one account from browsers it has not signed in from, per window, before those browsers are slowed down. */
export const FAILURES_PER_ACCOUNT = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Past that, one try per this long for the account from such browsers: guessing stays at 10 per 15 minutes, and nobody is locked out. */
export const SLOW_DOWN_MS = FAILURE_WINDOW_MS / FAILURES_PER_ACCOUNT;
/** Wrong passwords for one account from one network address, or from one known browser, before that address or browser is stopped for the window. */
export const FAILURES_PER_SOURCE = 10;
/** Emailed links per address per hour (reset, sign-in link), so nobody can flood an inbox. */
const EMAILS_PER_HOUR = 5;

export type SignInResult =
	| { ok: true; memberId: number; knownBrowser: string }
	| { ok: false; reason: 'invalid' | 'limited' }
	| { ok: false; reason: 'slow'; waitSeconds: number };

const accountKey = (email: string) => `signin-fail:account:${members.normaliseEmail(email)}`;
const accountAddressKey = (email: string, ip: string) => `signin-fail:account-ip:${members.normaliseEmail(email)}:${ip}`;
const browserKey = (id: string) => `signin-fail:browser:${id}`;
const addressKey = (ip: string) => `signin-fail:ip:${ip}`;
const noticeKey = (memberId: number) => `signin-targeted-notice:${memberId}`;

/**
 * Checks an email and password. Wrong passwords are counted so guessing stays slow without
 * locking the owner out (OWASP's device cookies):
 * - from a browser where the member has signed in before (`knownBrowser`, the cookie's value),
 *   only that browser's own failures count: 10 in 15 minutes stop it for the window;
 * - from any other browser: 10 failures for the account from one address stop that address
 *   (as do `signInFailuresPerAddress` failures across accounts); 10 for the account from all
 *   such browsers slow them down to one try every 90 seconds, and email the owner once a day.
 * Answers the same whether or not the address belongs to a member.
 */
export async function signIn(email: string, password: string, meta: { ip: string; knownBrowser?: string }, now = Date.now()): Promise<SignInResult> {
	const m = members.findByEmail(email);
	const browser = known.verify(meta.knownBrowser, m?.id);
	const refuse = (result: SignInResult): SignInResult => {
		audit.record({ actorId: null, action: 'sign-in.limited', ipAddress: meta.ip, detail: { email: members.normaliseEmail(email) } }, now);
		return result;
	};
	if (browser) {
		if (limits.isLimited(browserKey(browser), FAILURES_PER_SOURCE, FAILURE_WINDOW_MS, now)) return refuse({ ok: false, reason: 'limited' });
	} else {
		if (limits.isLimited(addressKey(meta.ip), config().signInFailuresPerAddress, FAILURE_WINDOW_MS, now)) return refuse({ ok: false, reason: 'limited' });
		if (limits.isLimited(accountAddressKey(email, meta.ip), FAILURES_PER_SOURCE, FAILURE_WINDOW_MS, now)) return refuse({ ok: false, reason: 'limited' });
		if (limits.isLimited(accountKey(email), FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS, now)) {
			const wait = (limits.latest(accountKey(email)) ?? now) + SLOW_DOWN_MS - now;
			if (wait > 0) return refuse({ ok: false, reason: 'slow', waitSeconds: Math.ceil(wait / 1000) });
		}
	}
	const good = await verifyPassword(m?.passwordHash ?? null, password);
	if (!m || !good || m.deactivatedAt != null) {
		if (browser) limits.record(browserKey(browser), now);
		else {
			limits.record(accountKey(email), now);
			limits.record(accountAddressKey(email, meta.ip), now);
			limits.record(addressKey(meta.ip), now);
			if (m && m.deactivatedAt == null) noticeIfTargeted(m.id, email, now);
		}
		audit.record({ actorId: m?.id ?? null, action: 'sign-in.failed', subjectType: 'member', subjectId: m?.id, ipAddress: meta.ip, detail: { email: members.normaliseEmail(email) } }, now);
		return { ok: false, reason: 'invalid' };
	}
	limits.clear(accountKey(email));
	limits.clear(accountAddressKey(email, meta.ip));
	if (browser) limits.clear(browserKey(browser));
	members.touchSignIn(m.id, now);
	audit.record({ actorId: m.id, action: 'sign-in', subjectType: 'member', subjectId: m.id, ipAddress: meta.ip }, now);
	return { ok: true, memberId: m.id, knownBrowser: browser ? meta.knownBrowser! : known.issue(m.id) };
}

/** Tells the owner (at most once a day) when wrong passwords for their account reach the limit. */
function noticeIfTargeted(memberId: number, email: string, now: number) {
	if (limits.countRecent(accountKey(email), FAILURE_WINDOW_MS, now) < FAILURES_PER_ACCOUNT) return;
	if (limits.isLimited(noticeKey(memberId), 1, 24 * 60 * 60 * 1000, now)) return;
	limits.record(noticeKey(memberId), now);
	sendSecurityNotice(
		memberId,
		{
			key: `sign-in-targeted:${memberId}:${now}`,
			subject: 'Someone has been trying to sign in to your account',
			heading: 'Someone has been trying to sign in to your account',
			paragraphs: [
				`There have been ${FAILURES_PER_ACCOUNT} or more wrong passwords for your Lead Member Network account in the last 15 minutes, from browsers you have not signed in from.`,
				`To protect your account, sign-in attempts from those browsers are now slowed down to one every ${SLOW_DOWN_MS / 1000} seconds. You can still sign in as usual from a browser you have signed in from before, or with a sign-in link sent by email.`,
				'If it was you, there is nothing to do. If it was not, nobody has got in with a wrong password, but choose a long password you use nowhere else and turn on two-factor authentication in Settings.'
			],
			action: { text: 'Go to your security settings', href: '/settings/two-factor' }
		},
		now
	);
}

function emailLimited(kind: string, email: string, now: number): boolean {
	const key = `email:${kind}:${members.normaliseEmail(email)}`;
	if (limits.isLimited(key, EMAILS_PER_HOUR, 60 * 60 * 1000, now)) return true;
	limits.record(key, now);
	return false;
}

/** Emails a single-use sign-in link (15 minutes) if the address belongs to an active member. */
export function requestSignInLink(email: string, now = Date.now()) {
	const m = members.findByEmail(email);
	if (!m || m.deactivatedAt != null || emailLimited('sign-in', email, now)) return;
	const token = tokens.issue('sign-in', m.id, {}, now);
	const content = renderEmail({
		heading: 'Your sign-in link',
		blocks: [
			{ kind: 'paragraph', text: `Hello ${m.name}, use this link to sign in to the Lead Member Network.` },
			{ kind: 'button', text: 'Sign in', href: `/login/link/${token}` },
			{ kind: 'paragraph', text: 'The link works once and expires in 15 minutes. If you did not ask for it, you can ignore this email.' }
		],
		reason: 'You received this email because someone asked for a sign-in link for this address.'
	});
	outbox.enqueue({ key: `sign-in:${m.id}:${now}`, kind: 'sign-in-link', to: m.email, recipientId: m.id, subject: 'Your sign-in link for the Lead Member Network', ...content }, now);
}

/** Uses a sign-in link. */
export function useSignInLink(token: string, meta: { ip: string }, now = Date.now()) {
	const state = tokens.consume('sign-in', token, now);
	if (!state.ok) return state;
	const actor = members.actorById(state.token.memberId);
	if (!actor) return { ok: false as const, reason: 'unknown' as const };
	members.touchSignIn(actor.id, now);
	audit.record({ actorId: actor.id, action: 'sign-in.link', subjectType: 'member', subjectId: actor.id, ipAddress: meta.ip }, now);
	return { ok: true as const, memberId: actor.id };
}

/** Emails a password reset link (1 hour) if the address belongs to an active member. */
export function requestPasswordReset(email: string, now = Date.now()) {
	const m = members.findByEmail(email);
	if (!m || m.deactivatedAt != null || emailLimited('reset', email, now)) return;
	const token = tokens.issue('reset', m.id, {}, now);
	const content = renderEmail({
		heading: 'Reset your password',
		blocks: [
			{ kind: 'paragraph', text: `Hello ${m.name}, someone asked to reset the password for your Lead Member Network account.` },
			{ kind: 'button', text: 'Choose a new password', href: `/reset/${token}` },
			{ kind: 'paragraph', text: 'The link works once and expires in 1 hour. If you did not ask for this, you can ignore this email: your password has not changed.' }
		],
		reason: 'You received this email because a password reset was asked for this address.'
	});
	outbox.enqueue({ key: `reset:${m.id}:${now}`, kind: 'password-reset', to: m.email, recipientId: m.id, subject: 'Reset your Lead Member Network password', ...content }, now);
}

export type PasswordResult = { ok: true; memberId: number } | { ok: false; field: 'password' | 'token'; message: string };

/** Sets a new password from a reset link; ends every session of the member. */
export async function resetPassword(token: string, password: string, meta: { ip: string }, now = Date.now()): Promise<PasswordResult> {
	const problem = passwordProblem(password);
	if (problem) return { ok: false, field: 'password', message: problem };
	const passwordHash = await hashPassword(password);
	const state = tokens.consume('reset', token, now);
	if (!state.ok) return { ok: false, field: 'token', message: tokens.explain(state.reason, 'password reset') };
	members.setPasswordHash(state.token.memberId, passwordHash, now);
	endAllSessions(state.token.memberId);
	audit.record({ actorId: state.token.memberId, action: 'password.reset', subjectType: 'member', subjectId: state.token.memberId, ipAddress: meta.ip }, now);
	return { ok: true, memberId: state.token.memberId };
}

const recheckKey = (memberId: number) => `password-recheck-fail:${memberId}`;
const RECHECK_LIMITED = 'There have been too many wrong passwords. Wait 15 minutes and try again.';

/**
 * Checks a signed-in member's password before a change to their account. Wrong answers are
 * counted like failed sign-ins, so a borrowed session cannot be used to guess the password.
 */
async function recheckPassword(memberId: number, password: string, now = Date.now()): Promise<'ok' | 'wrong' | 'limited'> {
	if (limits.isLimited(recheckKey(memberId), FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS, now)) return 'limited';
	const m = members.byId(memberId);
	if (m && (await verifyPassword(m.passwordHash, password))) return 'ok';
	limits.record(recheckKey(memberId), now);
	return 'wrong';
}

/** Changes the password of a signed-in member; ends their other sessions. */
export async function changePassword(memberId: number, sessionId: string, current: string, next: string, meta: { ip: string }): Promise<{ ok: true } | { ok: false; field: 'current' | 'password'; message: string }> {
	const check = await recheckPassword(memberId, current);
	if (check !== 'ok') return { ok: false, field: 'current', message: check === 'limited' ? RECHECK_LIMITED : 'Your current password is not right' };
	const problem = passwordProblem(next);
	if (problem) return { ok: false, field: 'password', message: problem };
	members.setPasswordHash(memberId, await hashPassword(next));
	endAllSessions(memberId, sessionId);
	audit.record({ actorId: memberId, action: 'password.changed', subjectType: 'member', subjectId: memberId, ipAddress: meta.ip });
	return { ok: true };
}

/** Starts an email change: checks the password, then sends a confirmation link to the new address. */
export async function requestEmailChange(memberId: number, password: string, newEmail: string, now = Date.now()): Promise<{ ok: true } | { ok: false; field: 'password' | 'email'; message: string }> {
	const check = await recheckPassword(memberId, password, now);
	if (check !== 'ok') return { ok: false, field: 'password', message: check === 'limited' ? RECHECK_LIMITED : 'Your password is not right' };
	const m = members.byId(memberId)!;
	const email = members.normaliseEmail(newEmail);
	if (email === m.email) return { ok: false, field: 'email', message: 'That is already your email address' };
	if (members.findByEmail(email)) return { ok: false, field: 'email', message: 'That email address is used by another member' };
	const token = tokens.issue('email-change', m.id, { email }, now);
	const content = renderEmail({
		heading: 'Confirm your new email address',
		blocks: [
			{ kind: 'paragraph', text: `Hello ${m.name}, confirm that you want Lead Member Network emails sent to this address.` },
			{ kind: 'button', text: 'Confirm this email address', href: `/settings/email/confirm/${token}` },
			{ kind: 'paragraph', text: 'The link works once and expires in 24 hours. Until you confirm, we keep using your old address.' }
		],
		reason: 'You received this email because a member asked to use this address for the Lead Member Network.'
	});
	outbox.enqueue({ key: `email-change:${m.id}:${now}`, kind: 'email-change', to: email, recipientId: m.id, subject: 'Confirm your new email address', ...content }, now);
	return { ok: true };
}

/** Completes an email change from the link sent to the new address. */
export function confirmEmailChange(token: string, meta: { ip: string }, now = Date.now()) {
	const state = tokens.consume('email-change', token, now);
	if (!state.ok) return { ok: false as const, message: tokens.explain(state.reason, 'email confirmation') };
	const email = state.token.email!;
	if (members.findByEmail(email)) return { ok: false as const, message: 'That email address is now used by another member' };
	members.setEmail(state.token.memberId, email, now);
	audit.record({ actorId: state.token.memberId, action: 'email.changed', subjectType: 'member', subjectId: state.token.memberId, ipAddress: meta.ip, detail: { to: email } }, now);
	return { ok: true as const };
}
