import { describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { db } from '../db/client';
import { auditEvent, outboxMessage } from '../db/schema';
import { authorityId as authorityIdOf, makeMember } from '../../../../tests/support/members';
import * as checklists from './checklists';
import * as reminders from './reminders';
import { status } from '../../../../tests/support/succession';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

describe('reminders', () => {
	const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west', name: 'Reminding Coordinator' });
	const lead = makeMember({ authority: 'Wigan', name: 'Wigan Lead' });
	const deputy = makeMember({ authority: 'Wigan', name: 'Wigan Deputy' });
	const neighbour = makeMember({ authority: 'Bolton', name: 'Bolton Lead' });
	const v = checklists.view(lead.actor, lead.authorityId, NOW);
	const first = v.sections[0].items[0];
	checklists.updateItem(lead.actor, lead.authorityId, first.key, first.version, { status: 'done' }, {}, NOW);
	const second = v.sections[0].items[1];
	checklists.updateItem(lead.actor, lead.authorityId, second.key, second.version, { dueDate: '2026-11-01' }, {}, NOW);

	it('previews the recipients and open items', () => {
		const p = reminders.preview(coordinator.actor, lead.authorityId, NOW);
		expect(p.recipients.map((r) => r.name).sort()).toEqual(['Wigan Deputy', 'Wigan Lead']);
		expect(p.summary.openItems).toHaveLength(v.sections.flatMap((s) => s.items).length - 1);
		expect(p.sentToday).toBeNull();
	});

	it('emails each of the authority’s members through the outbox with the open items, once per day', () => {
		const r = reminders.send(coordinator.actor, lead.authorityId, 'Please look at this before the group meeting.', { ip: '198.51.100.7' }, NOW);
		expect(r).toEqual({ ok: true, recipients: 2 });
		const mails = db.select().from(outboxMessage).where(like(outboxMessage.idempotencyKey, `succession-reminder:${lead.authorityId}:%`)).all();
		expect(mails.map((m) => m.toAddress).sort()).toEqual([lead.email, deputy.email].sort());
		expect(mails.every((m) => m.idempotencyKey.startsWith(`succession-reminder:${lead.authorityId}:2026-11-23:member:`))).toBe(true);
		const mail = mails[0];
		expect(mail.subject).toBe(`Succession checklist for Wigan: ${v.sections.flatMap((s) => s.items).length - 1} items still open`);
		expect(mail.text).toContain('Reminding Coordinator, who coordinates the North West network');
		expect(mail.text).toContain('Please look at this before the group meeting.');
		expect(mail.text).toContain(second.title);
		expect(mail.text).toContain('overdue');
		expect(mail.text).not.toContain(first.title);
		expect(mail.html).toContain(`/succession/${lead.authorityId}`);
		// one-click unsubscribe from these reminders (RFC 8058)
		expect(mail.headers?.['List-Unsubscribe']).toMatch(/^<http.*\/unsubscribe\/[^>]+\/one-click>$/);
		expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(mail.headers?.['List-Id']).toContain('succession');
		// never to members of another authority
		expect(mails.some((m) => m.toAddress === neighbour.email)).toBe(false);
		// the same day again: refused with a message, no new mail
		const again = reminders.send(coordinator.actor, lead.authorityId, '', {}, NOW + 3600_000);
		expect(again).toMatchObject({ ok: false, errors: { form: expect.stringContaining('already gone to Wigan today') } });
		expect(db.select().from(outboxMessage).where(like(outboxMessage.idempotencyKey, `succession-reminder:${lead.authorityId}:%`)).all()).toHaveLength(2);
		expect(reminders.preview(coordinator.actor, lead.authorityId, NOW).sentToday).toMatchObject({ sentByName: 'Reminding Coordinator', recipientCount: 2 });
		// the next day it can go again
		expect(reminders.send(coordinator.actor, lead.authorityId, '', {}, NOW + DAY)).toEqual({ ok: true, recipients: 2 });
		const audits = db.select().from(auditEvent).where(eq(auditEvent.action, 'checklist.reminder-sent')).all();
		expect(audits).toHaveLength(2);
		expect(audits[0]).toMatchObject({ actorId: coordinator.id, subjectId: String(lead.authorityId), regionId: 'north-west', ipAddress: '198.51.100.7' });
	});

	it('refuses long messages, authorities with no one to remind and checklists with nothing open', () => {
		expect(reminders.send(coordinator.actor, lead.authorityId, 'x'.repeat(1_001), {}, NOW + 5 * DAY)).toMatchObject({ ok: false, errors: { message: 'Enter a message of at most 1,000 characters' } });
		const nobody = reminders.send(coordinator.actor, authorityIdOf('Halton'), '', {}, NOW);
		expect(nobody).toMatchObject({ ok: false, errors: { form: expect.stringContaining('no one to remind') } });
		const finished = makeMember({ authority: 'Knowsley' });
		for (const it of checklists.view(finished.actor, finished.authorityId, NOW).sections.flatMap((s) => s.items)) {
			checklists.updateItem(finished.actor, finished.authorityId, it.key, it.version, { status: 'done' }, {}, NOW);
		}
		expect(reminders.send(coordinator.actor, finished.authorityId, '', {}, NOW)).toMatchObject({ ok: false, errors: { form: expect.stringContaining('nothing to remind them about') } });
	});

	it('lets only the region’s coordinator and admins remind; 404 for those who cannot see the checklist', () => {
		const otherCoordinator = makeMember({ authority: 'Leeds', role: 'coordinator', coordinatorRegionId: 'yorkshire-humber' });
		const admin = makeMember({ authority: 'Westminster', role: 'admin' });
		expect(status(() => reminders.send(lead.actor, lead.authorityId, '', {}, NOW))).toBe(403);
		expect(status(() => reminders.preview(lead.actor, lead.authorityId, NOW))).toBe(403);
		expect(status(() => reminders.send(neighbour.actor, lead.authorityId, '', {}, NOW))).toBe(404);
		expect(status(() => reminders.send(otherCoordinator.actor, lead.authorityId, '', {}, NOW))).toBe(404);
		expect(reminders.preview(admin.actor, lead.authorityId, NOW).recipients).toHaveLength(2);
	});
});
