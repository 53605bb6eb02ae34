import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { db } from '../db/client';
import { auditEvent, emailToken, outboxMessage, session } from '../db/schema';
import * as audit from '../auth/audit';
import * as outbox from '../mail/outbox';
import * as tokens from '../auth/tokens';
import * as twoFactor from '../network/two-factor';
import * as devices from '../auth/trusted-devices';
import { createSession, endSession, purgeExpiredSessions } from '../auth/session';
import { makeMember } from '../../../../tests/support/members';
import { AUDIT_DAYS, EMAIL_BODY_DAYS, runRetention } from './retention';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

describe('retention', () => {
	it('empties email bodies 90 days after sending, keeping headers and status', () => {
		const m = makeMember();
		const old = outbox.enqueue({ key: `ret-old-${m.id}`, kind: 'mention', to: m.email, recipientId: m.id, subject: 'Old news', text: 'old body', html: '<p>old</p>', headers: { 'List-Id': 'x' } }, NOW - 100 * DAY).id;
		const recent = outbox.enqueue({ key: `ret-new-${m.id}`, kind: 'mention', to: m.email, recipientId: m.id, subject: 'New news', text: 'new body', html: '<p>new</p>' }, NOW - 10 * DAY).id;
		db.update(outboxMessage).set({ status: 'sent', sentAt: NOW - (EMAIL_BODY_DAYS + 1) * DAY }).where(eq(outboxMessage.id, old)).run();
		db.update(outboxMessage).set({ status: 'sent', sentAt: NOW - 10 * DAY }).where(eq(outboxMessage.id, recent)).run();
		runRetention(NOW);
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.id, old)).get()).toMatchObject({ text: '', html: '', subject: 'Old news', status: 'sent', headers: { 'List-Id': 'x' } });
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.id, recent)).get()).toMatchObject({ text: 'new body' });
	});

	it('ends sessions left waiting for a code, but not verified ones or those of members without two-factor', () => {
		const m = makeMember();
		const plain = makeMember();
		const s = createSession(m.id, {}, NOW - 2 * DAY);
		const setup = twoFactor.beginSetup(m.actor, NOW - 2 * DAY);
		twoFactor.confirmSetup(m.actor, s.session.id, generateHOTP(twoFactor.decodeSecret(setup.secret), BigInt(Math.floor((NOW - 2 * DAY) / 30_000)), 6), { ip: 'x' }, NOW - 2 * DAY);
		const waiting = createSession(m.id, {}, NOW - 20 * 60_000);
		const fresh = createSession(m.id, {}, NOW - 60_000);
		const other = createSession(plain.id, {}, NOW - DAY);
		expect(runRetention(NOW).pendingSessions).toBe(1);
		const ids = db.select({ id: session.id }).from(session).all().map((r) => r.id);
		expect(ids).not.toContain(waiting.session.id);
		for (const kept of [s.session.id, fresh.session.id, other.session.id]) expect(ids).toContain(kept);
	});

	it('forgets expired remembered browsers and deletes audit entries older than two years', () => {
		const m = makeMember();
		devices.remember(m.id, 'ua', NOW - 31 * DAY);
		devices.remember(m.id, 'ua', NOW - DAY);
		audit.record({ actorId: m.id, action: 'sign-in', subjectType: 'member', subjectId: m.id }, NOW - (AUDIT_DAYS + 1) * DAY);
		audit.record({ actorId: m.id, action: 'sign-in', subjectType: 'member', subjectId: m.id }, NOW - 10 * DAY);
		const r = runRetention(NOW);
		expect(r.rememberedBrowsers).toBeGreaterThanOrEqual(1);
		expect(devices.countFor(m.id, NOW)).toBe(1);
		expect(db.select().from(auditEvent).where(eq(auditEvent.actorId, m.id)).all()).toHaveLength(1);
	});

	it('ended sessions are gone at once; expired sessions and used tokens are purged by housekeeping', () => {
		const m = makeMember();
		const s = createSession(m.id, {}, NOW);
		endSession(s.session.id);
		expect(db.select().from(session).where(eq(session.id, s.session.id)).get()).toBeUndefined();
		createSession(m.id, {}, NOW - 40 * DAY);
		expect(purgeExpiredSessions(NOW)).toBeGreaterThanOrEqual(1);
		const t = tokens.issue('reset', m.id, {}, NOW);
		tokens.consume('reset', t, NOW);
		tokens.purge(NOW);
		expect(db.select().from(emailToken).where(eq(emailToken.memberId, m.id)).all()).toHaveLength(0);
	});
});
