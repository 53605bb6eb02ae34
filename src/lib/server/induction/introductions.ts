/**
 * Each region's introductions thread: a regional thread in discussions where new members say who
 * they are. The first introduction in a region starts it; later ones reply to it. Posting goes
 * through discussions' own functions, with the member as the actor (the same checks as the web
 * form: length, rate limit, the child-safety check).
 */
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { inductionRegion } from '../db/schema';
import type { Actor } from '../auth/policy';
import * as threads from '../discussions/threads';
import * as posts from '../discussions/posts';
import type { ChildSafetyWarning } from '../discussions/child-safety';
import * as categories from '../discussions/categories';
import * as members from '../network/members';
import { regionName } from '../network/authorities';
import { POSITIONS, label } from '../../vocab';
import { formatDay } from './dates';

/** The region's introductions thread, if it has one that still exists. */
export function introductionsThreadId(regionId: string): number | null {
	const row = db.select().from(inductionRegion).where(eq(inductionRegion.regionId, regionId)).get();
	if (row?.introductionsThreadId == null) return null;
	return posts.threadFacts(row.introductionsThreadId) ? row.introductionsThreadId : null;
}

function remember(regionId: string, threadId: number): void {
	db.insert(inductionRegion).values({ regionId, introductionsThreadId: threadId }).onConflictDoUpdate({ target: inductionRegion.regionId, set: { introductionsThreadId: threadId } }).run();
}

export function threadTitle(regionId: string): string {
	return `Introductions: new Lead Members in the ${regionName(regionId)}`;
}

/** The introduction we start for the member from their profile; they change it before posting. */
export function draftFor(actor: Actor): { body: string; threadId: number | null; regionName: string } {
	const p = members.profile(actor.id);
	const lines = [`Hello everyone. I am ${p?.name ?? ''}, ${label(POSITIONS, p?.position ?? 'lead-member')} at ${p?.authorityName ?? 'my authority'}${p?.inRoleSince ? ` since ${formatDay(p.inRoleSince)}` : ''}.`];
	if (p?.background.trim()) lines.push(`Before this: ${p.background.trim()}`);
	lines.push('What I would most like to hear about from others in the region: ');
	return { body: lines.join('\n\n'), threadId: introductionsThreadId(actor.regionId), regionName: regionName(actor.regionId) };
}

export type IntroductionResult = { ok: true; threadId: number; postNumber: number } | { ok: false; errors: Record<string, string>; childSafety?: ChildSafetyWarning[] };

/** Posts the member's introduction in their region's introductions thread, starting the thread if the region has none. */
export function post(actor: Actor, body: string, childSafeConfirmed: boolean, now = Date.now()): IntroductionResult {
	const existing = introductionsThreadId(actor.regionId);
	if (existing != null) {
		const r = posts.reply(actor, existing, { body, childSafeConfirmed }, now);
		if (!r.ok) return { ok: false, errors: keyed(r.errors), childSafety: r.childSafety };
		return { ok: true, threadId: existing, postNumber: r.value.number };
	}
	const category = categories.bySlug('the-role') ?? categories.active()[0];
	const r = threads.create(actor, { title: threadTitle(actor.regionId), categoryId: category?.id ?? 0, regionId: actor.regionId, body, isQuestion: false, childSafeConfirmed }, now);
	if (!r.ok) return { ok: false, errors: keyed(r.errors), childSafety: r.childSafety };
	remember(actor.regionId, r.value.id);
	return { ok: true, threadId: r.value.id, postNumber: 1 };
}

/** Discussions' messages about the title or category are ours to explain: the member only wrote the body. */
function keyed(errors: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(errors)) out[k === 'body' || k === 'form' || k === 'childSafeConfirmed' ? k : 'form'] = v;
	return out;
}

/** For the demo and tests: use this thread as the region's introductions thread. */
export function useThread(regionId: string, threadId: number): void {
	remember(regionId, threadId);
}
