import { describe, expect, it } from 'vitest';
import { authorityId, makeMember } from '../../../../tests/support/members';
import * as outbox from '../mail/outbox';
import * as joinRequests from './join-requests';
import * as invites from './invites';

let n = 0;
const address = () => `applicant-${++n}-${Math.random().toString(36).slice(2, 7)}@council.example.org`;

/** Submits a request and returns its id (as the coordinator would see it). */
function ask(authority: string, email = address()) {
	joinRequests.submit({ name: `Applicant ${n}`, email, authorityId: authorityId(authority), position: 'deputy', message: 'I became deputy Lead Member in May.' });
	return email;
}

const cast = () => ({
	admin: makeMember({ role: 'admin' }),
	nw: makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Salford' }),
	london: makeMember({ role: 'coordinator', coordinatorRegionId: 'london', authority: 'Camden' }),
	member: makeMember({ authority: 'Lancashire' })
});

const pendingId = (actor: Parameters<typeof joinRequests.listPending>[0], email: string) => joinRequests.listPending(actor).find((r) => r.request.email === email)?.request.id;

describe('asking to join', () => {
	it('tells the region’s coordinator and the admins, nobody else', () => {
		const c = cast();
		const email = ask('Lancashire');
		expect(outbox.messagesTo(c.nw.email).some((m) => m.kind === 'join-request' && m.text.includes('Lancashire'))).toBe(true);
		expect(outbox.messagesTo(c.admin.email).some((m) => m.kind === 'join-request')).toBe(true);
		expect(outbox.messagesTo(c.london.email)).toHaveLength(0);
		expect(outbox.messagesTo(c.member.email)).toHaveLength(0);
		expect(pendingId(c.nw.actor, email)).toBeDefined();
		expect(pendingId(c.admin.actor, email)).toBeDefined();
		expect(pendingId(c.london.actor, email)).toBeUndefined();
		expect(joinRequests.listPending(c.member.actor)).toEqual([]);
	});

	it('answers the same for an existing member and records nothing', () => {
		const c = cast();
		expect(joinRequests.submit({ name: 'Existing', email: c.member.email, authorityId: c.member.authorityId, position: 'other', message: '' })).toEqual({ ok: true });
		expect(pendingId(c.admin.actor, c.member.email)).toBeUndefined();
	});

	it('keeps one pending request per address', () => {
		const c = cast();
		const email = ask('Lancashire');
		ask('Lancashire', email);
		expect(joinRequests.listPending(c.admin.actor).filter((r) => r.request.email === email)).toHaveLength(1);
	});
});

describe('deciding', () => {
	it('approving sends an invitation to the applicant', () => {
		const c = cast();
		const email = ask('Lancashire');
		const id = pendingId(c.nw.actor, email)!;
		expect(joinRequests.approve(c.nw.actor, id)).toEqual({ ok: true });
		const mail = outbox.messagesTo(email).find((m) => m.kind === 'invite');
		expect(mail?.text).toMatch(/\/invite\/[a-z0-9]+/);
		expect(invites.listOpen(c.nw.actor).some((i) => i.email === email)).toBe(true);
		expect(pendingId(c.nw.actor, email)).toBeUndefined();
		expect(joinRequests.recentlyDecided(c.nw.actor).find((r) => r.request.id === id)?.request.status).toBe('approved');
	});

	it('declining sends a polite email and no invitation', () => {
		const c = cast();
		const email = ask('Lancashire');
		const id = pendingId(c.admin.actor, email)!;
		expect(joinRequests.forDecision(c.admin.actor, id)?.authorityName).toBe('Lancashire');
		expect(joinRequests.decline(c.admin.actor, id)).toEqual({ ok: true });
		const mails = outbox.messagesTo(email);
		expect(mails.map((m) => m.kind)).toEqual(['join-declined']);
		expect(mails[0].text).toMatch(/Thank you for asking to join/);
		expect(joinRequests.forDecision(c.admin.actor, id)).toBeNull();
	});

	it('another region’s coordinator and members cannot decide, and learn nothing', () => {
		const c = cast();
		const email = ask('Lancashire');
		const id = pendingId(c.admin.actor, email)!;
		for (const actor of [c.london.actor, c.member.actor]) {
			expect(joinRequests.forDecision(actor, id)).toBeNull();
			expect(joinRequests.approve(actor, id)).toEqual({ ok: false, message: 'That request could not be found' });
			expect(joinRequests.decline(actor, id)).toEqual({ ok: false, message: 'That request could not be found' });
		}
		expect(outbox.messagesTo(email)).toHaveLength(0);
		expect(pendingId(c.admin.actor, email)).toBe(id);
	});

	it('a request is decided once: the second decision changes nothing and sends nothing', () => {
		const c = cast();
		const email = ask('Lancashire');
		const id = pendingId(c.admin.actor, email)!;
		expect(joinRequests.approve(c.nw.actor, id).ok).toBe(true);
		expect(joinRequests.decline(c.admin.actor, id)).toEqual({ ok: false, message: 'That request was already approved' });
		expect(joinRequests.approve(c.admin.actor, id)).toEqual({ ok: false, message: 'That request was already approved' });
		expect(outbox.messagesTo(email).map((m) => m.kind)).toEqual(['invite']);
	});

	it('says unknown for a request that does not exist', () => {
		const c = cast();
		expect(joinRequests.approve(c.admin.actor, 987_654)).toEqual({ ok: false, message: 'That request could not be found' });
		expect(joinRequests.forDecision(c.admin.actor, 987_654)).toBeNull();
	});
});
