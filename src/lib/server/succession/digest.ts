/**
 * The succession part of digests and of the home page: the member's own authority only
 * (its score, overdue items, the election countdown), and figures — never an authority's
 * items or notes — for regional digests.
 */
import { and, count, desc, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { checklistChange } from '../db/schema';
import { can } from '../auth/policy';
import { authorityById, regionName } from '../network/authorities';
import type { DigestGroup, DigestItem, DigestRecipient, DigestSection } from '../digest-items';
import { existing, summaries } from './checklists';
import { describe } from './history';
import { rowsFor, stats } from './region';
import { FLAG_LABELS } from './score';
import { countdownText, formatDay, plural, readinessText, today as todayOf } from './words';
import { perInstant } from '../per-instant';

type Summary = ReturnType<typeof summaries> extends Map<number, infer S> ? S : never;

/** An authority's checklist and summary, once per digest run (all its members get the same). */
const checklistOnce = perInstant<ReturnType<typeof existing>>();
const summaryOnce = perInstant<Summary>();
/** Its standing lines, once per digest run. */
const standingOnce = perInstant<ReturnType<typeof standingOf>>();
/** The same changes described once per run (every member of an authority who did not make them sees the same lines). */
const describedOnce = perInstant<ReturnType<typeof describe>>();

const SHOW = 5;

/** Changes to a checklist in (since, now] made by someone other than the member (or by no one). */
const othersChanges = and(
	eq(checklistChange.checklistId, sql.placeholder('checklistId')),
	gt(checklistChange.at, sql.placeholder('since')),
	lte(checklistChange.at, sql.placeholder('now')),
	or(isNull(checklistChange.changedById), ne(checklistChange.changedById, sql.placeholder('memberId')))
);
// Every member's digest asks (20,000 in a run): prepared once per connection.
const changesQuery = prepared(() => db.select().from(checklistChange).where(othersChanges).orderBy(desc(checklistChange.id)).limit(SHOW).prepare());
const changeCountQuery = prepared(() => db.select({ n: count() }).from(checklistChange).where(othersChanges).prepare());

/** The lines every member of an authority gets alike: readiness, the election, the overdue items. */
function standingOf(s: Summary, href: string): { standing: DigestItem[]; overdue: Summary['openItems']; overdueGroup: DigestGroup | null } {
	const standing: DigestItem[] = [{ text: `Readiness ${readinessText(s.readiness)}`, href, note: `${s.sectionsDone} of ${plural(s.sections, 'section')} done` }];
	if (s.countdown && !s.countdown.passed) {
		standing.push({
			text: `Next election ${formatDay(s.countdown.date)} (${countdownText(s.countdown)})`,
			href,
			note: s.countdown.withinWindow ? `${plural(s.open, 'item')} not done yet` : undefined
		});
	} else {
		standing.push({ text: 'No date is set for the next election', href, note: 'Add it so the checklist can count down to it' });
	}
	const overdue = s.openItems.filter((i) => i.flags.includes('overdue'));
	const overdueGroup: DigestGroup | null = overdue.length
		? {
				title: 'Overdue items',
				items: overdue.slice(0, SHOW).map((i) => ({ text: i.title, href: `${href}/items/${encodeURIComponent(i.key)}`, note: `${FLAG_LABELS.overdue.toLowerCase()} since ${formatDay(i.dueDate)}` })),
				more: overdue.length > SHOW ? overdue.length - SHOW : undefined,
				moreHref: overdue.length > SHOW ? href : undefined
			}
		: null;
	return { standing, overdue, overdueGroup };
}

/**
 * What the member should know about their authority's checklist. `hasNew` is true only when
 * someone else changed it, an item became overdue, or the election came within 120 days since `since`.
 */
export function digestSection(recipient: DigestRecipient, since: number, now: number): DigestSection | null {
	const a = authorityById(recipient.authorityId);
	if (!a) return null;
	const actor = { id: recipient.id, role: recipient.role, authorityId: recipient.authorityId, regionId: recipient.regionId, coordinatorRegionId: recipient.coordinatorRegionId };
	if (!can(actor, 'checklist.view', { authorityId: a.id, regionId: a.regionId })) return null;
	const href = `/succession/${a.id}`;
	const title = `Succession readiness – ${a.name}`;
	const c = checklistOnce(now, `checklist:${a.id}`, () => existing(a.id));
	if (!c) {
		return {
			area: 'succession',
			title,
			groups: [{ title: 'Your authority’s checklist', items: [{ text: `${a.name} has not started its succession checklist yet`, href, note: 'Start it to see where you stand' }] }],
			hasNew: false
		};
	}
	const s = summaryOnce(now, `summary:${a.id}`, () => summaries([a.id], now).get(a.id)!);
	const today = todayOf(now);
	const sinceDay = todayOf(since);
	const { standing, overdue, overdueGroup } = standingOnce(now, `standing:${a.id}`, () => standingOf(s, href));
	const groups: DigestGroup[] = [{ title: 'Your authority’s checklist', items: standing }];
	if (overdueGroup) groups.push(overdueGroup);

	const params = { checklistId: c.id, since, now, memberId: recipient.id };
	const changes = changesQuery().all(params);
	const changeCount = changes.length < SHOW ? changes.length : changeCountQuery().get(params)!.n;
	if (changes.length) {
		groups.push({
			title: 'Changes since your last digest',
			items: describedOnce(now, `changes:${changes.map((x) => x.id).join(',')}`, () => describe(changes)).map((e) => ({
				text: e.itemTitle ? `${e.itemTitle}: ${e.summary ?? `${e.what.toLowerCase()} ${e.field === 'note' ? 'changed' : `now ${e.to}`}`}` : (e.summary ?? `${e.what}: ${e.to}`),
				href: e.itemKey ? `${href}/items/${encodeURIComponent(e.itemKey)}` : `${href}/history`,
				note: e.byName
			})),
			more: changeCount > SHOW ? changeCount - SHOW : undefined,
			moreHref: changeCount > SHOW ? `${href}/history` : undefined
		});
	}

	const becameOverdue = overdue.some((i) => i.dueDate != null && i.dueDate >= sinceDay);
	const windowOpened = !!s.countdown?.withinWindow && s.countdown.windowOpens > sinceDay && s.countdown.windowOpens <= today;
	return { area: 'succession', title, groups, hasNew: changes.length > 0 || becameOverdue || windowOpened };
}

/** The region's (or, with null, England's) succession figures for a regional digest. */
export function regionalDigestGroups(regionId: string | null, since: number, now: number): DigestGroup[] {
	const rows = rowsFor(regionId, now);
	const st = stats(rows);
	if (st.started === 0) return [];
	const updated = rows.filter((r) => r.updatedAt != null && r.updatedAt > since && r.updatedAt <= now).length;
	const place = regionId ? regionName(regionId) : 'England';
	const href = '/succession';
	const items: DigestItem[] = [
		{ text: `Average readiness ${st.averagePercent ?? 0}% across the ${plural(st.started, 'authority', 'authorities')} that have started a checklist`, href, note: `${st.notStarted} of ${st.authorities} not started yet` },
		{ text: `${st.green} green, ${st.amber} amber and ${st.red} red`, href },
		{ text: `${plural(updated, 'checklist')} updated since the last digest`, href }
	];
	if (st.electionsSoon > 0) items.push({ text: `${plural(st.electionsSoon, 'authority', 'authorities')} with an election within 6 months`, href, note: 'a good moment to check the handover pack' });
	return [{ title: `Succession readiness in ${place}`, items }];
}
