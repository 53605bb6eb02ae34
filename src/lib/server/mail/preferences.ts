/** Members' email choices. Knows kinds of email by name only, no area. */
import { eq, inArray, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { emailPreference, type EmailPreference } from '../db/schema';
import type { NotifyChoice } from '../../vocab';

/** Kinds of immediate notification a member can choose for, with their defaults. */
export const NOTIFICATION_KINDS = {
	mention: { label: 'Someone mentions me', default: 'immediately' },
	reply: { label: 'Replies in threads I follow', default: 'digest' },
	answer: { label: 'An answer is accepted on my question', default: 'immediately' },
	mentoring: { label: 'Mentoring proposals and meetings', default: 'immediately' },
	moderation: { label: 'Moderation of my posts', default: 'immediately' },
	succession: { label: 'Succession checklist reminders from my coordinator', default: 'immediately' },
	events: { label: 'New events for me (network meetings, courses, webinars)', default: 'immediately' },
	/** Shown to coordinators only: "in my digest" lists the request there instead. */
	mentorRequest: { label: 'A member in my region asks for a mentor', default: 'immediately', coordinatorsOnly: true }
} as const satisfies Record<string, { label: string; default: NotifyChoice; coordinatorsOnly?: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export type Preferences = Omit<EmailPreference, 'notifications' | 'updatedAt'> & { notifications: Record<NotificationKind, NotifyChoice> };

export function defaults(memberId: number): Preferences {
	return {
		memberId,
		digestFrequency: 'weekly',
		digestWeekday: 1,
		digestHour: 7,
		regionalDigest: true,
		digestWhenVisited: false,
		notifications: Object.fromEntries(Object.entries(NOTIFICATION_KINDS).map(([k, v]) => [k, v.default])) as Record<NotificationKind, NotifyChoice>
	};
}

/** A stored row with the defaults filled in. */
function fromRow(memberId: number, row: EmailPreference | undefined): Preferences {
	const base = defaults(memberId);
	if (!row) return base;
	return {
		memberId,
		digestFrequency: row.digestFrequency,
		digestWeekday: row.digestWeekday,
		digestHour: row.digestHour,
		regionalDigest: row.regionalDigest,
		digestWhenVisited: row.digestWhenVisited,
		notifications: { ...base.notifications, ...(row.notifications as Partial<Record<NotificationKind, NotifyChoice>>) }
	};
}

/** A member's preferences (defaults filled in). */
export function get(memberId: number): Preferences {
	return fromRow(memberId, byMember().get({ memberId }));
}

const byMember = prepared(() => db.select().from(emailPreference).where(eq(emailPreference.memberId, sql.placeholder('memberId'))).prepare());

/**
 * Preferences of many members at once (defaults filled in), for the digest scheduler and
 * regional digest recipients. Without `ids`, a lookup over everyone.
 */
export function many(ids?: number[]): (memberId: number) => Preferences {
	const rows = new Map<number, EmailPreference>();
	if (ids === undefined) for (const r of db.select().from(emailPreference).all()) rows.set(r.memberId, r);
	else
		for (let i = 0; i < ids.length; i += 500) {
			for (const r of db.select().from(emailPreference).where(inArray(emailPreference.memberId, ids.slice(i, i + 500))).all()) rows.set(r.memberId, r);
		}
	return (memberId) => fromRow(memberId, rows.get(memberId));
}

/**
 * Like `many()` for every member, read 1,000 rows at a time with a turn of the event loop
 * between them (the scheduler, in the web server's process, over thousands of members).
 */
export async function allYielding(): Promise<(memberId: number) => Preferences> {
	const rows = new Map<number, EmailPreference>();
	for (let after = 0; ; ) {
		const page = preferencePage().all({ after });
		for (const r of page) rows.set(r.memberId, r);
		if (page.length < PAGE) break;
		after = page[page.length - 1].memberId;
		await new Promise((r) => setImmediate(r));
	}
	return (memberId) => fromRow(memberId, rows.get(memberId));
}

const PAGE = 1000;
const preferencePage = prepared(() =>
	db
		.select()
		.from(emailPreference)
		.where(sql`${emailPreference.memberId} > ${sql.placeholder('after')}`)
		.orderBy(emailPreference.memberId)
		.limit(PAGE)
		.prepare()
);

/** Saves some of a member's preferences. */
export function update(memberId: number, patch: Partial<Omit<Preferences, 'memberId'>>, now = Date.now()) {
	const next = { ...get(memberId), ...patch, memberId };
	db.insert(emailPreference)
		.values({ ...next, updatedAt: now })
		.onConflictDoUpdate({ target: emailPreference.memberId, set: { ...next, updatedAt: now } })
		.run();
}

/** How a member wants to hear about one kind of notification. */
export function choiceFor(memberId: number, kind: NotificationKind): NotifyChoice {
	return get(memberId).notifications[kind];
}
