/**
 * Training for the large network: regional and national events (past and upcoming, with people
 * going), and members' logs — a few with nothing, most with a handful of entries a year, some
 * keen ones with dozens — including entries added from events.
 */
import { EVENT_KINDS, REGIONS, TOPICS, TRAINING_KINDS, type Topic } from '../../../vocab';
import { isoDate } from '../../../time';
import { renderMarkdown } from '../../markdown';
import { DAY, HOUR, type LargeContext } from './context';
import { between, pick, PROVIDERS, REFLECTIONS, some, TRAINING_TITLES } from './text';

const TOPIC_VALUES = TOPICS.map(([v]) => v) as Topic[];
const KINDS = TRAINING_KINDS.map(([v]) => v);
const EVENT_KIND_VALUES = EVENT_KINDS.map(([v]) => v);
const REGION_VALUES = REGIONS.map(([v]) => v);

export function seedLargeTraining(ctx: LargeContext, targets: { entries: number; events: number }): { entries: number; events: number } {
	const { sqlite, random, now } = ctx;
	const insertEvent = sqlite.prepare(
		`INSERT INTO training_event (region_id, title, kind, starts_at, ends_at, location, online_url, provider, topics, description, description_html, created_by_id, cancelled_at, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertAttendance = sqlite.prepare('INSERT OR IGNORE INTO training_event_attendance (event_id, member_id, created_at) VALUES (?, ?, ?)');
	const insertEntry = sqlite.prepare(
		`INSERT OR IGNORE INTO training_entry (member_id, start_date, end_date, title, provider, kind, topics, minutes, reflection, link, event_id, source_key, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const coordinators = new Map(ctx.people.filter((p) => p.role === 'coordinator' && p.coordinatorRegionId).map((p) => [p.coordinatorRegionId!, p.id]));
	const admin = ctx.people.find((p) => p.role === 'admin')?.id ?? null;

	// --- Events: two years back, three months ahead ----------------------------------------------
	const events: { id: number; regionId: string | null; startsAt: number; title: string; kind: string; provider: string; topics: Topic[]; minutes: number }[] = [];
	for (let i = 0; i < targets.events; i++) {
		const regionId = random() < 0.75 ? pick(random, REGION_VALUES) : null;
		const kind = pick(random, EVENT_KIND_VALUES);
		const day = now - between(random, -90, 730) * DAY;
		const startsAt = day - (day % DAY) + between(random, 9, 18) * HOUR;
		const minutes = kind === 'conference' ? 360 : kind === 'webinar' ? 90 : pick(random, [120, 180, 210]);
		const topics = some(random, TOPIC_VALUES, between(random, 1, 3));
		const title = kind === 'network-meeting' ? `${regionId ? REGIONS.find(([v]) => v === regionId)![1] : 'National'} Lead Member network: ${pick(random, ['spring', 'summer', 'autumn', 'winter'])} meeting` : pick(random, TRAINING_TITLES[pick(random, ['subject-course', 'national-network', 'lga-leadership'])]);
		const provider = regionId ? `${REGIONS.find(([v]) => v === regionId)![1]} Lead Member network` : 'Local Government Association';
		const online = kind === 'webinar' ? 'https://meet.example.org/lead-members' : '';
		const description = `A ${kind.replace('-', ' ')} for Lead Members and deputies.\n\n- ${pick(random, TRAINING_TITLES['subject-course'])}\n- Swapping what works\n\nPapers are sent a week before.`;
		const html = renderMarkdown(description);
		const createdBy = regionId ? (coordinators.get(regionId) ?? admin) : admin;
		const id = Number(insertEvent.run(regionId, title, kind, startsAt, startsAt + minutes * 60_000, online ? '' : 'Council offices', online, provider, JSON.stringify(topics), description, html, createdBy, random() < 0.03 ? startsAt - 5 * DAY : null, startsAt - 40 * DAY, startsAt - 40 * DAY).lastInsertRowid);
		events.push({ id, regionId, startsAt, title, kind, provider, topics, minutes });
	}
	const upcoming = events.filter((e) => e.startsAt > now);
	const past = events.filter((e) => e.startsAt < now - DAY);
	const pastByRegion = new Map<string | null, typeof past>();
	for (const e of past) pastByRegion.set(e.regionId, [...(pastByRegion.get(e.regionId) ?? []), e]);

	// --- Logs: skewed counts per member; about one in twelve has none -------------------------------
	const have = (sqlite.prepare('SELECT count(*) AS n FROM training_entry').get() as { n: number }).n;
	const people = ctx.people;
	const weights = people.map(() => (random() < 1 / 12 ? 0 : Math.pow(random(), 2)));
	const sum = weights.reduce((a, b) => a + b, 0);
	const budget = targets.entries - have;
	let entries = 0;
	people.forEach((p, i) => {
		const n = Math.round((weights[i] / sum) * budget);
		const joined = Math.max(p.createdAt, now - 3 * 365 * DAY);
		for (let k = 0; k < n && entries < budget; k++) {
			const at = joined + Math.floor(Math.pow(random(), 0.7) * (now - joined));
			const fromEvent = random() < 0.2 ? pick(random, [...(pastByRegion.get(p.regionId) ?? []), ...(pastByRegion.get(null) ?? [])]) : undefined;
			if (fromEvent) {
				const date = isoDate(fromEvent.startsAt);
				const kind = fromEvent.kind === 'network-meeting' ? (fromEvent.regionId ? 'regional-network' : 'national-network') : 'subject-course';
				entries += insertEntry.run(p.id, date, date, fromEvent.title, fromEvent.provider, kind, JSON.stringify(fromEvent.topics), fromEvent.minutes, pick(random, REFLECTIONS), '', fromEvent.id, `event:${fromEvent.id}`, fromEvent.startsAt + DAY, fromEvent.startsAt + DAY).changes;
				continue;
			}
			const kind = pick(random, KINDS);
			const start = isoDate(at);
			const days = kind === 'lga-leadership' && random() < 0.5 ? between(random, 1, 2) : 0;
			const minutes = kind === 'lga-leadership' ? (days + 1) * 360 : kind === 'e-learning' ? pick(random, [30, 45, 60]) : pick(random, [60, 90, 120, 180]);
			entries += insertEntry.run(p.id, start, isoDate(at + days * DAY), pick(random, TRAINING_TITLES[kind]), PROVIDERS[kind], kind, JSON.stringify(some(random, TOPIC_VALUES, between(random, 1, 3))), minutes, pick(random, REFLECTIONS), '', null, null, at + HOUR, at + HOUR).changes;
		}
	});
	// Top up to the exact figure (rounding) with informal learning.
	for (let i = 0; entries < budget; i++) {
		const p = people[i % people.length];
		const at = now - between(random, 1, 700) * DAY;
		entries += insertEntry.run(p.id, isoDate(at), isoDate(at), pick(random, TRAINING_TITLES.informal), '', 'informal', JSON.stringify([pick(random, TOPIC_VALUES)]), 60, '', '', null, null, at, at).changes;
	}
	// People going to upcoming events.
	let going = 0;
	for (const e of upcoming) {
		const pool = e.regionId ? (ctx.byRegion.get(e.regionId) ?? people) : people;
		for (let k = between(random, 5, 60); k > 0; k--) going += insertAttendance.run(e.id, pick(random, pool).id, now - between(random, 1, 30) * DAY).changes;
	}
	// Most active mentees share their log with their mentor.
	const shared = sqlite
		.prepare(
			`INSERT OR IGNORE INTO training_sharing (member_id, mentor_id, shared_at)
			 SELECT mentee_id, mentor_id, created_at FROM pairing WHERE status = 'active' AND mentee_id IS NOT NULL AND mentor_id IS NOT NULL AND (id % 4) <> 0`
		)
		.run().changes;
	const total = (sqlite.prepare('SELECT count(*) AS n FROM training_entry').get() as { n: number }).n;
	ctx.log(`training: ${events.length} events (${upcoming.length} upcoming, ${going} going), ${total} log entries, ${shared} logs shared with mentors`);
	// Every event was announced when it was published and every booking reminded, as migration
	// 0016 marks an existing network's (the demo's event left to announce at start included): a
	// server started on this network emails only what happens after the seed, not 20,000 members.
	sqlite.exec('UPDATE training_event SET announced_at = created_at WHERE announced_at IS NULL');
	sqlite.exec('UPDATE training_event_attendance SET reminded_at = created_at WHERE reminded_at IS NULL');
	return { entries: total, events: events.length };
}
