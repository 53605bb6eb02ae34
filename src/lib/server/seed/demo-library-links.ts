/**
 * Demo: the library woven into the rest of the network — documents attached to posts in
 * discussions (one a file uploaded straight from the reply form), and Lancashire's strategy linked on its succession checklist. Runs after the
 * discussions, succession and the library are seeded.
 */
import { eq } from 'drizzle-orm';
import { libraryEntry, thread } from '../db/schema';
import * as posts from '../discussions/posts';
import * as documents from '../succession/documents';
import * as training from '../training/entries';
import { isoDate } from '../../time';
import { actorById } from '../network/members';
import * as files from '../files';
import { simpleDocx } from './demo-files';
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

/** A reply with a file uploaded straight from the reply form (it becomes a national template in the library). */
const UPLOADED = {
	by: 'mentor@example.org',
	thread: 'Corporate parenting panel: how often do you hear directly from children in care?',
	hoursAgo: 26,
	body: 'Here is the letter template we use after each Children in Care Council meeting – it keeps us honest about the “you said, we did”. Adapt it freely.',
	kind: 'template',
	file: {
		name: 'You_said_we_did letter template.docx',
		bytes: () =>
			simpleDocx('You said, we did: letter to the Children in Care Council', [
				'Dear members of the Children in Care Council,',
				'At our meeting on [date] you told us: [what they said, in their words].',
				'What we did: [the change, who made it, and when].',
				'What we have not done yet, and why: [honest answer, and when we will come back to you].',
				'Signed by the Lead Member and the Director of Children’s Services.'
			])
	}
};

/** The demo reply's file, received before the seeding transaction (receiving streams to disk). */
export async function receiveDemoUpload(): Promise<files.Received> {
	const r = await files.receive(UPLOADED.file.bytes(), UPLOADED.file.name);
	if (!r.ok) throw new Error(`Demo file refused: ${UPLOADED.file.name}: ${r.message}`);
	return r.file;
}

export function seedLibraryLinks(ctx: DemoContext, upload: files.Received) {
	const entryId = (title: string) => ctx.db.select({ id: libraryEntry.id }).from(libraryEntry).where(eq(libraryEntry.title, title)).get()?.id;
	for (const r of REPLIES) {
		const actor = actorById(ctx.memberId(r.by));
		const t = ctx.db.select({ id: thread.id }).from(thread).where(eq(thread.title, r.thread)).get();
		const attached = r.documents.map(entryId).filter((id): id is number => id != null);
		if (!actor || !t || attached.length !== r.documents.length) throw new Error(`Demo attachment cannot be made: ${r.thread}`);
		const made = posts.reply(actor, t.id, { body: r.body, attachments: attached }, ctx.now - r.hoursAgo * HOUR);
		if (!made.ok) throw new Error(`Demo reply refused: ${JSON.stringify(made.errors)}`);
	}
	{
		const actor = actorById(ctx.memberId(UPLOADED.by));
		const t = ctx.db.select({ id: thread.id }).from(thread).where(eq(thread.title, UPLOADED.thread)).get();
		if (!actor || !t) throw new Error(`Demo upload cannot be made: ${UPLOADED.thread}`);
		const made = posts.reply(actor, t.id, { body: UPLOADED.body, upload: { file: upload, kind: UPLOADED.kind } }, ctx.now - UPLOADED.hoursAgo * HOUR);
		if (!made.ok) throw new Error(`Demo reply with a file refused: ${JSON.stringify(made.errors)}`);
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
