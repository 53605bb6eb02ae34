import { describe, expect, it } from 'vitest';
import { sqlite } from '../db/client';
import { makeMember } from '../../../../tests/support/members';
import * as entries from './entries';
import * as events from './events';
import * as sharing from './sharing';
import { useMentorLookup } from './mentor';
import { eraseMember, exportMemberData } from './data-rights';
import { NOW } from '../../../../tests/support/training';

describe('training data rights', () => {
	it('exports the member’s log, sharing and events, and erase removes them', () => {
		const me = makeMember({ authority: 'Bolton', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const mentor = makeMember();
		const other = makeMember();
		useMentorLookup((id) => (id === me.id ? mentor.id : null));
		entries.addEntry(me.actor, { startDate: '2026-10-01', title: 'UNIQUE-TITLE-XYZ', kind: 'informal', topics: ['send'], hours: '2', reflection: 'UNIQUE-REFLECTION-XYZ' }, NOW);
		entries.addEntry(other.actor, { startDate: '2026-10-01', title: 'Someone else', kind: 'informal', topics: [], hours: '2' }, NOW);
		sharing.setShared(me.actor, true, NOW);
		const ev = events.create(me.actor, { title: 'Published by me', kind: 'course', startDate: '2026-12-01', startTime: '10:00', endTime: '12:00', location: 'Bolton' }, NOW);
		if (!ev.ok) throw new Error('event');
		events.setGoing(me.actor, ev.id, true, NOW);

		const data = exportMemberData(me.id) as Record<string, unknown[]> & { trainingLogSharedWithMentor: unknown };
		expect(data.trainingLog).toHaveLength(1);
		expect(data.trainingLog[0]).toMatchObject({ title: 'UNIQUE-TITLE-XYZ', reflection: 'UNIQUE-REFLECTION-XYZ', hours: 2, kind: 'Informal or on-the-job learning', topics: ['SEND'] });
		expect(data.trainingLogSharedWithMentor).toMatchObject({ mentorMemberId: mentor.id });
		expect(data.eventsGoingTo).toHaveLength(1);
		expect(data.eventsPublished).toEqual([expect.objectContaining({ title: 'Published by me', region: 'north-west' })]);
		expect(JSON.stringify(data)).not.toContain('Someone else');

		eraseMember(me.id);
		expect(exportMemberData(me.id)).toMatchObject({ trainingLog: [], trainingLogSharedWithMentor: null, eventsGoingTo: [], eventsPublished: [] });
		const dump = sqlite().prepare("select count(*) as n from training_entry where title like '%UNIQUE%' or reflection like '%UNIQUE%'").get() as { n: number };
		expect(dump.n).toBe(0);
		// The event stays for the region, with no link to the person.
		expect(events.get(other.actor, ev.id, NOW).event.title).toBe('Published by me');
		expect(entries.logPage(other.actor, entries.parseFilter(new URLSearchParams()), NOW).entries).toHaveLength(1);
		useMentorLookup(null);
	});
});
