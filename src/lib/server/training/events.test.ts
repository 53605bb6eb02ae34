import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as events from './events';
import * as entries from './entries';
import { DAY, NOW, eventForm, publishEvent, statusOf } from '../../../../tests/support/training';

const coordinator = () => makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });

describe('publishing events', () => {
	it('lets a coordinator publish for their region only, and an admin nationally', () => {
		const coord = coordinator();
		const admin = makeMember({ role: 'admin', authority: 'Westminster' });
		const member = makeMember();
		expect(events.publishRegions(coord.actor)).toEqual([['north-west', 'North West']]);
		expect(events.publishRegions(admin.actor)[0]).toEqual(['national', 'National – every region']);
		expect(events.publishRegions(admin.actor)).toHaveLength(10);
		expect(events.publishRegions(member.actor)).toEqual([]);

		expect(events.create(coord.actor, eventForm({ region: 'london' }), NOW)).toEqual({ ok: false, errors: { region: 'Choose who the event is for from the list' } });
		expect(events.create(coord.actor, eventForm({ region: 'national' }), NOW).ok).toBe(false);
		expect(statusOf(() => events.create(member.actor, eventForm(), NOW))).toBe(403);
		const id = publishEvent(coord.actor);
		expect(events.get(coord.actor, id, NOW).event.regionId).toBe('north-west');
		const national = events.create(admin.actor, eventForm({ region: 'national', title: 'National conference' }), NOW);
		expect(national.ok && events.get(member.actor, national.id, NOW).event.regionId).toBeNull();
	});

	it('stores the description sanitized', () => {
		const id = publishEvent(coordinator().actor);
		const { event } = events.get(makeMember().actor, id, NOW);
		expect(event.descriptionHtml).toContain('<strong>SEND</strong>');
		expect(event.descriptionHtml).not.toContain('<script');
		expect(event.descriptionHtml).toContain('href="https://example.org/papers"');
	});

	it('refuses bad events with messages', () => {
		const r = events.create(coordinator().actor, eventForm({ endTime: '09:00', location: '', kind: 'party' }), NOW);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['endTime', 'kind', 'location']);
	});

	it('lets only the publishing side edit and cancel', () => {
		const coord = coordinator();
		const member = makeMember();
		const id = publishEvent(coord.actor);
		expect(statusOf(() => events.update(member.actor, id, eventForm({ title: 'Hijacked' }), NOW))).toBe(403);
		expect(statusOf(() => events.cancel(member.actor, id, NOW))).toBe(403);
		expect(events.update(coord.actor, id, eventForm({ title: 'Renamed meeting' }), NOW)).toEqual({ ok: true, id });
		expect(events.forEdit(coord.actor, id).values).toMatchObject({ title: 'Renamed meeting', startDate: '2026-12-09', startTime: '10:00', endTime: '13:30', endDate: '', region: 'north-west' });
		events.cancel(coord.actor, id, NOW);
		expect(events.get(member.actor, id, NOW).event.cancelled).toBe(true);
		expect(events.setGoing(member.actor, id, true, NOW)).toEqual({ ok: false, message: 'This event has been cancelled' });
	});
});

describe('seeing events', () => {
	it('shows members their region’s and national events, and hides other regions’ (404)', () => {
		const nw = publishEvent(coordinator().actor, { title: 'NW meeting' });
		const london = publishEvent(makeMember({ authority: 'Camden', role: 'coordinator', coordinatorRegionId: 'london' }).actor, { title: 'London meeting' });
		const national = publishEvent(makeMember({ role: 'admin' }).actor, { region: 'national', title: 'National webinar' });
		const member = makeMember({ authority: 'Lancashire' });
		const seen = events.list(member.actor, events.parseListFilter(new URLSearchParams()), NOW).events.map((e) => e.id);
		expect(seen).toContain(nw);
		expect(seen).toContain(national);
		expect(seen).not.toContain(london);
		expect(statusOf(() => events.get(member.actor, london, NOW))).toBe(404);
		expect(statusOf(() => events.calendar(member.actor, london, 'http://x'))).toBe(404);
		expect(events.list(member.actor, events.parseListFilter(new URLSearchParams('region=london')), NOW).events).toEqual([]);
		expect(statusOf(() => events.get(member.actor, 424242, NOW))).toBe(404);
	});

	it('lists upcoming soonest first and past latest first', () => {
		const coord = coordinator();
		const soon = publishEvent(coord.actor, { startDate: '2026-11-30', title: 'Soon' });
		const later = publishEvent(coord.actor, { startDate: '2027-02-01', title: 'Later' });
		const past = publishEvent(coord.actor, { startDate: '2026-10-01', title: 'Past' });
		const member = makeMember();
		const up = events.list(member.actor, events.parseListFilter(new URLSearchParams()), NOW).events.map((e) => e.id);
		expect(up.indexOf(soon)).toBeLessThan(up.indexOf(later));
		expect(up).not.toContain(past);
		const before = events.list(member.actor, events.parseListFilter(new URLSearchParams('when=past')), NOW).events.map((e) => e.id);
		expect(before).toContain(past);
	});
});

describe('going and adding to the log', () => {
	it('marks "I’m going" once and counts people', () => {
		const id = publishEvent(coordinator().actor);
		const a = makeMember();
		const b = makeMember();
		events.setGoing(a.actor, id, true, NOW);
		events.setGoing(a.actor, id, true, NOW);
		events.setGoing(b.actor, id, true, NOW);
		expect(events.get(a.actor, id, NOW).event).toMatchObject({ going: true, goingCount: 2 });
		events.setGoing(a.actor, id, false, NOW);
		expect(events.get(a.actor, id, NOW).event).toMatchObject({ going: false, goingCount: 1 });
	});

	it('adds a finished event to the log, prefilled, once', () => {
		const id = publishEvent(coordinator().actor, { startDate: '2026-12-09' });
		const me = makeMember();
		const before = events.addToLog(me.actor, id, NOW);
		expect(before).toEqual({ ok: false, message: 'You can add this event to your log once it has finished' });
		const after = NOW + 20 * DAY;
		const added = events.addToLog(me.actor, id, after);
		expect(added.ok).toBe(true);
		if (!added.ok) return;
		expect(added.created).toBe(true);
		expect(added.entry).toMatchObject({
			startDate: '2026-12-09',
			endDate: '2026-12-09',
			title: 'North West Lead Member network meeting',
			provider: 'North West network',
			kind: 'regional-network',
			topics: ['send', 'participation'],
			hours: 3.5,
			eventId: id,
			source: 'event'
		});
		const again = events.addToLog(me.actor, id, after);
		expect(again.ok && again.entry.id).toBe(added.entry.id);
		expect(again.ok && again.created).toBe(false);
		expect(events.get(me.actor, id, after)).toMatchObject({ entry: { id: added.entry.id }, canAddToLog: false });
		// The member can edit it like any entry.
		const edited = entries.update(me.actor, added.entry.id, { ...entries.formValues(added.entry), hours: '3' }, after);
		expect(edited.ok).toBe(true);
	});

	it('prefills national network meetings and multi-day conferences sensibly', () => {
		const start = Date.parse('2026-06-10T08:30:00Z');
		expect(events.prefill({ title: 'Conference', kind: 'conference', regionId: null, provider: '', startsAt: start, endsAt: start + 32 * 3_600_000, topics: [] })).toMatchObject({
			startDate: '2026-06-10',
			endDate: '2026-06-11',
			kind: 'national-network',
			provider: 'Lead Member Network',
			hours: 12
		});
	});
});

describe('calendar files', () => {
	it('writes a PUBLISH event with UTC times, place, description text and the page link', () => {
		const id = publishEvent(coordinator().actor, { startDate: '2027-07-01', startTime: '09:30', endTime: '12:00', title: 'Summer network meeting; SEND, inspection' });
		const { filename, body } = events.calendar(makeMember().actor, id, 'https://network.example.org');
		expect(filename).toBe(`event-${id}.ics`);
		const unfolded = body.replace(/\r\n[ \t]/g, '');
		expect(unfolded).toContain('BEGIN:VCALENDAR');
		expect(unfolded).toContain('METHOD:PUBLISH');
		expect(unfolded).toContain('DTSTART:20270701T083000Z');
		expect(unfolded).toContain('DTEND:20270701T110000Z');
		expect(unfolded).toContain('SUMMARY:Summer network meeting\\; SEND\\, inspection');
		expect(unfolded).toContain('LOCATION:County Hall\\, Preston');
		expect(unfolded).toContain(`URL;VALUE=URI:https://network.example.org/training/events/${id}`);
		expect(unfolded).toContain(`UID:training-event-${id}@network.example.org`);
		expect(unfolded).toMatch(/DESCRIPTION:Agenda: SEND sufficiency\./);
		expect(unfolded).not.toContain('<strong>');
		// Raw HTML in the Markdown was never markup: it stays as the words the author typed.
		expect(unfolded).toContain('Papers [https://example.org/papers]');
		expect(body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
	});
});
