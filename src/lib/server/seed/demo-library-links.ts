/**
 * Demo: the library woven into the rest of the network — documents attached to posts in
 * discussions, and Lancashire's strategy linked on its succession checklist. Runs after the
 * discussions, succession and the library are seeded.
 */
import { eq } from 'drizzle-orm';
import { libraryEntry, thread } from '../db/schema';
import * as posts from '../discussions/posts';
import * as documents from '../succession/documents';
import * as training from '../training/entries';
import { isoDate } from '../../time';
import { actorById } from '../network/members';
import type { DemoContext } from './context';

const HOUR = 3_600_000;

/** Replies that share a library document, in threads where it answers the question. */
const REPLIES = [
	{
		by: 'member@example.org',
		thread: 'Corporate parenting panel: how often do you hear directly from children in care?',
		documents: ['Corporate parenting strategy 2026 to 2029'],
		hoursAgo: 30,
		body: 'Our strategy is now in the library, attached here. Pledge 5 is the one this thread made us write: councillors meet the Children in Care Council every quarter, on their ground, with a “you said, we did” letter within six weeks.'
	},
	{
		by: 'coordinator@example.org',
		thread: 'North West network meeting on 9 December – agenda suggestions',
		documents: ['Induction pack for new Lead Members – North West', 'Corporate parenting board: quarterly scorecard template'],
		hoursAgo: 20,
		body: 'Two papers for the meeting, both from the North West library: the induction pack we give new Lead Members, and the scorecard template several boards now use. Please bring comments.'
	}
];

export function seedLibraryLinks(ctx: DemoContext) {
	const entryId = (title: string) => ctx.db.select({ id: libraryEntry.id }).from(libraryEntry).where(eq(libraryEntry.title, title)).get()?.id;
	for (const r of REPLIES) {
		const actor = actorById(ctx.memberId(r.by));
		const t = ctx.db.select({ id: thread.id }).from(thread).where(eq(thread.title, r.thread)).get();
		const attached = r.documents.map(entryId).filter((id): id is number => id != null);
		if (!actor || !t || attached.length !== r.documents.length) throw new Error(`Demo attachment cannot be made: ${r.thread}`);
		const made = posts.reply(actor, t.id, { body: r.body, attachments: attached }, ctx.now - r.hoursAgo * HOUR);
		if (!made.ok) throw new Error(`Demo reply refused: ${JSON.stringify(made.errors)}`);
	}
	// Lancashire's corporate parenting strategy, on its checklist item and in its handover pack.
	const tom = actorById(ctx.memberId('member@example.org'))!;
	const strategy = entryId('Corporate parenting strategy 2026 to 2029')!;
	const linked = documents.setForItem(tom, ctx.authorityId('Lancashire'), 'corporate-parenting', [strategy], {}, ctx.now - 10 * HOUR);
	if (!linked.ok) throw new Error(`Demo checklist link refused: ${JSON.stringify(linked.errors)}`);
	// "Add to my training log" from the Leeds case study.
	const caseStudy = entryId('Giving the Children in Care Council real influence')!;
	const logged = training.addEntry(
		tom,
		{ startDate: isoDate(ctx.now - 3 * 24 * HOUR), title: 'Read: Giving the Children in Care Council real influence', provider: 'Leeds', kind: 'informal', topics: ['participation', 'corporate-parenting'], hours: '1', reflection: 'Ask our Children in Care Council to set the panel agenda twice a year.', libraryEntryId: caseStudy },
		ctx.now - 3 * 24 * HOUR
	);
	if (!logged.ok) throw new Error(`Demo training entry refused: ${JSON.stringify(logged.errors)}`);
}
