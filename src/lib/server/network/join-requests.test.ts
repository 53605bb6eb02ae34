import { describe, expect, it } from 'vitest';
import { authorityId, makeMember } from '../../../../tests/support/members';
import * as outbox from '../mail/outbox';
import * as joinRequests from './join-requests';
import * as invites from './invites';
import { config } from '../config';

let n = 0;
const address = () => `applicant-${++n}-${Math.random().toString(36).slice(2, 7)}@council.example.org`;

/** Submits a request and returns its id (as the coordinator would see it). */
function ask(authority: string, email = address()) {
	joinRequests.submit({ name: `Applicant ${n}`, email, authorityId: authorityId(authority), position: 'deputy', message: 'I became deputy Lead Member in May.' }, { ip: `192.0.2.${n}` });
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
		expect(joinRequests.submit({ name: 'Existing', email: c.member.email, authorityId: c.member.authorityId, position: 'other', message: '' }, { ip: '198.51.100.40' })).toEqual({ ok: true });
		expect(pendingId(c.admin.actor, c.member.email)).toBeUndefined();
	});

	it('keeps one pending request per address', () => {
		const c = cast();
		const email = ask('Lancashire');
		ask('Lancashire', email);
		expect(joinRequests.listPending(c.admin.actor).filter((r) => r.request.email === email)).toHaveLength(1);
	});
});

describe('a flood of requests', () => {
	const T0 = Date.parse('2026-11-23T09:00:00Z');
	const request = (over: Partial<joinRequests.JoinInput> = {}) => ({ name: 'Pat Applicant', email: address(), authorityId: authorityId('Cumberland'), position: 'deputy', message: '', ...over });

	it('limits requests from one network address: 5 an hour, then the form says to wait', () => {
		const c = cast();
		const ip = '203.0.113.150';
		const results = Array.from({ length: 60 }, (_, i) => joinRequests.submit(request(), { ip }, T0 + i * 1500));
		expect(results.filter((r) => r.ok)).toHaveLength(config().joinRequestsPerAddress);
		expect(results.at(-1)).toEqual({ ok: false, reason: 'limited' });
		const stored = joinRequests.listPending(c.admin.actor).filter((r) => r.request.name === 'Pat Applicant');
		expect(stored).toHaveLength(config().joinRequestsPerAddress);
		// An hour later the address may ask again.
		expect(joinRequests.submit(request(), { ip }, T0 + 61 * 60_000)).toEqual({ ok: true });
	});

	it('holds repeated requests for one email address, from any number of addresses', () => {
		const c = cast();
		const email = address();
		for (let i = 0; i < 20; i++) expect(joinRequests.submit(request({ email, name: `Variant ${i}` }), { ip: `198.18.0.${i}` }, T0 + i)).toEqual({ ok: true });
		expect(joinRequests.listPending(c.admin.actor).filter((r) => r.request.email === email)).toHaveLength(1);
		expect(outbox.messagesTo(c.admin.email).filter((m) => m.kind === 'join-request' && m.text.includes('Variant'))).toHaveLength(1);
	});

	it('emails each coordinator and admin about at most 5 requests an hour; the rest wait on the page', () => {
		const c = cast();
		const before = outbox.messagesTo(c.admin.email, 500).filter((m) => m.kind === 'join-request').length;
		for (let i = 0; i < 12; i++) joinRequests.submit(request({ name: `Botnet ${i}`, authorityId: authorityId('Lancashire') }), { ip: `198.19.${i}.1` }, T0 + 2 * 60 * 60_000 + i);
		const after = outbox.messagesTo(c.admin.email, 500).filter((m) => m.kind === 'join-request').length;
		expect(after - before).toBeLessThanOrEqual(joinRequests.NOTICES_PER_RECIPIENT_PER_HOUR);
		expect(joinRequests.listPending(c.nw.actor).filter((r) => r.request.name.startsWith('Botnet'))).toHaveLength(12);
	});

	it('never puts the requester’s words in a subject line unquoted or long', () => {
		const c = cast();
		const name = 'WIN A PRIZE\r\nBcc: everyone@example.org — click https://evil.example/claim now';
		joinRequests.submit(request({ name, authorityId: authorityId('Cumberland') }), { ip: '198.20.0.1' }, T0 + 5 * 60 * 60_000);
		const mail = outbox.messagesTo(c.admin.email, 500).find((m) => m.kind === 'join-request' && m.text.includes('WIN A PRIZE'))!;
		expect(mail.subject).toBe('Request to join from “WIN A PRIZE Bcc: everyone@example.org —…”, Cumberland');
		expect(mail.subject).not.toMatch(/[\r\n]/);
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
