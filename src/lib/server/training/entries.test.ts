import { afterEach, describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as entries from './entries';
import * as sharing from './sharing';
import { useMentorLookup } from './mentor';
import { NOW, statusOf } from '../../../../tests/support/training';
import { provideLinks } from '../links';

// Training asks mentoring who a member's mentor is, through the lookup the server provides at start.
provideLinks();

const input = (over: Record<string, unknown> = {}) => ({
	startDate: '2026-10-14',
	title: 'North West network meeting',
	provider: 'North West network',
	kind: 'regional-network',
	topics: ['send'],
	hours: '2.5',
	reflection: 'Private thoughts about our SEND backlog',
	...over
});

function add(actor: Parameters<typeof entries.addEntry>[0], over: Record<string, unknown> = {}) {
	const r = entries.addEntry(actor, input(over), NOW);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.entry;
}

const all = new URLSearchParams();

afterEach(() => useMentorLookup(null));

describe('a member’s own log', () => {
	it('adds, lists newest first, filters and totals', () => {
		const me = makeMember();
		add(me.actor, { startDate: '2026-09-01', kind: 'induction', topics: ['corporate-parenting'], hours: '3' });
		add(me.actor);
		add(me.actor, { startDate: '2024-03-05', kind: 'e-learning', topics: ['safeguarding'], hours: '1' });
		const page = entries.logPage(me.actor, entries.parseFilter(all), NOW);
		expect(page.entries.map((e) => e.startDate)).toEqual(['2026-10-14', '2026-09-01', '2024-03-05']);
		expect(page.totals).toEqual({ entries: 3, minutes: 390, hours: 6.5 });
		expect(page.lastTwelveMonths).toEqual({ entries: 2, hours: 5.5 });
		expect(page.periods.map((p) => p[0])).toEqual(['all', '3m', '12m', '24m', '2026', '2024']);

		const byKind = entries.logPage(me.actor, entries.parseFilter(new URLSearchParams('kind=induction')), NOW);
		expect(byKind.entries.map((e) => e.kind)).toEqual(['induction']);
		const byTopic = entries.logPage(me.actor, entries.parseFilter(new URLSearchParams('topic=safeguarding')), NOW);
		expect(byTopic.entries.map((e) => e.startDate)).toEqual(['2024-03-05']);
		const byYear = entries.logPage(me.actor, entries.parseFilter(new URLSearchParams('period=2026')), NOW);
		expect(byYear.totals.entries).toBe(2);
		const last3 = entries.logPage(me.actor, entries.parseFilter(new URLSearchParams('period=3m')), NOW);
		expect(last3.entries.map((e) => e.startDate)).toEqual(['2026-10-14', '2026-09-01']);
	});

	it('ignores crafted filter values instead of failing', () => {
		const f = entries.parseFilter(new URLSearchParams('kind=%27;drop&topic=x&period=forever&after=abc'));
		expect(f).toEqual({ kind: null, topic: null, period: 'all', after: null });
	});

	it('pages long logs by keyset', () => {
		const me = makeMember();
		for (let i = 0; i < entries.PAGE_SIZE + 5; i++) add(me.actor, { startDate: '2026-06-01', title: `Entry ${i}` });
		const first = entries.logPage(me.actor, entries.parseFilter(all), NOW);
		expect(first.entries).toHaveLength(entries.PAGE_SIZE);
		const second = entries.logPage(me.actor, entries.parseFilter(new URLSearchParams({ after: first.next! })), NOW);
		expect(second.entries).toHaveLength(5);
		expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(entries.PAGE_SIZE + 5);
		expect(second.next).toBeNull();
	});

	it('refuses bad input with messages and stores nothing', () => {
		const me = makeMember();
		const r = entries.addEntry(me.actor, input({ hours: '0', title: 'x'.repeat(201), kind: 'nap', topics: ['nope'], startDate: '2027-01-01' }), NOW);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['hours', 'kind', 'startDate', 'title', 'topics']);
		expect(entries.logPage(me.actor, entries.parseFilter(all), NOW).totals.entries).toBe(0);
	});

	it('edits and deletes its own entries', () => {
		const me = makeMember();
		const e = add(me.actor);
		const changed = entries.update(me.actor, e.id, input({ title: 'Renamed', hours: '3' }), NOW);
		expect(changed.ok && changed.entry.title).toBe('Renamed');
		expect(changed.ok && changed.entry.minutes).toBe(180);
		expect(entries.formValues(entries.forEdit(me.actor, e.id))).toMatchObject({ title: 'Renamed', hours: '3', endDate: '' });
		entries.remove(me.actor, e.id);
		expect(statusOf(() => entries.get(me.actor, e.id))).toBe(404);
	});

	it('never shows or changes another member’s entry by id: 404', () => {
		const owner = makeMember();
		const other = makeMember({ role: 'coordinator', coordinatorRegionId: 'north-west' });
		const admin = makeMember({ role: 'admin' });
		const e = add(owner.actor);
		for (const actor of [other.actor, admin.actor]) {
			expect(statusOf(() => entries.get(actor, e.id))).toBe(404);
			expect(statusOf(() => entries.forEdit(actor, e.id))).toBe(404);
			expect(statusOf(() => entries.update(actor, e.id, input({ title: 'Hijack' }), NOW))).toBe(404);
			expect(statusOf(() => entries.remove(actor, e.id))).toBe(404);
			expect(statusOf(() => entries.memberLog(actor, owner.id, NOW))).toBe(404);
		}
		expect(entries.get(owner.actor, e.id).entry.title).toBe('North West network meeting');
		expect(statusOf(() => entries.get(owner.actor, 999_999))).toBe(404);
		expect(statusOf(() => entries.get(owner.actor, Number.NaN))).toBe(404);
	});

	it('exports only the member’s own entries as CSV, oldest first', () => {
		const me = makeMember();
		const other = makeMember();
		add(me.actor, { title: '=cmd|calc', startDate: '2026-05-01' });
		add(me.actor, { title: 'Later one' });
		add(other.actor, { title: 'Not mine' });
		const { filename, body } = entries.csv(me.actor, entries.parseFilter(all), NOW);
		expect(filename).toBe('training-log-2026-11-23.csv');
		expect(body).not.toContain('Not mine');
		expect(body.indexOf("'=cmd|calc")).toBeGreaterThan(0);
		expect(body.indexOf("'=cmd|calc")).toBeLessThan(body.indexOf('Later one'));
		const filtered = entries.csv(me.actor, entries.parseFilter(new URLSearchParams('period=3m')), NOW);
		expect(filtered.body).not.toContain('cmd');
	});

	it('makes a printable record with totals for a period', () => {
		const me = makeMember({ name: 'Record Keeper', authority: 'Lancashire' });
		add(me.actor, { startDate: '2026-09-01', hours: '2' });
		add(me.actor, { startDate: '2026-10-01', hours: '1.5', kind: 'e-learning' });
		add(me.actor, { startDate: '2023-10-01', hours: '4' });
		const r = entries.record(me.actor, '12m', NOW);
		expect(r.member).toMatchObject({ name: 'Record Keeper', authorityName: 'Lancashire', regionName: 'North West' });
		expect(r.period).toMatchObject({ from: '2025-11-23', to: '2026-11-23' });
		expect(r.entries.map((e) => e.startDate)).toEqual(['2026-09-01', '2026-10-01']);
		expect(r.totals.hours).toBe(3.5);
		expect(entries.record(me.actor, 'all', NOW).totals.hours).toBe(7.5);
	});
});

describe('entries added by the system', () => {
	it('logs a mentoring meeting once per source key and updates it when logged again', () => {
		const me = makeMember();
		const first = entries.addMentoringEntry(me.id, { date: '2026-11-10', hours: 1, title: 'Mentoring meeting with Sarah', sourceKey: 'mentoring:meeting:7' }, NOW);
		expect(first.ok && first.entry.kind).toBe('mentoring');
		const again = entries.addMentoringEntry(me.id, { date: '2026-11-10', hours: 1.5, title: 'Mentoring meeting with Sarah', sourceKey: 'mentoring:meeting:7' }, NOW);
		expect(again.ok && again.entry.id).toBe(first.ok && first.entry.id);
		const page = entries.logPage(me.actor, entries.parseFilter(all), NOW);
		expect(page.entries).toHaveLength(1);
		expect(page.entries[0]).toMatchObject({ hours: 1.5, source: 'mentoring' });
		entries.removeMentoringEntry(me.id, 'mentoring:meeting:7');
		expect(entries.logPage(me.actor, entries.parseFilter(all), NOW).entries).toHaveLength(0);
	});

	it('refuses a mentoring entry in the future or with too many hours', () => {
		const me = makeMember();
		const r = entries.addMentoringEntry(me.id, { date: '2026-12-01', hours: 13, title: 'Future meeting' }, NOW);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['hours', 'startDate']);
	});
});

describe('sharing with a mentor', () => {
	it('lets the current mentor read (never edit) a shared log, and no one else', () => {
		const mentee = makeMember({ name: 'Mentee One' });
		const mentor = makeMember({ authority: 'Leeds', name: 'Mentor One' });
		const stranger = makeMember();
		useMentorLookup((id) => (id === mentee.id ? mentor.id : null));
		const e = add(mentee.actor);

		expect(statusOf(() => entries.memberLog(mentor.actor, mentee.id, NOW))).toBe(404);
		expect(sharing.status(mentee.actor)).toMatchObject({ mentor: { id: mentor.id, name: 'Mentor One' }, shared: false });

		expect(sharing.setShared(mentee.actor, true, NOW)).toEqual({ ok: true });
		const log = entries.memberLog(mentor.actor, mentee.id, NOW);
		expect(log.readOnly).toBe(true);
		expect(log.entries.map((x) => x.reflection)).toEqual(['Private thoughts about our SEND backlog']);
		expect(entries.get(mentor.actor, e.id).canEdit).toBe(false);
		expect(statusOf(() => entries.forEdit(mentor.actor, e.id))).toBe(404);
		expect(statusOf(() => entries.update(mentor.actor, e.id, input(), NOW))).toBe(404);
		expect(statusOf(() => entries.memberLog(stranger.actor, mentee.id, NOW))).toBe(404);
		expect(sharing.sharedWithMe(mentor.actor).map((m) => m.name)).toEqual(['Mentee One']);

		expect(sharing.setShared(mentee.actor, false, NOW)).toEqual({ ok: true });
		expect(statusOf(() => entries.memberLog(mentor.actor, mentee.id, NOW))).toBe(404);
		expect(sharing.sharedWithMe(mentor.actor)).toEqual([]);
	});

	it('does not pass a shared log on to a new mentor', () => {
		const mentee = makeMember();
		const first = makeMember();
		const second = makeMember({ name: 'Second Mentor' });
		let current = first.id;
		useMentorLookup((id) => (id === mentee.id ? current : null));
		sharing.setShared(mentee.actor, true, NOW);
		current = second.id;
		expect(statusOf(() => entries.memberLog(second.actor, mentee.id, NOW))).toBe(404);
		expect(statusOf(() => entries.memberLog(first.actor, mentee.id, NOW))).toBe(404);
		expect(sharing.status(mentee.actor)).toMatchObject({ shared: false, mentor: { name: 'Second Mentor' } });
	});

	it('refuses to share without a mentor', () => {
		const me = makeMember();
		const r = sharing.setShared(me.actor, true, NOW);
		expect(r.ok).toBe(false);
	});
});
