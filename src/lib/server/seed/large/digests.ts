/**
 * Digests for the large network: regional digests sent fortnightly or so in every region and
 * nationally (their sections suggested from the network's own content by the app, their emails
 * recorded as sent — bodies emptied, as retention does after 90 days), and every member's
 * personal digest schedule as if the scheduler had been running for months.
 */
import { REGIONS } from '../../../vocab';
import * as regional from '../../digests/regional';
import { previousDigestAt } from '../../schedule';
import { renderMarkdown } from '../../markdown';
import { DAY, type LargeContext } from './context';
import { between, pick } from './text';

const INTROS = [
	'A round-up of the fortnight in the network. Thank you to everyone who answered questions from colleagues.',
	'Inspection season is upon us: the threads below are the ones people found most useful.',
	'Welcome to the new Lead Members who joined this month. Do say hello in the discussions.',
	'A shorter digest this time, with dates for the next network meeting and a reminder about mentoring.'
];

export function seedLargeDigests(ctx: LargeContext, targets: { regionalDigests: number }): { regionalDigests: number; recorded: number } {
	const { sqlite, random, now } = ctx;
	const insertDigest = sqlite.prepare(
		`INSERT INTO regional_digest (region_id, title, intro, intro_html, intro_text, sections, covers_from, status, sent_at, sent_by_id, recipient_count, created_by_id, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?, ?, ?)`
	);
	const insertEmail = sqlite.prepare(
		`INSERT OR IGNORE INTO outbox_message (idempotency_key, kind, recipient_id, to_address, subject, text, html, batch_key, status, attempts, next_attempt_at, created_at, sent_at, message_id)
		 VALUES (?, 'regional-digest', ?, ?, ?, '', '', ?, 'sent', 1, ?, ?, ?, ?)`
	);
	const senders = new Map(ctx.people.filter((p) => p.role === 'coordinator' && p.coordinatorRegionId).map((p) => [p.coordinatorRegionId!, p.id]));
	const admin = ctx.people.find((p) => p.role === 'admin')?.id ?? null;
	const scopes: (string | null)[] = [...REGIONS.map(([v]) => v), null];
	const have = (sqlite.prepare("SELECT count(*) AS n FROM regional_digest WHERE status = 'sent'").get() as { n: number }).n;
	const perScope = Math.ceil((targets.regionalDigests - have) / scopes.length);
	let made = 0;
	let recorded = 0;
	for (const regionId of scopes) {
		const recipients = regionId ? (ctx.byRegion.get(regionId) ?? []) : ctx.people;
		const name = regionId ? REGIONS.find(([v]) => v === regionId)![1] : 'National';
		for (let i = perScope; i > 0 && have + made < targets.regionalDigests; i--) {
			const sentAt = now - (i * 15 + between(random, 0, 4)) * DAY;
			const coversFrom = sentAt - 15 * DAY;
			const sections = regional.suggestedSections(regionId, coversFrom, sentAt).map((s) => ({ ...s, kept: random() < 0.8 }));
			const intro = pick(random, INTROS);
			const introHtml = renderMarkdown(intro);
			const title = `${name} digest: ${new Date(sentAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })}`;
			const by = regionId ? (senders.get(regionId) ?? admin) : admin;
			const id = Number(insertDigest.run(regionId, title, intro, introHtml, intro, JSON.stringify(sections), coversFrom, sentAt, by, recipients.length, by, sentAt - DAY, sentAt).lastInsertRowid);
			const batch = regional.batchKeyOf(id);
			for (const m of recipients) {
				if (m.createdAt > sentAt) continue;
				recorded += insertEmail.run(`${batch}:member:${m.id}`, m.id, m.email, title, batch, sentAt, sentAt, sentAt + between(random, 1, 600) * 1000, `<${batch}.${m.id}@lead-member-network>`).changes;
			}
			made++;
		}
	}
	// Personal digests: everyone's last period handled, a sixth of members on daily digests.
	const setDaily = sqlite.prepare(`INSERT OR IGNORE INTO email_preference (member_id, digest_frequency, digest_weekday, digest_hour, regional_digest, notifications, updated_at) VALUES (?, 'daily', 1, 7, 1, '{}', ?)`);
	const setState = sqlite.prepare('INSERT OR IGNORE INTO personal_digest_state (member_id, last_due_at, covered_until, last_sent_at, updated_at) VALUES (?, ?, ?, ?, ?)');
	const weekly = previousDigestAt({ frequency: 'weekly', weekday: 1, hour: 7 }, now)!;
	const daily = previousDigestAt({ frequency: 'daily', weekday: 1, hour: 7 }, now)!;
	for (const m of ctx.people) {
		const isDaily = m.role === 'member' && random() < 1 / 6 && setDaily.run(m.id, now - 100 * DAY).changes > 0;
		const last = isDaily ? daily : weekly;
		setState.run(m.id, last, last, last, last);
	}
	sqlite.prepare(`INSERT OR REPLACE INTO digest_setting (key, value) VALUES ('scheduler-started-at', ?)`).run(now - 400 * DAY);
	ctx.log(`digests: ${have + made} regional digests sent, ${recorded} of their emails recorded; personal digest schedules for ${ctx.people.length} members`);
	return { regionalDigests: have + made, recorded };
}
