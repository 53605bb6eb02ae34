import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { member } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import type { DigestRecipient } from '../digest-items';
import * as entries from './entries';
import * as events from './events';
import { digestSection, regionalDigestGroups } from './digest';
import { DAY, NOW } from '../../../../tests/support/training';

function recipient(m: ReturnType<typeof makeMember>): DigestRecipient {
	return { id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: [] };
}

const eventForm = (title: string, startDate: string, region?: string) => ({ title, kind: 'webinar', startDate, startTime: '18:00', endTime: '19:00', location: '', onlineUrl: 'https://meet.example.org/x', region, topics: [] });

describe('training digest section', () => {
	const swCoord = makeMember({ authority: 'Cornwall', role: 'coordinator', coordinatorRegionId: 'south-west' });
	const emCoord = makeMember({ authority: 'Derby', role: 'coordinator', coordinatorRegionId: 'east-midlands' });
	const admin = makeMember({ role: 'admin' });
	const created = NOW - 2 * DAY;
	const swEvent = events.create(swCoord.actor, eventForm('South West SEND webinar', '2026-12-03'), created);
	const emEvent = events.create(emCoord.actor, eventForm('East Midlands webinar', '2026-12-03'), created);
	const national = events.create(admin.actor, eventForm('National inspection webinar', '2026-12-10', 'national'), created);
	const farAway = events.create(swCoord.actor, eventForm('Next spring', '2027-04-10'), created);

	it('lists upcoming events of the member’s region and national ones, new since last time', () => {
		const me = makeMember({ authority: 'Devon' });
		entries.addEntry(me.actor, { startDate: '2026-11-01', title: 'Visit', kind: 'informal', topics: [], hours: '2' }, NOW);
		const s = digestSection(recipient(me), NOW - 7 * DAY, NOW)!;
		expect(s.area).toBe('training');
		const ev = s.groups.find((g) => g.title === 'Upcoming events')!;
		const hrefs = ev.items.map((i) => i.href);
		expect(hrefs).toEqual([`/training/events/${swEvent.ok && swEvent.id}`, `/training/events/${national.ok && national.id}`]);
		expect(hrefs).not.toContain(`/training/events/${emEvent.ok && emEvent.id}`);
		expect(hrefs).not.toContain(`/training/events/${farAway.ok && farAway.id}`);
		expect(ev.items[0].text).toBe('South West SEND webinar – 3 December 2026, 6:00pm (South West)');
		expect(ev.items[0].note).toBe('New');
		expect(s.hasNew).toBe(true);
		// Seen already: the same events are not new a day later.
		expect(digestSection(recipient(me), NOW - DAY, NOW)!.hasNew).toBe(false);
	});

	it('nudges when nothing was logged for 90 days, as news only once', () => {
		const me = makeMember({ authority: 'Devon' });
		entries.addEntry(me.actor, { startDate: '2026-08-20', title: 'Induction', kind: 'induction', topics: ['corporate-parenting'], hours: '3' }, NOW);
		// 2026-08-20 + 90 days = 2026-11-18: due since last week's digest.
		const s = digestSection(recipient(me), NOW - 7 * DAY, NOW)!;
		const log = s.groups.find((g) => g.title === 'Your training log')!;
		expect(log.items[0]).toMatchObject({ text: 'You haven’t logged any learning since 20 August 2026', href: '/training/new' });
		expect(log.items[1]).toMatchObject({ text: '8 of 9 core topics not covered in the last 24 months', href: '/training/gaps' });
		const later = digestSection(recipient(me), NOW - DAY, NOW)!;
		expect(later.groups.find((g) => g.title === 'Your training log')!.items[0].href).toBe('/training/new');

		entries.addEntry(me.actor, { startDate: '2026-11-20', title: 'Network', kind: 'regional-network', topics: [], hours: '2' }, NOW);
		const after = digestSection(recipient(me), NOW - 7 * DAY, NOW)!;
		expect(after.groups.find((g) => g.title === 'Your training log')!.items.map((i) => i.href)).toEqual(['/training/gaps']);
	});

	it('marks the events the member is going to, theirs only, in one run', () => {
		const a = makeMember({ authority: 'Devon' });
		const b = makeMember({ authority: 'Devon' });
		const swId = swEvent.ok ? swEvent.id : 0;
		const nationalId = national.ok ? national.id : 0;
		expect(events.setGoing(a.actor, swId, true, NOW - DAY).ok).toBe(true);
		expect(events.setGoing(b.actor, nationalId, true, NOW - DAY).ok).toBe(true);
		const notes = (m: ReturnType<typeof makeMember>) =>
			Object.fromEntries(digestSection(recipient(m), NOW - DAY, NOW)!.groups.find((g) => g.title === 'Upcoming events')!.items.map((i) => [i.href, i.note ?? '']));
		expect(notes(a)).toEqual({ [`/training/events/${swId}`]: 'You’re going', [`/training/events/${nationalId}`]: '' });
		expect(notes(b)).toEqual({ [`/training/events/${swId}`]: '', [`/training/events/${nationalId}`]: 'You’re going' });
	});

	it('nudges a member who has logged nothing from when they joined, whether or not the caller says when that was', () => {
		const me = makeMember({ authority: 'Dorset' });
		const joined = NOW - 100 * DAY;
		db.update(member).set({ createdAt: joined }).where(eq(member.id, me.id)).run();
		const without = digestSection(recipient(me), NOW - 7 * DAY, NOW)!;
		const withJoined = digestSection({ ...recipient(me), createdAt: joined }, NOW - 7 * DAY, NOW)!;
		expect(withJoined).toEqual(without);
		expect(without.groups.find((g) => g.title === 'Your training log')!.items[0]).toMatchObject({ text: 'You haven’t logged any learning yet', href: '/training/new' });
		expect(without.hasNew).toBe(true); // due 90 days after joining: 3 days ago
	});

	it('news from the nudge alone makes the section new', () => {
		const me = makeMember({ authority: 'Hampshire' });
		entries.addEntry(me.actor, { startDate: '2026-08-22', title: 'Induction', kind: 'induction', topics: [], hours: '3' }, NOW);
		expect(digestSection(recipient(me), NOW - 7 * DAY, NOW)?.hasNew).toBe(true);
		expect(digestSection(recipient(me), NOW - DAY, NOW)?.hasNew).toBe(false);
	});
});

describe('regional digest groups', () => {
	it('suggests the region’s upcoming events, and national ones for a national digest', () => {
		const coord = makeMember({ authority: 'Kent', role: 'coordinator', coordinatorRegionId: 'south-east' });
		const admin = makeMember({ role: 'admin' });
		events.create(coord.actor, { ...eventForm('Kent and Medway network', '2026-12-15'), topics: [] }, NOW - DAY);
		events.create(admin.actor, { ...eventForm('National webinar for the South East test', '2026-12-16', 'national'), topics: [] }, NOW - DAY);
		const groups = regionalDigestGroups('south-east', NOW - 7 * DAY, NOW);
		expect(groups).toHaveLength(1);
		expect(groups[0].title).toBe('Upcoming events in South East');
		expect(groups[0].items.map((i) => i.text)).toEqual(['Kent and Medway network – 15 December 2026, 6:00pm']);
		expect(groups[0].items[0].note).toBe('New');
		expect(regionalDigestGroups(null, NOW - 7 * DAY, NOW)[0].items.some((i) => i.text.startsWith('National webinar for the South East test'))).toBe(true);
		expect(regionalDigestGroups('north-east', NOW - 7 * DAY, NOW)).toEqual([]);
	});
});
