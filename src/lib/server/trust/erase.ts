/**
 * "Delete my account": after the member's password (and a two-factor code when they use one),
 * the account is removed in one transaction —
 *   1. each area erases its part (posts stay as "Former member"; mentoring notes of their
 *      pairings, their training log and so on go; checklist changes keep the action);
 *   2. the network's part goes (emails to them, invitations, join requests, counters) and
 *      their audit entries lose address and details;
 *   3. the member row is deleted (sessions, tokens, email choices, two-factor cascade);
 *   4. a last pass replaces any remaining mention of their email, @handle or name.
 * Their sessions end at once. One audit entry records that an account was deleted, without
 * anything that identifies the person.
 */
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as limits from '../auth/rate-limit';
import * as twoFactor from '../network/two-factor';
import { verifyPassword } from '../auth/password';
import { FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS } from '../network/accounts';
import { immediate } from '../db/client';
import * as members from '../network/members';
import { log } from '../log';
import { AREAS } from './areas';
import { deleteMemberRow, eraseNetworkData, nameIsShared } from './network-data';
import { scrubIdentity } from './scrub';

export type DeleteInput = { password: string; code?: string };

export type DeleteResult =
	| { ok: true }
	| { ok: false; field: 'password' | 'code' | 'form'; message: string };

const failKey = (memberId: number) => `delete-fail:${memberId}`;

/**
 * Removes a member's account and personal data (no checks: see `deleteAccount`). Synchronous,
 * in one BEGIN IMMEDIATE transaction: if any part fails, nothing changes.
 */
export function eraseMember(memberId: number, now = Date.now()): void {
	const m = members.byId(memberId);
	if (!m) return;
	const regionId = members.profile(memberId)?.regionId ?? null;
	const identity = { email: m.email, name: m.name, handle: m.handle, nameIsShared: nameIsShared(memberId, m.name) };
	immediate(() => {
		for (const area of AREAS) area.rights.eraseMember(memberId);
		eraseNetworkData(memberId);
		deleteMemberRow(memberId);
		scrubIdentity(identity);
		audit.record({ actorId: null, action: 'member.deleted', subjectType: 'member', subjectId: memberId, regionId, detail: { by: 'the member' } }, now);
	});
}

/**
 * A member deletes their own account. Checks the password (and a code when two-factor is on);
 * wrong answers are counted like failed sign-ins. Refuses anyone else's account (403).
 */
export async function deleteAccount(actor: Actor, memberId: number, input: DeleteInput, meta: { ip: string }, now = Date.now()): Promise<DeleteResult> {
	authorize(actor, 'member.delete', { id: memberId });
	if (limits.isLimited(failKey(memberId), FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS, now)) {
		return { ok: false, field: 'password', message: 'There have been too many wrong passwords. Wait 15 minutes and try again.' };
	}
	const m = members.byId(memberId);
	if (!m) return { ok: false, field: 'form', message: 'Your account could not be found. It may already have been deleted.' };
	if (!(await verifyPassword(m.passwordHash, input.password))) {
		limits.record(failKey(memberId), now);
		audit.record({ actorId: memberId, action: 'member.delete-refused', subjectType: 'member', subjectId: memberId, regionId: actor.regionId, ipAddress: meta.ip, detail: { reason: 'password' } }, now);
		return { ok: false, field: 'password', message: 'Your password is not right' };
	}
	if (twoFactor.isEnabled(memberId)) {
		if (!input.code) return { ok: false, field: 'code', message: 'Enter the code from your authenticator app' };
		const code = twoFactor.verifyCode(memberId, input.code, { ip: meta.ip, purpose: 'delete' }, now);
		if (!code.ok) return { ok: false, field: 'code', message: code.message };
	}
	try {
		eraseMember(memberId, now);
	} catch (err) {
		log.error('account deletion failed', { memberId, error: err instanceof Error ? err.stack : String(err) });
		return { ok: false, field: 'form', message: 'Sorry, your account could not be deleted because of a problem on our side. Nothing has been changed. Try again later, or ask a network admin.' };
	}
	return { ok: true };
}
