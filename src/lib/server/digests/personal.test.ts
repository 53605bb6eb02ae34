import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client';
import { digestSetting, member, outboxMessage, personalDigestRun } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as preferences from '../mail/preferences';
import * as outbox from '../mail/outbox';
import { useAreasForTesting } from './areas';
import { activityArea, type Activity } from '../../../../tests/support/digest-areas';
import * as personal from './personal';

/** Monday 23 November 2026, 00:00 UK time (GMT). */
const MON = Date.parse('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const log: Activity[] = [];

beforeAll(() => {
	useAreasForTesting([activityArea(log)]);
	db.insert(digestSetting).values({ key: 'scheduler-started-at', value: MON - 30 * DAY }).onConflictDoUpdate({ target: digestSetting.key, set: { value: MON - 30 * DAY } }).run();
});
afterAll(() => useAreasForTesting(null));

/** A member who joined before the period under test. */
function joined(over: Parameters<typeof makeMember>[0] = {}, at = MON - 10 * DAY) {
	const m = makeMember(over);
	db.update(member).set({ createdAt: at }).where(eq(member.id, m.id)).run();
	return m;
}

function digestsTo(memberId: number) {
	return db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.recipientId, memberId), like(outboxMessage.idempotencyKey, 'digest:%')))
		.orderBy(outboxMessage.id)
		.all();
}

describe('weekly digests', () => {
	it('sends on the chosen weekday and hour, once, with what is new since the last one', async () => {
		const m = joined();
		preferences.update(m.id, { digestFrequency: 'weekly', digestWeekday: 1, digestHour: 7 });
		await personal.sendDue(MON + 6 * HOUR, { memberIds: [m.id] }); // first sight: baseline, nothing due yet
		log.push({ memberId: m.id, regionId: null, at: MON + 6.5 * HOUR, text: 'Reply before seven' });
		expect((await personal.sendDue(MON + 7 * HOUR - 1, { memberIds: [m.id] })).sent).toBe(0);
		expect((await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		expect((await personal.sendDue(MON + 7 * HOUR + 5 * 60_000, { memberIds: [m.id] })).sent).toBe(0);
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * DAY, text: 'Reply on Wednesday' });
		for (let t = MON + 8 * HOUR; t < MON + 7 * DAY + 7 * HOUR; t += 6 * HOUR) await personal.sendDue(t, { memberIds: [m.id] });
		await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [m.id] });
		const sent = digestsTo(m.id);
		expect(sent.map((s) => s.idempotencyKey)).toEqual([`digest:weekly:2026-W48:member:${m.id}`, `digest:weekly:2026-W49:member:${m.id}`]);
		expect(sent[0].text).toContain('Reply before seven');
		expect(sent[1].text).toContain('Reply on Wednesday');
		expect(sent[1].text).not.toContain('Reply before seven');
		expect(sent[0].subject).toBe('Your weekly digest: New for you (1)');
	});

	it('sends nothing when nothing is new, and says so in its record', async () => {
		const m = joined();
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		const r = await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] });
		expect(r).toMatchObject({ due: 1, sent: 0, empty: 1 });
		expect(digestsTo(m.id)).toHaveLength(0);
		expect(personal.history(m.id)[0]).toMatchObject({ outcome: 'empty', periodKey: 'weekly:2026-W48' });
	});

	it('after a long outage sends only the latest period, covering everything since the last digest', async () => {
		const m = joined();
		await personal.sendDue(MON + 8 * HOUR, { memberIds: [m.id] });
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * DAY, text: 'Week one news' });
		log.push({ memberId: m.id, regionId: null, at: MON + 10 * DAY, text: 'Week two news' });
		const r = await personal.sendDue(MON + 21 * DAY + 9 * HOUR, { memberIds: [m.id] });
		expect(r.sent).toBe(1);
		const [only] = digestsTo(m.id);
		expect(only.idempotencyKey).toContain('2026-W51');
		expect(only.text).toContain('Week one news');
		expect(only.text).toContain('Week two news');
	});
});

describe('daily digests', () => {
	it('sends one a day at the chosen hour, and never twice in a day when the hour moves', async () => {
		const m = joined();
		preferences.update(m.id, { digestFrequency: 'daily', digestHour: 8 });
		await personal.sendDue(MON, { memberIds: [m.id] });
		for (let d = 0; d < 3; d++) log.push({ memberId: m.id, regionId: null, at: MON + d * DAY + 2 * HOUR, text: `Day ${d}` });
		for (let t = MON; t <= MON + 3 * DAY; t += HOUR) await personal.sendDue(t, { memberIds: [m.id] });
		expect(digestsTo(m.id).map((s) => s.idempotencyKey.split(':').slice(1, 3).join(':'))).toEqual(['daily:2026-11-23', 'daily:2026-11-24', 'daily:2026-11-25']);
		expect(digestsTo(m.id).map((s) => s.createdAt - MON)).toEqual([8 * HOUR, DAY + 8 * HOUR, 2 * DAY + 8 * HOUR]);

		// On the fourth day the digest goes at 8; then the member moves their hour to 10: no second one that day.
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * DAY + 2 * HOUR, text: 'Day 3' });
		expect((await personal.sendDue(MON + 3 * DAY + 8 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * DAY + 9 * HOUR, text: 'After eight' });
		preferences.update(m.id, { digestHour: 10 });
		expect(await personal.sendDue(MON + 3 * DAY + 10 * HOUR, { memberIds: [m.id] })).toMatchObject({ sent: 0, already: 1 });
		expect(digestsTo(m.id)).toHaveLength(4);
		expect((await personal.sendDue(MON + 4 * DAY + 10 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		expect(digestsTo(m.id).at(-1)!.text).toContain('After eight');
	});

	it('sends nothing to a member who chose never', async () => {
		const m = joined();
		preferences.update(m.id, { digestFrequency: 'never' });
		log.push({ memberId: m.id, regionId: null, at: MON + HOUR, text: 'Something' });
		expect((await personal.sendDue(MON + 7 * DAY, { memberIds: [m.id] })).due).toBe(0);
		expect(digestsTo(m.id)).toHaveLength(0);
	});
});

describe('safety', () => {
	it('handles a period once when two runs race for it', async () => {
		const ms = [joined(), joined(), joined()];
		const ids = ms.map((m) => m.id);
		await personal.sendDue(MON + HOUR, { memberIds: ids });
		for (const m of ms) log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: 'Race' });
		const [a, b] = await Promise.all([personal.sendDue(MON + 7 * HOUR, { memberIds: ids, yieldEvery: 1 }), personal.sendDue(MON + 7 * HOUR, { memberIds: ids, yieldEvery: 1 })]);
		expect(a.sent + b.sent).toBe(3);
		for (const m of ms) expect(digestsTo(m.id)).toHaveLength(1);
		expect(db.select().from(personalDigestRun).where(eq(personalDigestRun.periodKey, 'weekly:2026-W48')).all().filter((r) => ids.includes(r.memberId))).toHaveLength(3);
	});

	it('writes a batch of members in one transaction, undoing only the writes of a member that fails', async () => {
		const ms = [joined(), joined(), joined(), joined(), joined()];
		const ids = ms.map((m) => m.id);
		await personal.sendDue(MON + HOUR, { memberIds: ids });
		for (const m of ms) log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: `News for ${m.id}` });
		const victim = ms[2].id;
		const real = outbox.enqueue;
		const spy = vi.spyOn(outbox, 'enqueue').mockImplementation((email, now) => {
			if (email.recipientId === victim) throw new Error('disk full');
			return real(email, now);
		});
		try {
			expect(await personal.sendDue(MON + 7 * HOUR, { memberIds: ids, yieldEvery: 5 })).toMatchObject({ due: 5, sent: 4, failed: 1 });
		} finally {
			spy.mockRestore();
		}
		for (const m of ms) expect(digestsTo(m.id)).toHaveLength(m.id === victim ? 0 : 1);
		expect(personal.history(victim).map((r) => r.periodKey)).not.toContain('weekly:2026-W48');
		expect(personal.history(ms[3].id).map((r) => r.periodKey)).toContain('weekly:2026-W48');
		expect(personal.stateOf(victim)?.lastDueAt).toBeLessThan(MON + 7 * HOUR);
		// Tried again on the next run, and only the one that failed.
		expect(await personal.sendDue(MON + 8 * HOUR, { memberIds: ids })).toMatchObject({ due: 1, sent: 1, failed: 0 });
		expect(digestsTo(victim)[0].text).toContain(`News for ${victim}`);
	});

	it('sends a new member nothing from before the scheduler knew them, then their first digest', async () => {
		const m = joined({}, MON + 2 * DAY);
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * DAY, text: 'Welcome thread' });
		expect((await personal.sendDue(MON + 3 * DAY, { memberIds: [m.id] })).due).toBe(0);
		expect((await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
	});

	it('puts list headers and both parts on every digest, under 100 KB', async () => {
		const m = joined();
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		for (let i = 0; i < 200; i++) log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR + i, text: `Long item ${i} `.repeat(20) });
		await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] });
		const [d] = digestsTo(m.id);
		expect(d.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
		expect(d.headers!['List-Unsubscribe']).toMatch(/\/unsubscribe\/[^/]+\/one-click>$/);
		expect(d.headers!['List-Id']).toContain('digest.');
		expect(d.text.length).toBeGreaterThan(100);
		expect(d.html).toContain('<html lang="en-GB">');
		expect(Buffer.byteLength(d.html) + Buffer.byteLength(d.text)).toBeLessThan(100 * 1024);
		expect(d.text).toMatch(/And \d+ more/);
	});

	it('dry-runs without queueing or recording anything', async () => {
		const m = joined();
		log.push({ memberId: m.id, regionId: null, at: Date.now() - HOUR, text: 'Dry news' });
		const r = personal.dryRun(m.email, Date.now());
		expect(r?.email?.text).toContain('Dry news');
		expect(digestsTo(m.id)).toHaveLength(0);
		expect(personal.history(m.id)).toHaveLength(0);
		expect(personal.dryRun('nobody@example.org')).toBeNull();
	});
});

describe('changing the schedule', () => {
	it('starts a new schedule at its next time, not at a time already passed today', async () => {
		const m = joined();
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: 'Before the change' });
		// At 10am on Tuesday the member switches to a daily digest at 8am.
		const next = personal.saveEmailSettings(m.id, { ...preferences.get(m.id), digestFrequency: 'daily', digestHour: 8 }, MON + DAY + 10 * HOUR);
		expect(next).toBe(MON + 2 * DAY + 8 * HOUR);
		expect((await personal.sendDue(MON + DAY + 10 * HOUR, { memberIds: [m.id] })).due).toBe(0);
		expect((await personal.sendDue(MON + 2 * DAY + 8 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		expect(digestsTo(m.id)[0].text).toContain('Before the change');
	});
});
