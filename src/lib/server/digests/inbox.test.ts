/** Digests that respect the inbox: skipped when seen on the site, held for members away too long (a controlled clock throughout). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client';
import { digestSetting, member, outboxMessage } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { config } from '../config';
import * as preferences from '../mail/preferences';
import * as engagement from '../mail/engagement';
import { clearBounce, recordBounce } from '../mail/bounces';
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
afterEach(() => {
	config().inactiveMonths = 12;
});

function joined(at = MON - 10 * DAY) {
	const m = makeMember();
	db.update(member).set({ createdAt: at }).where(eq(member.id, m.id)).run();
	return m;
}

const mailTo = (memberId: number, prefix: string) =>
	db
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.recipientId, memberId), like(outboxMessage.idempotencyKey, `${prefix}%`)))
		.orderBy(outboxMessage.id)
		.all();

describe('a member who has been on the site', () => {
	it('gets no digest when they visited since the period began and nothing is newer than the visit; the skip is counted, not queued', async () => {
		const m = joined();
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] }); // baseline: the period began at last Monday 7am
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: 'Seen on the site' });
		engagement.recordVisit(m.id, MON + 3 * HOUR);
		expect(await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).toMatchObject({ due: 1, sent: 0, seen: 1 });
		expect(mailTo(m.id, 'digest:')).toHaveLength(0);
		expect(personal.history(m.id)[0]).toMatchObject({ outcome: 'seen', periodKey: 'weekly:2026-W48', itemCount: 1 });
		expect(personal.emailSettings(m.id, MON + 8 * HOUR).skippedDigests).toBe(1);
		// The period is handled: the next run does not queue it after all.
		expect((await personal.sendDue(MON + 9 * HOUR, { memberIds: [m.id] })).due).toBe(0);

		// The next week something new comes after their last visit: the digest goes, without what they had seen.
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * DAY, text: 'New since the visit' });
		expect((await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		const [d] = mailTo(m.id, 'digest:');
		expect(d.text).toContain('New since the visit');
		expect(d.text).not.toContain('Seen on the site');
	});

	it('gets the digest when something in it is newer than their last visit', async () => {
		const m = joined();
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		engagement.recordVisit(m.id, MON + 2 * HOUR);
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * HOUR, text: 'After the visit' });
		expect((await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
	});

	it('gets the digest when the visit was before the period began', async () => {
		const m = joined();
		engagement.recordVisit(m.id, MON - 7 * DAY); // before last Monday 7am, where this period starts
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		log.push({ memberId: m.id, regionId: null, at: MON - 6 * DAY, text: 'Last week' });
		expect((await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
	});

	it('gets the digest anyway when they ticked "send my digest even when I have been on the site"', async () => {
		const m = joined();
		preferences.update(m.id, { digestWhenVisited: true });
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: 'Seen but wanted' });
		engagement.recordVisit(m.id, MON + 3 * HOUR);
		expect((await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		expect(personal.skippedCount(m.id)).toBe(0);
	});

	it('says why in the dry run', () => {
		const m = joined();
		const now = MON + 7 * DAY + 7 * HOUR;
		log.push({ memberId: m.id, regionId: null, at: now - 2 * DAY, text: 'Dry and seen' });
		engagement.recordVisit(m.id, now - DAY);
		const r = personal.dryRun(m.email, now)!;
		expect(r.decision).toBe('seen');
		expect(r.wouldSend).toBe(false);
		expect(personal.explain(r)).toMatch(/^Would not be sent: they have been on the site/);
		expect(mailTo(m.id, '')).toHaveLength(0);
	});
});

describe('a member away for longer than INACTIVE_MONTHS', () => {
	it('gets one "are you still there?" email instead of digests, then digests again after a visit', async () => {
		const m = joined(MON - 400 * DAY); // joined 13 months ago and never seen since
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: 'For the absent' });
		expect(await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).toMatchObject({ sent: 0, held: 1 });
		expect(mailTo(m.id, 'digest:')).toHaveLength(0);
		const asked = mailTo(m.id, 'still-there:');
		expect(asked).toHaveLength(1);
		expect(asked[0].subject).toBe('Do you still want emails from the Lead Member Network?');
		expect(asked[0].text).toContain('paused your digests and notifications');
		expect(personal.history(m.id)[0].outcome).toBe('held');

		// A week later: still away, still no digest, and no second "still there?".
		log.push({ memberId: m.id, regionId: null, at: MON + 3 * DAY, text: 'Still absent' });
		expect(await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [m.id] })).toMatchObject({ sent: 0, held: 1 });
		expect(mailTo(m.id, 'still-there:')).toHaveLength(1);
		expect(personal.dryRun(m.email, MON + 7 * DAY + 8 * HOUR)!.decision).toBe('held');

		// They sign in: the next digest goes, with what they missed since their last one.
		engagement.recordVisit(m.id, MON + 8 * DAY);
		log.push({ memberId: m.id, regionId: null, at: MON + 9 * DAY, text: 'Welcome back' });
		expect((await personal.sendDue(MON + 14 * DAY + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
		expect(mailTo(m.id, 'digest:')[0].text).toContain('Welcome back');
	});

	it('counts 12 months by default, and INACTIVE_MONTHS changes it (0: never pause)', async () => {
		const eleven = joined(MON - 330 * DAY);
		await personal.sendDue(MON + HOUR, { memberIds: [eleven.id] });
		log.push({ memberId: eleven.id, regionId: null, at: MON + 2 * HOUR, text: 'Eleven months' });
		expect((await personal.sendDue(MON + 7 * HOUR, { memberIds: [eleven.id] })).sent).toBe(1);

		config().inactiveMonths = 6;
		log.push({ memberId: eleven.id, regionId: null, at: MON + 2 * DAY, text: 'Six is the limit' });
		expect((await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [eleven.id] })).held).toBe(1);

		config().inactiveMonths = 0;
		log.push({ memberId: eleven.id, regionId: null, at: MON + 9 * DAY, text: 'Never pause' });
		expect((await personal.sendDue(MON + 14 * DAY + 7 * HOUR, { memberIds: [eleven.id] })).sent).toBe(1);
	});
});

describe('a member whose address bounces', () => {
	it('gets no digest (held, no "are you still there?") until the bounce is cleared', async () => {
		const m = joined();
		await personal.sendDue(MON + HOUR, { memberIds: [m.id] });
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * HOUR, text: 'Bounced news' });
		recordBounce(m.id, 'hard', '550 5.1.1 User unknown', MON + 3 * HOUR);
		expect(await personal.sendDue(MON + 7 * HOUR, { memberIds: [m.id] })).toMatchObject({ sent: 0, held: 1 });
		expect(mailTo(m.id, '')).toHaveLength(0);
		expect(personal.explain(personal.dryRun(m.email, MON + 8 * HOUR)!)).toMatch(/bounces/);
		clearBounce(m.id, MON + DAY);
		log.push({ memberId: m.id, regionId: null, at: MON + 2 * DAY, text: 'After the fix' });
		expect((await personal.sendDue(MON + 7 * DAY + 7 * HOUR, { memberIds: [m.id] })).sent).toBe(1);
	});
});

describe('the digest a member would get now, on the web', () => {
	const status = (fn: () => unknown) => {
		try {
			fn();
			return 200;
		} catch (e) {
			return (e as { status: number }).status;
		}
	};

	it('is open to their coordinator and admins only, and sends nothing', () => {
		const m = joined(); // Lancashire, North West
		log.push({ memberId: m.id, regionId: null, at: Date.now() - HOUR, text: 'Why did I get this?' });
		const coordinator = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west', authority: 'Cumberland' });
		const elsewhere = makeMember({ role: 'coordinator', coordinatorRegionId: 'london', authority: 'Camden' });
		const admin = makeMember({ role: 'admin', authority: 'Leeds' });
		const peer = makeMember();
		const p = personal.previewForMember(coordinator.actor, m.handle)!;
		expect(p.decision).toBe('send');
		expect(p.bodyHtml).toContain('Why did I get this?');
		expect(p.bodyHtml).not.toContain('<body');
		expect(p.bodyHtml).not.toContain('mailto:');
		expect(p.explanation).toMatch(/^Would be sent/);
		expect(status(() => personal.previewForMember(admin.actor, m.handle))).toBe(200);
		expect(status(() => personal.previewForMember(elsewhere.actor, m.handle))).toBe(403);
		expect(status(() => personal.previewForMember(peer.actor, m.handle))).toBe(403);
		expect(status(() => personal.previewForMember(m.actor, m.handle))).toBe(403);
		expect(personal.previewForMember(coordinator.actor, 'no-such-handle')).toBeNull();
		expect(mailTo(m.id, '')).toHaveLength(0);
		expect(personal.history(m.id)).toHaveLength(0);
	});
});
