/**
 * "Add to my training log" from a library document: a log entry of informal learning, started
 * from the document (its title, topics and authority) for the member to confirm, and linked to it.
 * The library decides who may see the document; an entry keeps its link only while it does.
 */
import type { Actor } from '../auth/policy';
import * as cards from '../library/cards';
import { authorityById } from '../network/authorities';
import { TOPICS, values } from '../../vocab';

const TOPIC_SET = new Set<string>(values(TOPICS));

/** The document as the training pages show it, or null when the member may not see it (or it is gone). */
export function document(actor: Actor, entryId: number | null | undefined): { id: number; title: string; href: string; kindLabel: string } | null {
	if (entryId == null || !Number.isSafeInteger(entryId)) return null;
	const c = cards.cardsFor(actor, [entryId])[0];
	return c ? { id: c.id, title: c.title, href: c.href, kindLabel: c.kindLabel } : null;
}

/** The log form's starting values for a document (the member adds the date and hours and confirms). */
export function prefill(actor: Actor, entryId: number, today: string): { values: Record<string, string | string[]>; document: NonNullable<ReturnType<typeof document>> } | null {
	const c = cards.cardsFor(actor, [entryId])[0];
	if (!c || c.facts.hidden) return null;
	return {
		document: { id: c.id, title: c.title, href: c.href, kindLabel: c.kindLabel },
		values: {
			startDate: today,
			title: `Read: ${c.title}`.slice(0, 200),
			provider: authorityById(c.authorityId)?.name ?? '',
			kind: 'informal',
			topics: c.topics.filter((t) => TOPIC_SET.has(t)),
			libraryEntryId: String(c.id)
		}
	};
}
