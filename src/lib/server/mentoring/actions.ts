/**
 * Agreed actions: what the mentor, the mentee or both will do, by when, open or done. Agreed when
 * a meeting is logged (or added on the pairing page); open ones carry forward to the next meeting
 * form, the pairing page, the mentor's dashboard and both digests. Private to the pair.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, immediate, inJson, jsonList, prepared } from '../db/client';
import { pairingAction, type Pairing, type PairingAction } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { FORMER_MEMBER, notFound, pairFacts, pairingById, people, refuse, today, type Outcome } from './store';
import { formatDate } from '../../time';

export type ActionOwner = 'mentor' | 'mentee' | 'both';

/** A new action as a form gives it. */
export type NewAction = { text: string; owner: ActionOwner; dueOn: string | null };

/** Most open actions a pairing can hold at once. */
export const MAX_OPEN_ACTIONS = 30;

/** An action as pages and digests show it. */
export type ActionView = {
	id: number;
	pairingId: number;
	meetingId: number | null;
	text: string;
	owner: ActionOwner;
	/** "Sarah Holroyd", "Tom Ashworth" or "Both". */
	ownerName: string;
	dueOn: string | null;
	status: 'open' | 'done';
	/** Open and its due date has passed. */
	overdue: boolean;
	/** "due 3 December 2026", "overdue: was due 3 December 2026" or "no date agreed". */
	due: string;
	doneAt: number | null;
	createdAt: number;
};

const dateWords = (d: string) => formatDate(Date.parse(`${d}T12:00:00Z`));

/** "due 3 December 2026", "overdue: was due 3 December 2026", or "no date agreed". */
export function dueWords(a: { dueOn: string | null; overdue: boolean }): string {
	if (!a.dueOn) return 'no date agreed';
	return a.overdue ? `overdue: was due ${dateWords(a.dueOn)}` : `due ${dateWords(a.dueOn)}`;
}

function views(rows: PairingAction[], pairs: Map<number, Pick<Pairing, 'mentorId' | 'menteeId'>>, now: number): ActionView[] {
	const who = people([...pairs.values()].flatMap((p) => [p.mentorId, p.menteeId]));
	const day = today(now);
	return rows.map((r) => {
		const p = pairs.get(r.pairingId);
		const id = r.owner === 'mentor' ? p?.mentorId : r.owner === 'mentee' ? p?.menteeId : null;
		const overdue = r.status === 'open' && r.dueOn != null && r.dueOn < day;
		return {
			id: r.id,
			pairingId: r.pairingId,
			meetingId: r.meetingId,
			text: r.text,
			owner: r.owner,
			ownerName: r.owner === 'both' ? 'Both' : ((id != null ? who.get(id)?.name : undefined) ?? FORMER_MEMBER),
			dueOn: r.dueOn,
			status: r.status,
			overdue,
			due: dueWords({ dueOn: r.dueOn, overdue }),
			doneAt: r.doneAt,
			createdAt: r.createdAt
		};
	});
}

/** Open first (earliest due first, undated last), then done (latest first). */
const ORDER = [desc(pairingAction.status), sql`${pairingAction.dueOn} is null`, asc(pairingAction.dueOn), desc(pairingAction.doneAt), asc(pairingAction.id)];

/** Every action of a pairing (the caller has checked the actor may see the pair's private things). */
export function ofPairing(p: Pick<Pairing, 'id' | 'mentorId' | 'menteeId'>, now = Date.now()): ActionView[] {
	const rows = db.select().from(pairingAction).where(eq(pairingAction.pairingId, p.id)).orderBy(...ORDER).all();
	return views(rows, new Map([[p.id, p]]), now);
}

/** openOf's statement, prepared once (every home page of a mentor or mentee asks): the pairing ids bound as one JSON array. */
const openOfQuery = prepared(() =>
	db
		.select()
		.from(pairingAction)
		.where(and(inJson(pairingAction.pairingId, 'pairingIds'), eq(pairingAction.status, 'open')))
		.orderBy(...ORDER)
		.prepare()
);

/** The open actions of some pairings, by pairing (for dashboards and digests). */
export function openOf(pairs: Pick<Pairing, 'id' | 'mentorId' | 'menteeId'>[], now = Date.now()): Map<number, ActionView[]> {
	const out = new Map<number, ActionView[]>();
	if (pairs.length === 0) return out;
	const rows = openOfQuery().all({ pairingIds: jsonList(pairs.map((p) => p.id)) });
	for (const v of views(rows, new Map(pairs.map((p) => [p.id, p])), now)) {
		const list = out.get(v.pairingId) ?? [];
		list.push(v);
		out.set(v.pairingId, list);
	}
	return out;
}

/**
 * Records the actions agreed at a meeting and marks the ones the pair ticked as done — inside the
 * caller's transaction (meetings.log). Ids that are not this pairing's open actions are ignored.
 */
export function recordAtMeeting(pairingId: number, meetingId: number, actorId: number, added: NewAction[], doneIds: number[], now: number): void {
	if (added.length) {
		db.insert(pairingAction)
			.values(added.map((a) => ({ pairingId, meetingId, text: a.text, owner: a.owner, dueOn: a.dueOn, status: 'open' as const, createdById: actorId, createdAt: now, updatedAt: now })))
			.run();
	}
	if (doneIds.length) {
		db.update(pairingAction)
			.set({ status: 'done', doneAt: now, doneById: actorId, updatedAt: now })
			.where(and(eq(pairingAction.pairingId, pairingId), eq(pairingAction.status, 'open'), inArray(pairingAction.id, doneIds)))
			.run();
	}
}

/** How many open actions a pairing has. */
export function openCount(pairingId: number): number {
	return Number(db.select({ n: sql<number>`count(*)` }).from(pairingAction).where(and(eq(pairingAction.pairingId, pairingId), eq(pairingAction.status, 'open'))).get()?.n ?? 0);
}

function forPair(actor: Actor, pairingId: number): Pairing {
	const p = pairingById(pairingId);
	if (!p) notFound();
	authorize(actor, 'pairing.edit', pairFacts(p), { hide: true });
	return p;
}

const CLOSED = 'This mentoring has closed, so it cannot be changed.';

/** Adds an action on the pairing page (the pair only, while active). */
export function add(actor: Actor, pairingId: number, input: NewAction, now = Date.now()): Outcome<{ id: number }> {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	if (input.dueOn && input.dueOn < today(now)) return refuse('Enter a due date that is today or later', 'actionDue');
	return immediate(() => {
		if (openCount(p.id) >= MAX_OPEN_ACTIONS) return refuse(`A pairing can have up to ${MAX_OPEN_ACTIONS} open actions. Mark some as done first.`, 'actionText');
		const row = db
			.insert(pairingAction)
			.values({ pairingId: p.id, text: input.text, owner: input.owner, dueOn: input.dueOn, status: 'open', createdById: actor.id, createdAt: now, updatedAt: now })
			.returning({ id: pairingAction.id })
			.get();
		return { ok: true as const, id: row.id };
	});
}

/** Marks an action done, or open again (the pair only, while active). */
export function setStatus(actor: Actor, pairingId: number, actionId: number, status: 'open' | 'done', now = Date.now()): Outcome {
	const p = forPair(actor, pairingId);
	if (p.status !== 'active') return refuse(CLOSED);
	const changed = db
		.update(pairingAction)
		.set(status === 'done' ? { status, doneAt: now, doneById: actor.id, updatedAt: now } : { status, doneAt: null, doneById: null, updatedAt: now })
		.where(and(eq(pairingAction.id, actionId), eq(pairingAction.pairingId, p.id)))
		.run().changes;
	return changed ? { ok: true } : refuse('That action no longer exists.');
}
