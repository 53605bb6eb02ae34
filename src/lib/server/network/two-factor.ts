/**
 * Two-factor sign-in with an authenticator app: TOTP (RFC 6238 — HMAC-SHA-1, 6 digits,
 * 30-second steps) through @oslojs/otp, with one step of clock skew either side.
 *
 * - Setting up: a new key is kept as `pendingKey` and shown as a QR code (SVG made on the
 *   server) and as text; the first correct code confirms it, turns two-factor on and makes ten
 *   recovery codes. Moving to a new app works the same way and replaces the old key.
 * - Codes are single use: the time-step of the last accepted code is stored and a code for that
 *   step or an earlier one is refused, so a code seen over someone's shoulder cannot be replayed.
 * - Wrong codes are counted like wrong passwords (per member and per address), plus a daily cap.
 * - Sessions: a session of a member with two-factor counts only once a code was given in it
 *   (`session.mfaVerifiedAt` at or after `enabledAt`); until then `sessionGate` says 'pending'
 *   and hooks.server.ts lets it reach only /login/two-factor. Coordinators and admins must have
 *   two-factor: `setupRequired` sends them to the set-up page until they do.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { generateHOTP, verifyHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { renderSVG } from 'uqr';
import { config } from '../config';
import { db, immediate, prepared } from '../db/client';
import { twoFactor, type Session } from '../db/schema';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/policy';
import * as audit from '../auth/audit';
import * as limits from '../auth/rate-limit';
import * as recovery from '../auth/recovery-codes';
import * as devices from '../auth/trusted-devices';
import { endAllSessions, markMfaVerified } from '../auth/session';
import { sendSecurityNotice } from './security-email';
import * as members from './members';
import { isoDate } from '../../time';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of clock difference accepted either side of now. */
export const SKEW_STEPS = 1;
export const ISSUER = 'Lead Member Network';
/** A session waiting for a code is ended if no code comes within this time. */
export const PENDING_SESSION_TTL_MS = 15 * 60 * 1000;
/** A key being set up is replaced by a new one after this long. */
const PENDING_KEY_TTL_MS = 60 * 60 * 1000;
/** Wrong codes: like passwords, per member and per address in 15 minutes … */
export const CODE_FAILURES_PER_WINDOW = 10;
export const CODE_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** … and at most this many in a day, after which the member is told by email. */
export const CODE_FAILURES_PER_DAY = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// TOTP itself (pure functions)

/** The TOTP time-step containing an instant. */
export function timeStep(now: number): number {
	return Math.floor(now / (TOTP_PERIOD_SECONDS * 1000));
}

/** The 6-digit code for the step containing `now`. */
export function codeAt(key: Uint8Array, now: number): string {
	return generateHOTP(key, BigInt(timeStep(now)), TOTP_DIGITS);
}

/** A code as typed ("123 456", "123-456") in its plain form. */
export function normaliseCode(input: string): string {
	return input.replace(/[\s-]+/g, '');
}

export type StepMatch = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' };

/**
 * Checks a code against the steps now-1, now, now+1. A code that matches a step at or before
 * `lastUsedStep` has been used (or is older than one that was) and is refused as 'reused'.
 */
export function matchStep(key: Uint8Array, input: string, now: number, lastUsedStep: number | null): StepMatch {
	const code = normaliseCode(input);
	if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
	const current = timeStep(now);
	let reused = false;
	for (let step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
		if (!verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) continue;
		if (lastUsedStep != null && step <= lastUsedStep) {
			reused = true;
			continue;
		}
		return { ok: true, step };
	}
	return { ok: false, reason: reused ? 'reused' : 'invalid' };
}

/** A new random key: 20 bytes (160 bits), as RFC 4226 recommends. */
export function newKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

/** A key as the base32 text people type into an authenticator app. */
export function encodeSecret(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

/** Base32 text (spaces and case ignored) back to a key. */
export function decodeSecret(secret: string): Uint8Array {
	return decodeBase32IgnorePadding(secret.replace(/\s+/g, '').toUpperCase());
}

/** The secret in groups of four, easier to type: "LEAD MEMB ER…". */
export function groupSecret(secret: string): string {
	return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function keyUri(accountName: string, key: Uint8Array): string {
	return createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The QR code of a URI as SVG markup (made on the server; no script, no external request). */
export function qrSvg(uri: string): string {
	return renderSVG(uri, { ecc: 'M', border: 2, pixelSize: 6 });
}

// ---------------------------------------------------------------------------------------------
// State

/** Coordinators and admins must use two-factor. */
export function requiredFor(role: string): boolean {
	return role === 'coordinator' || role === 'admin';
}

function row(memberId: number) {
	return db.select().from(twoFactor).where(eq(twoFactor.memberId, memberId)).get() ?? null;
}

const enabledQuery = prepared(() => db.select({ key: twoFactor.key, enabledAt: twoFactor.enabledAt }).from(twoFactor).where(eq(twoFactor.memberId, sql.placeholder('memberId'))).prepare());

/** When two-factor was turned on for a member (null when it is off). Asked on every request, so prepared once. */
export function enabledAt(memberId: number): number | null {
	const r = enabledQuery().get({ memberId });
	return r?.key && r.enabledAt != null ? r.enabledAt : null;
}

/** Whether a member has two-factor turned on. */
export function isEnabled(memberId: number): boolean {
	return enabledAt(memberId) != null;
}

/** A coordinator or admin without two-factor: they may only reach the set-up page. */
export function setupRequired(user: { id: number; role: string }): boolean {
	return requiredFor(user.role) && !isEnabled(user.id);
}

export type TwoFactorStatus = {
	enabled: boolean;
	enabledAt: number | null;
	required: boolean;
	recoveryCodesLeft: number;
	rememberedBrowsers: number;
};

/** What the settings page shows. */
export function status(user: { id: number; role: string }, now = Date.now()): TwoFactorStatus {
	const at = enabledAt(user.id);
	return {
		enabled: at != null,
		enabledAt: at,
		required: requiredFor(user.role),
		recoveryCodesLeft: at != null ? recovery.remaining(user.id) : 0,
		rememberedBrowsers: at != null ? devices.countFor(user.id, now) : 0
	};
}

export type Gate = 'ok' | 'pending' | 'expired';

/**
 * What a validated session may do: 'ok' (no two-factor, or a code was given in it — or it is
 * on a remembered browser, which marks it verified now), 'pending' (waiting for a code) or
 * 'expired' (waited too long: end it).
 */
export function sessionGate(memberId: number, s: Pick<Session, 'id' | 'createdAt' | 'mfaVerifiedAt'>, deviceToken: string | undefined, now = Date.now()): Gate {
	const since = enabledAt(memberId);
	if (since == null) return 'ok';
	if (s.mfaVerifiedAt != null && s.mfaVerifiedAt >= since) return 'ok';
	if (deviceToken && devices.check(memberId, deviceToken, now)) {
		markMfaVerified(s.id, now);
		s.mfaVerifiedAt = now;
		return 'ok';
	}
	return now - s.createdAt > PENDING_SESSION_TTL_MS ? 'expired' : 'pending';
}

// ---------------------------------------------------------------------------------------------
// Checking a code (sign-in, re-authentication, confirming a deletion)

export type CodeResult =
	| { ok: true; method: 'app' | 'recovery'; recoveryCodesLeft: number }
	| { ok: false; reason: 'invalid' | 'reused' | 'limited' | 'not-enabled'; message: string };

const memberKey = (id: number) => `two-factor-fail:member:${id}`;
const addressKey = (ip: string) => `two-factor-fail:ip:${ip}`;
const dayKey = (id: number) => `two-factor-fail:day:${id}`;

const MESSAGES = {
	invalid: 'Enter the 6-digit code shown in your authenticator app now, or one of your recovery codes',
	reused: 'That code has already been used. Wait for your app to show a new code and enter that',
	limited: 'There have been too many wrong codes. Wait 15 minutes and try again, or use a recovery code later',
	'not-enabled': 'Two-factor authentication is not turned on for this account'
} as const;

function regionOf(memberId: number): string | null {
	return members.actorById(memberId)?.regionId ?? members.profile(memberId)?.regionId ?? null;
}

function limited(memberId: number, ip: string, now: number): boolean {
	return (
		limits.isLimited(memberKey(memberId), CODE_FAILURES_PER_WINDOW, CODE_FAILURE_WINDOW_MS, now) ||
		limits.isLimited(dayKey(memberId), CODE_FAILURES_PER_DAY, DAY_MS, now) ||
		limits.isLimited(addressKey(ip), config().signInFailuresPerAddress, CODE_FAILURE_WINDOW_MS, now)
	);
}

function countFailure(memberId: number, ip: string, now: number) {
	limits.record(memberKey(memberId), now);
	limits.record(dayKey(memberId), now);
	limits.record(addressKey(ip), now);
	if (limits.countRecent(dayKey(memberId), DAY_MS, now) === CODE_FAILURES_PER_DAY) {
		sendSecurityNotice(
			memberId,
			{
				key: `two-factor-attempts:${memberId}:${isoDate(now)}`,
				subject: 'Wrong two-factor codes were entered for your account',
				heading: 'Someone entered many wrong codes',
				paragraphs: [
					'Someone who knew your password entered many wrong two-factor codes for your Lead Member Network account today. We have stopped accepting codes for now.',
					'If it was not you, your password is known to someone else: change it as soon as you can.'
				],
				action: { text: 'Change your password', href: '/settings/account' }
			},
			now
		);
	}
}

/**
 * Checks a code from the authenticator app, or a recovery code, for a member with two-factor
 * on. Counts wrong codes; an accepted app code moves `lastUsedStep` forward atomically, so two
 * requests racing with the same code cannot both succeed.
 */
export function verifyCode(memberId: number, input: string, meta: { ip: string; purpose: 'sign-in' | 'reauth' | 'delete' }, now = Date.now()): CodeResult {
	const r = row(memberId);
	if (!r?.key || r.enabledAt == null) return { ok: false, reason: 'not-enabled', message: MESSAGES['not-enabled'] };
	const regionId = regionOf(memberId);
	if (limited(memberId, meta.ip, now)) {
		audit.record({ actorId: memberId, action: 'two-factor.limited', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip, detail: { purpose: meta.purpose } }, now);
		return { ok: false, reason: 'limited', message: MESSAGES.limited };
	}
	const key = new Uint8Array(r.key);
	if (recovery.looksLikeRecoveryCode(input)) {
		if (recovery.consume(memberId, input, now)) {
			limits.clear(memberKey(memberId));
			const left = recovery.remaining(memberId);
			audit.record({ actorId: memberId, action: 'two-factor.recovery-code-used', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip, detail: { purpose: meta.purpose, left } }, now);
			sendSecurityNotice(
				memberId,
				{
					key: `recovery-code-used:${memberId}:${now}`,
					subject: 'A recovery code was used for your account',
					heading: 'A recovery code was used',
					paragraphs: [
						`One of your recovery codes was used to confirm it was you. You have ${left} left.`,
						left <= 3 ? 'You are running low: make a new set of recovery codes in your two-factor settings.' : 'Each code works once.'
					],
					action: { text: 'Go to your two-factor settings', href: '/settings/two-factor' }
				},
				now
			);
			return { ok: true, method: 'recovery', recoveryCodesLeft: left };
		}
		countFailure(memberId, meta.ip, now);
		audit.record({ actorId: memberId, action: 'two-factor.failed', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip, detail: { purpose: meta.purpose, method: 'recovery' } }, now);
		return { ok: false, reason: 'invalid', message: MESSAGES.invalid };
	}
	const match = matchStep(key, input, now, r.lastUsedStep);
	// Move the last used step forward only if no other request got there first.
	const accepted =
		match.ok &&
		db
			.update(twoFactor)
			.set({ lastUsedStep: match.step, updatedAt: now })
			.where(and(eq(twoFactor.memberId, memberId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, match.step))))
			.run().changes === 1;
	if (match.ok && accepted) {
		limits.clear(memberKey(memberId));
		if (meta.purpose !== 'sign-in') audit.record({ actorId: memberId, action: 'two-factor.code-accepted', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip, detail: { purpose: meta.purpose } }, now);
		return { ok: true, method: 'app', recoveryCodesLeft: recovery.remaining(memberId) };
	}
	const reason = match.ok ? 'reused' : match.reason;
	countFailure(memberId, meta.ip, now);
	audit.record({ actorId: memberId, action: 'two-factor.failed', subjectType: 'member', subjectId: memberId, regionId, ipAddress: meta.ip, detail: { purpose: meta.purpose, method: 'app', reason } }, now);
	return { ok: false, reason, message: MESSAGES[reason] };
}

/** Signs a session in with a code: checks it, marks the session verified, audits. */
export function completeSignIn(memberId: number, sessionId: string, input: string, meta: { ip: string }, now = Date.now()): CodeResult {
	const result = verifyCode(memberId, input, { ip: meta.ip, purpose: 'sign-in' }, now);
	if (result.ok) {
		markMfaVerified(sessionId, now);
		audit.record({ actorId: memberId, action: 'sign-in.two-factor', subjectType: 'member', subjectId: memberId, regionId: regionOf(memberId), ipAddress: meta.ip, detail: { method: result.method } }, now);
	}
	return result;
}

// ---------------------------------------------------------------------------------------------
// Setting up, changing and turning off

export type Setup = { secret: string; groupedSecret: string; uri: string; qrSvg: string; replacing: boolean };

/**
 * Starts setting up (or moving to a new app): keeps a pending key — the same one for an hour,
 * so reloading the page shows the same QR code — and returns what the page shows.
 */
export function beginSetup(actor: Actor, now = Date.now()): Setup {
	const m = members.byId(actor.id);
	if (!m) throw new Error('No such member');
	const r = row(actor.id);
	let key: Uint8Array;
	if (r?.pendingKey && r.pendingCreatedAt != null && now - r.pendingCreatedAt < PENDING_KEY_TTL_MS) {
		key = new Uint8Array(r.pendingKey);
	} else {
		key = newKey();
		db.insert(twoFactor)
			.values({ memberId: actor.id, pendingKey: Buffer.from(key), pendingCreatedAt: now, updatedAt: now })
			.onConflictDoUpdate({ target: twoFactor.memberId, set: { pendingKey: Buffer.from(key), pendingCreatedAt: now, updatedAt: now } })
			.run();
	}
	const secret = encodeSecret(key);
	const uri = keyUri(m.email, key);
	return { secret, groupedSecret: groupSecret(secret), uri, qrSvg: qrSvg(uri), replacing: r?.key != null && r.enabledAt != null };
}

export type ConfirmResult = { ok: true; recoveryCodes: string[]; replaced: boolean } | { ok: false; message: string };

/**
 * Confirms the pending key with a first code: turns two-factor on (or moves to the new app),
 * makes ten new recovery codes (shown once), marks this session verified and forgets
 * remembered browsers. Other sessions must give a code from the new app.
 */
export function confirmSetup(actor: Actor, sessionId: string, input: string, meta: { ip: string }, now = Date.now()): ConfirmResult {
	const r = row(actor.id);
	if (!r?.pendingKey || r.pendingCreatedAt == null || now - r.pendingCreatedAt >= PENDING_KEY_TTL_MS) {
		return { ok: false, message: 'The set-up has timed out. Scan the new QR code and enter the code it shows' };
	}
	const regionId = regionOf(actor.id);
	if (limited(actor.id, meta.ip, now)) return { ok: false, message: MESSAGES.limited };
	const match = matchStep(new Uint8Array(r.pendingKey), input, now, null);
	if (!match.ok) {
		countFailure(actor.id, meta.ip, now);
		return { ok: false, message: 'Enter the 6-digit code your authenticator app shows for the Lead Member Network' };
	}
	const replaced = r.key != null && r.enabledAt != null;
	const codes = immediate(() => {
		db.update(twoFactor)
			.set({ key: r.pendingKey, enabledAt: now, lastUsedStep: match.step, pendingKey: null, pendingCreatedAt: null, updatedAt: now })
			.where(eq(twoFactor.memberId, actor.id))
			.run();
		devices.forgetAll(actor.id);
		return recovery.generate(actor.id, now);
	});
	markMfaVerified(sessionId, now);
	limits.clear(memberKey(actor.id));
	audit.record({ actorId: actor.id, action: replaced ? 'two-factor.changed' : 'two-factor.enabled', subjectType: 'member', subjectId: actor.id, regionId, ipAddress: meta.ip }, now);
	sendSecurityNotice(
		actor.id,
		{
			key: `two-factor-on:${actor.id}:${now}`,
			subject: replaced ? 'Your account now uses a new authenticator app' : 'Two-factor authentication is now on',
			heading: replaced ? 'You moved to a new authenticator app' : 'Two-factor authentication is on',
			paragraphs: [
				replaced
					? 'Your Lead Member Network account now takes codes from your new authenticator app only. Codes from the old one no longer work, and your old recovery codes have been replaced.'
					: 'From now on, signing in to the Lead Member Network asks for a code from your authenticator app after your password.',
				'Keep your recovery codes somewhere safe: each one lets you in once if you lose your phone.'
			],
			action: { text: 'Go to your two-factor settings', href: '/settings/two-factor' }
		},
		now
	);
	return { ok: true, recoveryCodes: codes, replaced };
}

/** Makes a new set of recovery codes (the old ones stop working); returns them, shown once. */
export function regenerateRecoveryCodes(actor: Actor, meta: { ip: string }, now = Date.now()): string[] | null {
	if (!isEnabled(actor.id)) return null;
	const codes = recovery.generate(actor.id, now);
	audit.record({ actorId: actor.id, action: 'two-factor.recovery-codes-created', subjectType: 'member', subjectId: actor.id, regionId: regionOf(actor.id), ipAddress: meta.ip }, now);
	sendSecurityNotice(
		actor.id,
		{
			key: `recovery-codes:${actor.id}:${now}`,
			subject: 'You have new recovery codes',
			heading: 'New recovery codes were made',
			paragraphs: ['A new set of ten recovery codes was made for your account. Your earlier codes no longer work.']
		},
		now
	);
	return codes;
}

export type TurnOffResult = { ok: true } | { ok: false; message: string };

/** A member turns two-factor off (not allowed for coordinators and admins, who must keep it). */
export function turnOff(actor: Actor, meta: { ip: string }, now = Date.now()): TurnOffResult {
	if (requiredFor(actor.role)) return { ok: false, message: 'Coordinators and admins must use two-factor authentication, so it cannot be turned off. You can move to a new authenticator app instead.' };
	if (!isEnabled(actor.id)) return { ok: false, message: MESSAGES['not-enabled'] };
	removeFor(actor.id);
	audit.record({ actorId: actor.id, action: 'two-factor.disabled', subjectType: 'member', subjectId: actor.id, regionId: regionOf(actor.id), ipAddress: meta.ip }, now);
	sendSecurityNotice(
		actor.id,
		{
			key: `two-factor-off:${actor.id}:${now}`,
			subject: 'Two-factor authentication is now off',
			heading: 'Two-factor authentication is off',
			paragraphs: ['Signing in to your Lead Member Network account now needs only your password. You can turn two-factor authentication on again at any time.'],
			action: { text: 'Go to your two-factor settings', href: '/settings/two-factor' }
		},
		now
	);
	return { ok: true };
}

function removeFor(memberId: number) {
	immediate(() => {
		db.delete(twoFactor).where(eq(twoFactor.memberId, memberId)).run();
		recovery.removeAll(memberId);
		devices.forgetAll(memberId);
	});
}

/**
 * An admin turns off two-factor for a member who lost their phone and recovery codes. Ends all
 * their sessions; a coordinator or admin will be asked to set it up again when they sign in.
 */
export function resetByAdmin(actor: Actor, memberId: number, meta: { ip: string }, now = Date.now()): boolean {
	const target = members.profile(memberId);
	if (!target) return false;
	authorize(actor, 'member.manage', { id: memberId, regionId: target.regionId });
	if (!isEnabled(memberId)) return false;
	removeFor(memberId);
	const ended = endAllSessions(memberId);
	audit.record({ actorId: actor.id, action: 'two-factor.reset-by-admin', subjectType: 'member', subjectId: memberId, regionId: target.regionId, ipAddress: meta.ip, detail: { sessionsEnded: ended } }, now);
	sendSecurityNotice(
		memberId,
		{
			key: `two-factor-reset:${memberId}:${now}`,
			subject: 'An admin turned off two-factor authentication for your account',
			heading: 'Two-factor authentication was turned off',
			paragraphs: [
				'A network admin turned off two-factor authentication for your account, usually because you asked for help after losing your phone. You have been signed out everywhere.',
				'Sign in with your password and set up your authenticator app again.'
			],
			action: { text: 'Sign in', href: '/login' }
		},
		now
	);
	return true;
}

/** Forgets every remembered browser of the member (they will be asked for a code again). */
export function forgetBrowsers(actor: Actor, meta: { ip: string }, now = Date.now()): number {
	const n = devices.forgetAll(actor.id);
	audit.record({ actorId: actor.id, action: 'two-factor.browsers-forgotten', subjectType: 'member', subjectId: actor.id, regionId: regionOf(actor.id), ipAddress: meta.ip, detail: { forgotten: n } }, now);
	return n;
}

/** The demo's fixed key (documented in the README so people can add it to an app). */
export const DEMO_TOTP_SECRET = 'LEADMEMBERNETWORKDEMOTWOFACTOR22';

/** Turns two-factor on with a given key (demo seeding only). */
export function enableWithKey(memberId: number, key: Uint8Array, now = Date.now()) {
	db.insert(twoFactor)
		.values({ memberId, key: Buffer.from(key), enabledAt: now, updatedAt: now })
		.onConflictDoUpdate({ target: twoFactor.memberId, set: { key: Buffer.from(key), enabledAt: now, lastUsedStep: null, pendingKey: null, pendingCreatedAt: null, updatedAt: now } })
		.run();
}
