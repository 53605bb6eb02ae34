import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { db, sqlite } from '../db/client';
import { auditEvent, checklistChange, inboundMessage, member, outboxMessage, pairing, pairingMeeting, post, session, trainingEntry } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import * as twoFactor from '../network/two-factor';
import { createSession } from '../auth/session';
import { AREAS } from './areas';
import { buildExport, exportFor, overview } from './export';
import { deleteAccount, eraseMember } from './erase';
import { findText, textColumns } from './scrub';
import { memberWithEverything, PASSWORD } from '../../../../tests/support/trust';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const IP = '198.51.100.4';

/** The HTTP status of a SvelteKit error thrown by fn. */
async function statusOf(fn: () => unknown): Promise<number | null> {
	try {
		await fn();
		return null;
	} catch (e) {
		return (e as { status?: number }).status ?? null;
	}
}

describe('download my data', () => {
	it('includes the profile, posts, notifications, training log, pairings with notes, checklist changes, email choices and recent emails', async () => {
		const f = await memberWithEverything(NOW);
		const doc = buildExport(f.me.id, NOW)!;
		expect(doc.problems).toEqual([]);
		expect(Object.keys(doc.sections)).toEqual(['Your account', ...AREAS.map((a) => a.title)]);
		const text = JSON.stringify(doc);
		const account = doc.sections['Your account'] as Record<string, any>;
		expect(account.profile).toMatchObject({ name: f.name, email: f.me.email, bio: `I am ${f.name}.` });
		expect(account.emailPreferences).toMatchObject({ personalDigest: 'daily', digestHourUkTime: 8 });
		expect(account.emailsSentToYouInTheLast90Days.map((e: { subject: string }) => e.subject)).toContain(`Hello ${f.name}`);
		expect(account.sessions[0]).toMatchObject({ browser: 'Chrome on Windows', ipAddress: '203.0.113.5' });
		// Email in: the record of each email they sent, and what the network knows of their activity.
		expect(account.emailYouSentToTheNetwork).toEqual([
			expect.objectContaining({ from: f.me.email, subject: `Re: Question from ${f.mark}`, whatHappened: 'posted', what: 'reply', whereItWasPosted: expect.stringMatching(new RegExp(`^/threads/${f.threadId}`)), wholeEmailKept: expect.stringMatching(/^until 2026-12-21/) })
		]);
		expect(account.emailAndActivity).toMatchObject({
			lastOnTheSite: new Date(NOW - 86_400_000).toISOString(),
			lastEmailToTheNetwork: new Date(NOW - 2 * 86_400_000).toISOString(),
			areYouStillThereEmailSent: 'no',
			sendMyDigestEvenWhenIHaveBeenOnTheSite: false,
			addressBouncing: false
		});
		expect(text).toContain(`${f.mark} reply by email`);
		expect(account.auditTrail.some((a: { action: string }) => a.action === 'sign-in')).toBe(true);
		for (const piece of [`${f.mark} opening post`, `${f.mark} my reply`, `${f.mark} meeting notes`, `${f.mark} course`, `${f.mark} reflection`, `${f.mark} goals`]) {
			expect(text).toContain(piece);
		}
		expect(JSON.stringify(doc.sections.Succession)).toContain('Done');
		// Nothing secret, and nothing of someone else's private data.
		expect(text).not.toMatch(/argon2|secret_hash|passwordHash/);
		expect(text).not.toContain('A reply'); // the email to the colleague
	});

	it('gives only the member’s own data: another member’s export is refused', async () => {
		const f = await memberWithEverything(NOW);
		const intruder = makeMember();
		expect(await statusOf(() => exportFor(intruder.actor, f.me.id, 'json', { ip: IP }))).toBe(403);
		const admin = makeMember({ role: 'admin' });
		expect(await statusOf(() => exportFor(admin.actor, f.me.id, 'json', { ip: IP }))).toBe(403);
		const own = exportFor(f.me.actor, f.me.id, 'json', { ip: IP }, NOW);
		expect(own.filename).toBe('lead-member-network-data-2026-11-23.json');
		expect(JSON.parse(own.body).about.email).toBe(f.me.email);
	});

	it('records each export in the audit trail', async () => {
		const f = await memberWithEverything(NOW);
		exportFor(f.me.actor, f.me.id, 'html', { ip: IP }, NOW);
		const rows = db.select().from(auditEvent).where(and(eq(auditEvent.action, 'member.data-exported'), eq(auditEvent.actorId, f.me.id))).all();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ ipAddress: IP, regionId: 'north-west', detail: { format: 'html' } });
	});

	it('makes a readable, escaped HTML summary', async () => {
		const f = await memberWithEverything(NOW);
		const evil = makeMember({ name: '<script>alert(1)</script> Smith' });
		const html = exportFor(evil.actor, evil.id, 'html', { ip: IP }, NOW).body;
		expect(html).not.toContain('<script>alert(1)');
		expect(html).toContain('&lt;script&gt;');
		const mine = exportFor(f.me.actor, f.me.id, 'html', { ip: IP }, NOW).body;
		expect(mine).toContain('<h2 id="s1">Your account</h2>');
		expect(mine).toContain(`${f.mark} meeting notes`);
		expect(mine).toContain('<html lang="en-GB">');
	});

	it('counts what is held, for the “Your data” page', async () => {
		const f = await memberWithEverything(NOW);
		const o = overview(f.me.actor, NOW);
		const posts = o.find((s) => s.section === 'Discussions')!.items.find((i) => i.label === 'Posts')!;
		expect(posts.count).toBe(3); // the opening post, a reply, a reply by email
	});
});

describe('delete my account', () => {
	it('needs the password, and refuses anyone else’s account', async () => {
		const f = await memberWithEverything(NOW);
		const intruder = makeMember();
		expect(await statusOf(() => deleteAccount(intruder.actor, f.me.id, { password: PASSWORD }, { ip: IP }))).toBe(403);
		const admin = makeMember({ role: 'admin' });
		expect(await statusOf(() => deleteAccount(admin.actor, f.me.id, { password: PASSWORD }, { ip: IP }))).toBe(403);
		expect(await deleteAccount(f.me.actor, f.me.id, { password: 'not my password' }, { ip: IP })).toMatchObject({ ok: false, field: 'password' });
		expect(db.select().from(member).where(eq(member.id, f.me.id)).get()).toBeTruthy();
	});

	it('needs a code as well when two-factor is on', async () => {
		const f = await memberWithEverything(NOW);
		const s = createSession(f.me.id, {}, NOW);
		const setup = twoFactor.beginSetup(f.me.actor, NOW);
		const key = twoFactor.decodeSecret(setup.secret);
		twoFactor.confirmSetup(f.me.actor, s.session.id, generateHOTP(key, BigInt(Math.floor(NOW / 30_000)), 6), { ip: IP }, NOW);
		expect(await deleteAccount(f.me.actor, f.me.id, { password: PASSWORD }, { ip: IP }, NOW + 60_000)).toMatchObject({ ok: false, field: 'code' });
		expect(await deleteAccount(f.me.actor, f.me.id, { password: PASSWORD, code: '12345' }, { ip: IP }, NOW + 60_000)).toMatchObject({ ok: false, field: 'code' });
		const later = NOW + 120_000;
		const r = await deleteAccount(f.me.actor, f.me.id, { password: PASSWORD, code: generateHOTP(key, BigInt(Math.floor(later / 30_000)), 6) }, { ip: IP }, later);
		expect(r).toEqual({ ok: true });
		expect(db.select().from(member).where(eq(member.id, f.me.id)).get()).toBeUndefined();
	});

	it('removes the account: posts stay as “Former member”, notes and training log go, checklist changes keep the action, sessions end', async () => {
		const f = await memberWithEverything(NOW);
		const postsBefore = db.select().from(post).where(eq(post.authorId, f.me.id)).all();
		expect(postsBefore).toHaveLength(3); // the opening post, a reply, a reply by email
		const changesBefore = db.select().from(checklistChange).where(eq(checklistChange.changedById, f.me.id)).all();
		expect(changesBefore.length).toBeGreaterThan(0);

		expect(await deleteAccount(f.me.actor, f.me.id, { password: PASSWORD }, { ip: IP }, NOW)).toEqual({ ok: true });

		expect(db.select().from(member).where(eq(member.id, f.me.id)).get()).toBeUndefined();
		// Posts stay, without an author.
		for (const p of postsBefore) expect(db.select().from(post).where(eq(post.id, p.id)).get()).toMatchObject({ authorId: null, body: p.body });
		// Mentoring notes of their pairing are gone; the pairing stays without them.
		expect(db.select().from(pairing).where(eq(pairing.id, f.pairingId)).get()).toMatchObject({ menteeId: null });
		for (const m of db.select().from(pairingMeeting).where(eq(pairingMeeting.pairingId, f.pairingId)).all()) expect([m.notes, m.actions]).toEqual(['', '']);
		// Training log gone.
		expect(db.select().from(trainingEntry).where(eq(trainingEntry.memberId, f.me.id)).all()).toHaveLength(0);
		// Checklist changes keep the action, by nobody ("Former member").
		for (const c of changesBefore) expect(db.select().from(checklistChange).where(eq(checklistChange.id, c.id)).get()).toMatchObject({ changedById: null, field: c.field });
		// Sessions ended at once.
		expect(db.select().from(session).where(eq(session.memberId, f.me.id)).all()).toHaveLength(0);
		// Their emails are gone; the email to the colleague remains, without their name.
		expect(db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, f.me.email)).all()).toHaveLength(0);
		const toColleague = db.select().from(outboxMessage).where(eq(outboxMessage.toAddress, f.other.email)).all();
		expect(toColleague.map((e) => e.text)).toContain('Former member replied in your thread');
		// The emails they sent to the network are gone, record and all.
		expect(db.select().from(inboundMessage).where(eq(inboundMessage.fromAddress, f.me.email)).all()).toHaveLength(0);
		// One audit entry says an account was deleted.
		expect(db.select().from(auditEvent).where(and(eq(auditEvent.action, 'member.deleted'), eq(auditEvent.subjectId, String(f.me.id)))).all()).toHaveLength(1);
	});

	it('leaves nothing personal: their name, email and @handle appear in no text column of any table', async () => {
		const f = await memberWithEverything(NOW);
		const needles = [f.name, f.me.email, `@${f.me.handle}`];
		// Before: the person is all over the database.
		const before = new Set(findText(needles).map((h) => h.table));
		for (const t of ['member', 'post', 'outbox_message', 'audit_event', 'checklist_item']) expect(before).toContain(t);
		expect(textColumns().length).toBeGreaterThan(50);

		expect(await deleteAccount(f.me.actor, f.me.id, { password: PASSWORD }, { ip: IP }, NOW)).toEqual({ ok: true });

		expect(findText(needles)).toEqual([]);
		// The search index has forgotten the name as well.
		const fts = sqlite().prepare(`select count(*) as n from post_fts where post_fts match ?`).get(f.name.split(' ')[1]) as { n: number };
		expect(fts.n).toBe(0);
		// The colleague's reply survives, anonymised.
		const reply = db.select().from(post).where(eq(post.authorId, f.other.id)).get()!;
		expect(reply.body).toBe('Thanks Former member, and @former-member — good point.');
	});

	it('keeps a name another member shares, but still removes the email', async () => {
		const f = await memberWithEverything(NOW);
		const namesake = makeMember({ name: f.name });
		eraseMember(f.me.id, NOW);
		expect(db.select().from(member).where(eq(member.id, namesake.id)).get()!.name).toBe(f.name);
		expect(findText([f.me.email])).toEqual([]);
	});

	it('changes nothing if any part fails', async () => {
		const f = await memberWithEverything(NOW);
		const area = AREAS[AREAS.length - 1];
		const original = area.rights.eraseMember;
		area.rights = { ...area.rights, eraseMember: () => { throw new Error('boom'); } };
		try {
			const r = await deleteAccount(f.me.actor, f.me.id, { password: PASSWORD }, { ip: IP }, NOW);
			expect(r).toMatchObject({ ok: false, field: 'form' });
		} finally {
			area.rights = { ...area.rights, eraseMember: original };
		}
		expect(db.select().from(member).where(eq(member.id, f.me.id)).get()).toBeTruthy();
		expect(db.select().from(post).where(eq(post.authorId, f.me.id)).all()).toHaveLength(3);
		expect(db.select().from(inboundMessage).where(eq(inboundMessage.memberId, f.me.id)).all()).toHaveLength(1);
		expect(db.select().from(trainingEntry).where(eq(trainingEntry.memberId, f.me.id)).all()).toHaveLength(1);
	});
});
