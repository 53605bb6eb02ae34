import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client';
import { outboxMessage } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as engagement from './engagement';
import { clearBounce, noteInbound, recordBounce } from './bounces';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

const stillThere = (memberId: number) =>
	db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.recipientId, memberId), like(outboxMessage.idempotencyKey, 'still-there:%')))
		.all();

describe('engagement', () => {
	it('writes a visit at most once a minute, never moving backwards', () => {
		const m = makeMember();
		engagement.recordVisit(m.id, NOW);
		engagement.recordVisit(m.id, NOW + 30_000);
		expect(engagement.of(m.id).seenAt).toBe(NOW);
		engagement.recordVisit(m.id, NOW + 61_000);
		expect(engagement.of(m.id)).toMatchObject({ seenAt: NOW + 61_000, activeAt: NOW + 61_000 });
		engagement.forgetVisitsForTesting();
		engagement.recordVisit(m.id, NOW - DAY);
		expect(engagement.of(m.id).seenAt).toBe(NOW + 61_000);
	});

	it('counts a sign-in and a reply by email as activity but not as a visit', () => {
		const m = makeMember();
		engagement.recordSignIn(m.id, NOW - DAY);
		expect(engagement.of(m.id)).toMatchObject({ seenAt: null, activeAt: NOW - DAY });
		noteInbound(m.id, NOW);
		expect(engagement.of(m.id)).toMatchObject({ seenAt: null, activeAt: NOW });
		expect(engagement.many()(m.id)).toMatchObject({ seenAt: null, activeAt: NOW, bouncing: false });
	});

	it('sends nothing to a bouncing address (and no "are you still there?" either) until the bounce is cleared', () => {
		const m = makeMember();
		recordBounce(m.id, 'hard', '550 5.1.1 No such user', NOW);
		expect(engagement.of(m.id).bouncing).toBe(true);
		expect(engagement.many()(m.id).bouncing).toBe(true);
		expect(engagement.reachOf(engagement.of(m.id), NOW)).toBe('bouncing');
		expect(engagement.mayEmail(m, NOW)).toBe(false);
		expect(stillThere(m.id)).toHaveLength(0);
		clearBounce(m.id, NOW + DAY);
		expect(engagement.mayEmail(m, NOW + DAY)).toBe(true);
	});

	it('treats a member it has not met as active since they joined', () => {
		const m = makeMember();
		expect(engagement.of(m.id, NOW - 5 * DAY, NOW).activeAt).toBe(NOW - 5 * DAY);
		expect(engagement.reachOf(engagement.of(m.id, NOW - 400 * DAY, NOW), NOW)).toBe('inactive');
	});

	it('counts calendar months', () => {
		expect(engagement.inactiveBefore(Date.parse('2026-11-23T09:00:00Z'), 12)).toBe(Date.parse('2025-11-23T09:00:00Z'));
		expect(engagement.inactiveBefore(NOW, 0)).toBeNull();
	});

	it('lets email go to an active member, and sends an inactive one a single "are you still there?" per quiet spell', () => {
		const m = makeMember();
		engagement.recordSignIn(m.id, NOW - 400 * DAY);
		expect(engagement.mayEmail(m, NOW)).toBe(false);
		expect(engagement.mayEmail(m, NOW + DAY)).toBe(false);
		const asked = stillThere(m.id);
		expect(asked).toHaveLength(1);
		expect(asked[0]).toMatchObject({ kind: 'still-there', toAddress: m.email });
		expect(asked[0].html).toContain('Sign in to start your emails again');

		// Back, then away again for another year: one more.
		engagement.recordVisit(m.id, NOW + 2 * DAY);
		expect(engagement.mayEmail(m, NOW + 3 * DAY)).toBe(true);
		expect(engagement.mayEmail(m, NOW + 400 * DAY)).toBe(false);
		expect(engagement.mayEmail(m, NOW + 401 * DAY)).toBe(false);
		expect(stillThere(m.id)).toHaveLength(2);
	});
});
