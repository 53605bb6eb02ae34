/**
 * The scheduler's due-digest job, run every quarter of an hour through the days around the March
 * and October 2026 clock changes: every daily digest once per UK date, every weekly one once per
 * week, at the member's UK wall-clock hour — never moved, skipped or doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../../../src/lib/server/db/client';
import { digestSetting, member, outboxMessage } from '../../../src/lib/server/db/schema';
import { makeMember } from '../../support/members';
import * as preferences from '../../../src/lib/server/mail/preferences';
import { useAreasForTesting } from '../../../src/lib/server/digests/areas';
import { alwaysNewArea } from '../../support/digest-areas';
import { runDue } from '../../../src/lib/server/jobs';
import type { MailTransport } from '../../../src/lib/server/mail/transport';
import { isoDate } from '../../../src/lib/time';

const QUARTER = 15 * 60_000;

const delivered: { to: string; at: number }[] = [];
const transport: MailTransport = {
	kind: 'mailbox',
	async send(m) {
		delivered.push({ to: String(m.to), at: Date.now() });
		return { messageId: String(m.messageId), response: 'ok' };
	},
	close() {}
};

beforeAll(() => {
	useAreasForTesting([alwaysNewArea()]);
	// The scheduler first runs as the March window opens (so there is no backlog to send then).
	const start = Date.parse('2026-03-27T12:00:00Z');
	db.insert(digestSetting).values({ key: 'scheduler-started-at', value: start }).onConflictDoUpdate({ target: digestSetting.key, set: { value: start } }).run();
});
afterAll(() => useAreasForTesting(null));

function withSchedule(label: string, frequency: 'daily' | 'weekly', hour: number, weekday = 1) {
	const m = makeMember({ name: label });
	db.update(member).set({ createdAt: Date.parse('2026-01-01T00:00:00Z') }).where(eq(member.id, m.id)).run();
	preferences.update(m.id, { digestFrequency: frequency, digestHour: hour, digestWeekday: weekday });
	return m;
}

/** Runs the scheduler's tasks every 15 minutes from `from` to `to` (UTC). */
async function runEveryQuarter(from: string, to: string) {
	for (let t = Date.parse(from); t <= Date.parse(to); t += QUARTER) await runDue(transport, t);
}

/** When each member's digests were queued (the job's clock), as ISO instants. */
function queuedAt(memberId: number): string[] {
	return db
		.select({ at: outboxMessage.createdAt, key: outboxMessage.idempotencyKey })
		.from(outboxMessage)
		.where(eq(outboxMessage.recipientId, memberId))
		.orderBy(outboxMessage.createdAt)
		.all()
		.filter((r) => r.key.startsWith('digest:'))
		.map((r) => new Date(r.at).toISOString().slice(0, 16) + 'Z');
}

describe('digests across the clock changes', () => {
	const at0100 = withSchedule('Daily at one', 'daily', 1);
	const at0200 = withSchedule('Daily at two', 'daily', 2);
	const at0700 = withSchedule('Daily at seven', 'daily', 7);
	const sunday0100 = withSchedule('Sundays at one', 'weekly', 1, 7);
	const sunday0700 = withSchedule('Sundays at seven', 'weekly', 7, 7);
	const monday0700 = withSchedule('Mondays at seven', 'weekly', 7, 1);

	it('in March (clocks go forward at 01:00 GMT on Sunday 29th) sends each digest once, at the UK hour', async () => {
		await runEveryQuarter('2026-03-27T12:00:00Z', '2026-03-31T12:00:00Z');
		// 1am on the 29th does not exist: it goes at 2am BST (01:00 UTC), like the 2am digest.
		expect(queuedAt(at0100.id)).toEqual(['2026-03-28T01:00Z', '2026-03-29T01:00Z', '2026-03-30T00:00Z', '2026-03-31T00:00Z']);
		expect(queuedAt(at0200.id)).toEqual(['2026-03-28T02:00Z', '2026-03-29T01:00Z', '2026-03-30T01:00Z', '2026-03-31T01:00Z']);
		expect(queuedAt(at0700.id)).toEqual(['2026-03-28T07:00Z', '2026-03-29T06:00Z', '2026-03-30T06:00Z', '2026-03-31T06:00Z']);
		expect(queuedAt(sunday0100.id)).toEqual(['2026-03-29T01:00Z']);
		expect(queuedAt(sunday0700.id)).toEqual(['2026-03-29T06:00Z']);
		expect(queuedAt(monday0700.id)).toEqual(['2026-03-30T06:00Z']);
	});

	it('in October (clocks go back at 02:00 BST on Sunday 25th) sends each digest once, at the UK hour', async () => {
		await runEveryQuarter('2026-10-23T12:00:00Z', '2026-10-27T12:00:00Z');
		// (The first run on the 23rd catches up on the months since March: one digest each, then on schedule.)
		const october = (id: number) => queuedAt(id).filter((s) => s >= '2026-10-24');
		expect(queuedAt(monday0700.id).filter((s) => s.startsWith('2026-10-23'))).toEqual(['2026-10-23T12:00Z']);
		// 1am on the 25th happens twice: the digest goes at the first one (BST, 00:00 UTC), once.
		expect(october(at0100.id)).toEqual(['2026-10-24T00:00Z', '2026-10-25T00:00Z', '2026-10-26T01:00Z', '2026-10-27T01:00Z']);
		expect(october(at0200.id)).toEqual(['2026-10-24T01:00Z', '2026-10-25T02:00Z', '2026-10-26T02:00Z', '2026-10-27T02:00Z']);
		expect(october(at0700.id)).toEqual(['2026-10-24T06:00Z', '2026-10-25T07:00Z', '2026-10-26T07:00Z', '2026-10-27T07:00Z']);
		expect(october(sunday0100.id)).toEqual(['2026-10-25T00:00Z']);
		expect(october(sunday0700.id)).toEqual(['2026-10-25T07:00Z']);
		expect(october(monday0700.id)).toEqual(['2026-10-26T07:00Z']);
	});

	it('gives each daily member exactly one digest per UK date, all delivered', () => {
		for (const m of [at0100, at0200, at0700]) {
			const dates = queuedAt(m.id).map((s) => isoDate(Date.parse(s)));
			expect(new Set(dates).size).toBe(dates.length);
		}
		const digests = db.select().from(outboxMessage).all().filter((r) => r.idempotencyKey.startsWith('digest:'));
		expect(digests.every((d) => d.status === 'sent')).toBe(true);
		expect(delivered).toHaveLength(digests.length);
	});
});
