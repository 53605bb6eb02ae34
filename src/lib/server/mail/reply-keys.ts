/**
 * Reply addresses (issue 14): each email the network sends can be answered, and the address it
 * is answered to names the member and what the answer is for — a thread, a mentoring pairing's
 * meeting log, a proposal, a message held by the child-safety check (the member confirms it or
 * sends a new version) — or, for a member's own "ask" address, a new question (optionally in
 * a region). mail/ knows no area, so a target is a generic `{ kind, id }`.
 *
 * A key is `<kind><member>-<id or region>-<mac>`: the kind one letter, the numbers in base 36,
 * and the mac the first 128 bits of an HMAC-SHA256 (app secret) over the parts and the member's
 * key epoch, in lower-case base32 — so mail systems that lower-case local parts change nothing,
 * and nobody can make (or guess) a working address for someone else. `revokeKeys` raises the
 * epoch: every address made before stops working at once.
 *
 * The address is `reply+<key>@REPLY_DOMAIN` (`ask+…` for questions), or `<REPLY_MAILBOX>+<key>@…`
 * when one mailbox with plus-addressing receives everything (the IMAP way).
 */
import { eq, sql } from 'drizzle-orm';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { config } from '../config';
import { db, prepared } from '../db/client';
import { memberMailState } from '../db/schema';
import { hmac } from './secret';

export type ReplyTargetKind = 'thread' | 'pairing' | 'proposal' | 'held';
export type ReplyTarget = { kind: ReplyTargetKind; id: number };
export type ResolvedAddress =
	| { memberId: number; kind: ReplyTargetKind; id: number }
	| { memberId: number; kind: 'ask'; regionSlug?: string };

const LETTER: Record<ReplyTargetKind | 'ask', string> = { thread: 't', pairing: 'm', proposal: 'p', held: 'h', ask: 'a' };
const KIND_OF: Record<string, ReplyTargetKind | 'ask'> = { t: 'thread', m: 'pairing', p: 'proposal', h: 'held', a: 'ask' };

/** 128 bits of the mac: 26 base32 characters. */
const MAC_BYTES = 16;
const MAC_CHARS = 26;
const NATIONAL = 'n';

/** The member's current key epoch (0 until revoked once). */
export function keyEpoch(memberId: number): number {
	return epochQuery().get({ memberId })?.keyEpoch ?? 0;
}

const epochQuery = prepared(() =>
	db.select({ keyEpoch: memberMailState.keyEpoch }).from(memberMailState).where(eq(memberMailState.memberId, sql.placeholder('memberId'))).prepare()
);

/** The mac of a key's parts, in lower-case base32. `purpose` separates reply keys from other signed addresses. */
export function macFor(purpose: string, parts: string): string {
	return encodeBase32LowerCaseNoPadding(hmac(`${purpose}:${parts}`).subarray(0, MAC_BYTES));
}

/** Compares a given mac (any case) with the expected one in constant time. */
export function sameMac(given: string, expected: string): boolean {
	if (given.length !== MAC_CHARS || !/^[a-z2-7]+$/.test(given)) return false;
	try {
		const a = decodeBase32IgnorePadding(given.toUpperCase());
		const b = decodeBase32IgnorePadding(expected.toUpperCase());
		return a.length === b.length && constantTimeEqual(a, b);
	} catch {
		return false;
	}
}

function key(memberId: number, kind: ReplyTargetKind | 'ask', middle: string): string {
	if (!Number.isSafeInteger(memberId) || memberId <= 0) throw new Error(`Not a member id: ${memberId}`);
	const head = `${LETTER[kind]}${memberId.toString(36)}`;
	return `${head}-${middle}-${macFor('reply', `${head}-${middle}:${keyEpoch(memberId)}`)}`;
}

/** `<local>+<key>@domain`: the configured mailbox's local part when there is one. */
export function addressFor(local: string, key: string): string {
	const c = config().inbound;
	return `${c.mailbox ?? local}+${key}@${c.domain}`;
}

/** The address a member replies to, to post in a thread, add a note to a pairing's meeting log, answer a proposal, or confirm a held post. */
export function replyAddress(memberId: number, target: ReplyTarget): string {
	if (!Number.isSafeInteger(target.id) || target.id <= 0) throw new Error(`Not a ${target.kind} id: ${target.id}`);
	return addressFor('reply', key(memberId, target.kind, target.id.toString(36)));
}

/** The member's personal address for new questions (national), or for questions in a region. */
export function askAddress(memberId: number, regionSlug?: string): string {
	if (regionSlug != null && !/^[a-z][a-z-]{0,39}$/.test(regionSlug)) throw new Error(`Not a region: ${regionSlug}`);
	return addressFor('ask', key(memberId, 'ask', regionSlug ?? NATIONAL));
}

/** The key part of an address (`anything+<key>@anywhere`), lower-cased; null when there is none. */
export function keyOf(address: string): string | null {
	const bare = address.trim().replace(/^<(.*)>$/, '$1');
	const at = bare.lastIndexOf('@');
	const local = (at < 0 ? bare : bare.slice(0, at)).toLowerCase();
	const plus = local.indexOf('+');
	if (plus < 0 || local.length > 128) return null;
	return local.slice(plus + 1);
}

/**
 * Who and what an address is for; null for an address we did not make, one that was tampered
 * with, or one revoked since. Case-insensitive; the part before the `+` and the domain are not
 * checked (aliases and mailbox names vary), the key is.
 */
export function resolveAddress(address: string): ResolvedAddress | null {
	const k = keyOf(address);
	if (!k) return null;
	const m = /^([tmpha])([0-9a-z]{1,11})-([0-9a-z][0-9a-z-]{0,39})-([a-z2-7]{26})$/.exec(k);
	if (!m) return null;
	const [, letter, member36, middle, mac] = m;
	const memberId = parseInt(member36, 36);
	if (!Number.isSafeInteger(memberId) || memberId <= 0 || memberId.toString(36) !== member36) return null;
	const expected = macFor('reply', `${letter}${member36}-${middle}:${keyEpoch(memberId)}`);
	if (!sameMac(mac, expected)) return null;
	const kind = KIND_OF[letter];
	if (kind === 'ask') return middle === NATIONAL ? { memberId, kind } : { memberId, kind, regionSlug: middle };
	const id = parseInt(middle, 36);
	if (!Number.isSafeInteger(id) || id <= 0 || id.toString(36) !== middle) return null;
	return { memberId, kind, id };
}

/** Revokes every reply and ask address made for the member so far (new ones work). */
export function revokeKeys(memberId: number, now = Date.now()): void {
	db.insert(memberMailState)
		.values({ memberId, keyEpoch: 1, updatedAt: now })
		.onConflictDoUpdate({ target: memberMailState.memberId, set: { keyEpoch: sql`${memberMailState.keyEpoch} + 1`, updatedAt: now } })
		.run();
}
