import { describe, expect, it } from 'vitest';
import { makeMember, authorityId } from '../../../../tests/support/members';
import { categoryId, tick } from '../../../../tests/support/discussions';
import { useTemporaryFilesDir } from '../../../../tests/support/files';
import { messagesTo } from '../mail/outbox';
import * as preferences from '../mail/preferences';
import * as files from '../files';
import * as library from '../library/entries';
import type { EntryInput } from '../library/input';
import type { DigestRecipient } from '../digest-items';
import type { Actor } from '../auth/policy';
import * as threads from './threads';
import * as posts from './posts';
import { digestSection } from './digest';

useTemporaryFilesDir('attach');

const caseStudy = (title: string, scope = 'national'): EntryInput => ({
	kind: 'case-study',
	title,
	summary: 'What we did about it.',
	topics: ['corporate-parenting'],
	authorityId: authorityId('Lancashire'),
	scope,
	reviewBy: null,
	situation: 'Where we started.',
	whatWeDid: 'What we did.',
	whatChanged: 'Placement moves fell from 14% to 9%.',
	differently: '',
	contact: ''
});

function entry(actor: Actor, title: string, scope = 'national'): number {
	const r = library.create(actor, caseStudy(title, scope), null, {}, tick());
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value.id;
}

async function strategy(actor: Actor, title: string): Promise<number> {
	const got = await files.receive(Buffer.from('Measure,Value\nChildren in care,412\n'), 'Scorecard.csv');
	if (!got.ok) throw new Error(got.message);
	const r = library.create(actor, { ...caseStudy(title), kind: 'strategy' }, got.file, {}, tick());
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value.id;
}

const thread = (actor: Actor, attachments: number[], regionId: string | null = null, body = 'Our strategy is attached.') =>
	threads.create(actor, { title: 'Corporate parenting strategies to share', body, categoryId: categoryId('corporate-parenting'), regionId, isQuestion: false, attachments }, tick());

const recipientOf = (m: ReturnType<typeof makeMember>): DigestRecipient => ({ id: m.id, name: m.name, email: m.email, authorityId: m.authorityId, regionId: m.regionId, role: m.role, coordinatorRegionId: m.coordinatorRegionId, expertise: m.expertise });

describe('library documents attached to posts', () => {
	it('shows them under the post with kind, title, file type and size, in the order chosen', async () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const doc = await strategy(nw.actor, 'Corporate parenting strategy 2026 to 2029');
		const cs = entry(nw.actor, 'Giving the Children in Care Council real influence');
		const t = thread(nw.actor, [cs, doc]);
		expect(t.ok).toBe(true);
		if (!t.ok) return;
		const page = threads.view(makeMember({ authority: 'Camden' }).actor, t.value.id)!;
		expect(page.posts[0].attachments.map((a) => [a.kindLabel, a.title, a.href])).toEqual([
			['Case study', 'Giving the Children in Care Council real influence', `/library/${cs}`],
			['Strategy or policy', 'Corporate parenting strategy 2026 to 2029', `/library/${doc}`]
		]);
		expect(page.posts[0].attachments[1].files).toEqual([{ name: 'Scorecard.csv', typeLabel: 'CSV spreadsheet', size: '35 bytes' }]);
	});

	it('refuses a regional document in a national thread, and one the member cannot see, with a message and nothing written', () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const ldn = makeMember({ authority: 'Camden' });
		const regional = entry(nw.actor, 'North West induction pack', 'north-west');
		const london = entry(ldn.actor, 'London panel handbook', 'london');
		const before = threads.list(nw.actor).threads.length;

		const national = thread(nw.actor, [regional]);
		expect(national).toMatchObject({ ok: false, errors: { attachLinks: expect.stringContaining('only within its region') } });
		const other = thread(nw.actor, [london], 'north-west');
		// Another region's document looks exactly like one that does not exist.
		expect(other).toMatchObject({ ok: false, errors: { attachLinks: `There is no library document number ${london} that you can see – check the link` } });
		expect(thread(nw.actor, [999_999], 'north-west')).toMatchObject({ ok: false, errors: { attachLinks: 'There is no library document number 999999 that you can see – check the link' } });
		expect(threads.list(nw.actor).threads.length).toBe(before);

		// In its own region's thread it is fine.
		expect(thread(nw.actor, [regional], 'north-west').ok).toBe(true);
	});

	it('refuses a hidden document, and shows each reader only the documents they may open', () => {
		const author = makeMember({ authority: 'Lancashire' });
		const reader = makeMember({ authority: 'Leeds' });
		const admin = makeMember({ authority: 'Camden', role: 'admin' });
		const a = entry(author.actor, 'Scrutiny review: placement sufficiency');
		const b = entry(author.actor, 'Scorecard template for the board');
		const t = thread(author.actor, [a, b]);
		if (!t.ok) throw new Error('refused');
		library.hide(admin.actor, b, 'Names a children’s home');
		expect(thread(author.actor, [b])).toMatchObject({ ok: false, errors: { attachLinks: expect.stringContaining('hidden by a moderator') } });
		// The reader sees only the document still shown; the author still sees theirs (as on the library page).
		expect(threads.view(reader.actor, t.value.id)!.posts[0].attachments.map((x) => x.id)).toEqual([a]);
		expect(threads.view(author.actor, t.value.id)!.posts[0].attachments.map((x) => x.id)).toEqual([a, b]);
		// A deleted document simply drops off the post.
		library.remove(author.actor, a);
		expect(threads.view(reader.actor, t.value.id)!.posts[0].attachments).toEqual([]);
	});

	it('a reply carries documents; editing changes them and keeps the earlier list in the history', () => {
		const nw = makeMember({ authority: 'Lancashire' });
		const admin = makeMember({ authority: 'Camden', role: 'admin' });
		const a = entry(nw.actor, 'Care leavers covenant');
		const b = entry(nw.actor, 'Council tax exemption for care leavers');
		const t = thread(nw.actor, []);
		if (!t.ok) throw new Error('refused');
		const r = posts.reply(nw.actor, t.value.id, { body: 'Here is our covenant.', attachments: [a] }, tick());
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(threads.view(nw.actor, t.value.id)!.posts[1].attachments.map((x) => x.id)).toEqual([a]);

		// Only the attachments change: still an edit, with history.
		expect(posts.edit(nw.actor, r.value.id, { body: 'Here is our covenant.', attachments: [b, a] }, tick())).toEqual({ ok: true, value: undefined });
		expect(threads.view(nw.actor, t.value.id)!.posts[1].attachments.map((x) => x.id)).toEqual([b, a]);
		expect(posts.edit(nw.actor, r.value.id, { body: 'Here is our covenant, and the exemption.', attachments: [b] }, tick()).ok).toBe(true);
		const h = posts.history(admin.actor, r.value.id);
		expect(h.post.attachments).toEqual(['Council tax exemption for care leavers']);
		expect(h.revisions.map((x) => x.attachments)).toEqual([
			['Council tax exemption for care leavers', 'Care leavers covenant'],
			['Care leavers covenant']
		]);
		// Someone else cannot edit them in.
		const other = makeMember({ authority: 'Lancashire' });
		expect(() => posts.edit(other.actor, r.value.id, { body: 'x', attachments: [] })).toThrow();
	});

	it('lists them in the notification email, and in the digest line about the post', () => {
		const author = makeMember({ authority: 'Lancashire' });
		const follower = makeMember({ authority: 'Lancashire', name: 'Follower Person' });
		// Mentions by digest rather than at once (an emailed notification is not repeated in the digest).
		const digester = makeMember({ authority: 'Lancashire', name: 'Digest Reader' });
		preferences.update(digester.id, { notifications: { ...preferences.get(digester.id).notifications, mention: 'digest' } });
		const a = entry(author.actor, 'Corporate parenting pledge for councillors');
		const since = tick();
		const t = threads.create(
			author.actor,
			{ title: 'Our pledge for councillors', body: `Comments welcome @${follower.handle} and @${digester.handle}`, categoryId: categoryId('corporate-parenting'), regionId: null, isQuestion: false, attachments: [a] },
			tick()
		);
		if (!t.ok) throw new Error('refused');
		const mail = messagesTo(follower.email).at(-1)!;
		expect(mail.text).toContain('Attached from the library:');
		expect(mail.text).toContain(`Corporate parenting pledge for councillors – Case study`);
		expect(mail.text).toContain(`/library/${a}`);
		expect(mail.html).toContain(`/library/${a}"`);

		const s = digestSection(recipientOf(digester), since, tick())!;
		const mention = s.groups.find((g) => g.title === 'Mentions of you')!.items[0];
		expect(mention.links).toEqual([{ text: 'Corporate parenting pledge for councillors', href: `/library/${a}`, note: 'Case study' }]);
	});

	it('never names a document in an email to someone who may not open it', () => {
		const author = makeMember({ authority: 'Lancashire' });
		const admin = makeMember({ authority: 'Camden', role: 'admin' });
		const reader = makeMember({ authority: 'Leeds', name: 'Leeds Reader' });
		const a = entry(author.actor, 'A document hidden before the mention');
		const t = threads.create(author.actor, { title: 'Pledges', body: 'Opening post', categoryId: categoryId('corporate-parenting'), regionId: null, isQuestion: false, attachments: [a] }, tick());
		if (!t.ok) throw new Error('refused');
		library.hide(admin.actor, a, 'Out of date');
		const r = posts.edit(author.actor, posts.postWithThread(threads.view(author.actor, t.value.id)!.posts[0].id)!.post.id, { body: `Over to you @${reader.handle}`, title: 'Pledges' }, tick());
		expect(r.ok).toBe(true);
		const mail = messagesTo(reader.email).at(-1)!;
		expect(mail.subject).toContain('mentioned you');
		expect(mail.text).not.toContain('A document hidden before the mention');
		expect(mail.text).not.toContain('Attached from the library');
	});
});
