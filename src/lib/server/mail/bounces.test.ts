import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { member } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import {
	BOUNCE_THRESHOLD,
	bounceStatus,
	bouncingAmong,
	bouncingMembers,
	clearBounce,
	isBouncing,
	lastInboundAt,
	noteInbound,
	recordBounce,
	resolveBounceAddress,
	verpReturnPath
} from './bounces';
import { config } from '../config';
import { keyOf, resolveAddress } from './reply-keys';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);

describe('VERP return paths', () => {
	it('name the member (and the outbox message) and cannot be forged', () => {
		const p = verpReturnPath(42, 9001);
		expect(p).toMatch(new RegExp(`^bounces\\+b[0-9a-z]+-[0-9a-z]+-[a-z2-7]{26}@${config().inbound.domain.replace(/\./g, '\\.')}$`));
		expect(resolveBounceAddress(p)).toEqual({ memberId: 42, outboxMessageId: 9001 });
		expect(resolveBounceAddress(p.toUpperCase())).toEqual({ memberId: 42, outboxMessageId: 9001 });
		expect(resolveBounceAddress(verpReturnPath(42))).toEqual({ memberId: 42 });
		const [head, outbox, mac] = keyOf(p)!.split('-');
		expect(resolveBounceAddress(`bounces+${head}-${(9002).toString(36)}-${mac}@x`)).toBeNull();
		expect(resolveBounceAddress(`bounces+b${(43).toString(36)}-${outbox}-${mac}@x`)).toBeNull();
		expect(resolveBounceAddress('bounces@x')).toBeNull();
		// A bounce address is not a reply address, nor the other way round.
		expect(resolveAddress(p)).toBeNull();
	});
});

describe('bounce score', () => {
	it('marks an address bouncing at once on a hard bounce', () => {
		const m = makeMember();
		expect(bounceStatus(m.id, T0)).toMatchObject({ bouncing: false, score: 0 });
		const s = recordBounce(m.id, 'hard', '550 5.1.1 No such user', T0);
		expect(s).toMatchObject({ bouncing: true, since: T0, lastKind: 'hard', lastDetail: '550 5.1.1 No such user' });
		expect(s.score).toBeGreaterThanOrEqual(BOUNCE_THRESHOLD);
		expect(isBouncing(m.id)).toBe(true);
		expect(bouncingMembers().map((b) => b.memberId)).toContain(m.id);
	});

	it('counts soft bounces at most once a day and marks at the threshold', () => {
		const m = makeMember();
		recordBounce(m.id, 'soft', 'mailbox full', T0);
		recordBounce(m.id, 'soft', 'mailbox full', T0 + 60_000);
		expect(bounceStatus(m.id, T0 + 60_000)).toMatchObject({ bouncing: false, score: 1 });
		for (let d = 1; d < BOUNCE_THRESHOLD - 1; d++) recordBounce(m.id, 'soft', 'mailbox full', T0 + d * DAY + 1);
		expect(bounceStatus(m.id, T0 + 3 * DAY).bouncing).toBe(false);
		const s = recordBounce(m.id, 'soft', 'mailbox full', T0 + (BOUNCE_THRESHOLD - 1) * DAY + 2);
		expect(s).toMatchObject({ bouncing: true, score: BOUNCE_THRESHOLD });
	});

	it('forgets soft bounces 30 days after the last one', () => {
		const m = makeMember();
		recordBounce(m.id, 'soft', 'full', T0);
		recordBounce(m.id, 'soft', 'full', T0 + DAY + 1);
		expect(bounceStatus(m.id, T0 + 40 * DAY).score).toBe(0);
		const s = recordBounce(m.id, 'soft', 'full', T0 + 40 * DAY);
		expect(s).toMatchObject({ bouncing: false, score: 1 });
	});

	it('is cleared by clearBounce, and by the member changing their address', () => {
		const a = makeMember();
		recordBounce(a.id, 'hard', 'gone', T0);
		clearBounce(a.id, T0 + 1);
		expect(bounceStatus(a.id)).toMatchObject({ bouncing: false, score: 0 });

		const b = makeMember();
		const c = makeMember();
		recordBounce(b.id, 'hard', 'gone', T0);
		recordBounce(c.id, 'hard', 'gone', T0);
		expect(bouncingAmong([a.id, b.id, c.id])).toEqual(new Set([b.id, c.id]));
		db.update(member).set({ email: `new-${b.email}` }).where(eq(member.id, b.id)).run();
		expect(isBouncing(b.id)).toBe(false);
		expect(bouncingAmong([a.id, b.id, c.id])).toEqual(new Set([c.id]));
		expect(bouncingMembers().map((x) => x.memberId)).not.toContain(b.id);
		// The new address starts with a clean score.
		expect(recordBounce(b.id, 'soft', 'full', T0 + DAY)).toMatchObject({ bouncing: false, score: 1 });
	});

	it('ignores unknown members', () => {
		expect(recordBounce(987_654, 'hard', 'x', T0)).toMatchObject({ bouncing: false });
	});
});

describe('taking part by email', () => {
	it('is remembered per member', () => {
		const m = makeMember();
		expect(lastInboundAt(m.id)).toBeNull();
		noteInbound(m.id, T0);
		expect(lastInboundAt(m.id)).toBe(T0);
	});
});
