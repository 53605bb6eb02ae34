/**
 * A week of real activity (the real areas, not stand-ins) becomes personal digests, delivered
 * through a real SMTP server; then a coordinator's regional digest goes end to end, and its
 * one-click unsubscribe works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../../../src/lib/server/db/client';
import { digestSetting, member } from '../../../src/lib/server/db/schema';
import { makeMember } from '../../support/members';
import { startThread, replyTo } from '../../support/discussions';
import * as personal from '../../../src/lib/server/digests/personal';
import * as regional from '../../../src/lib/server/digests/regional';
import * as preferences from '../../../src/lib/server/mail/preferences';
import { smtpTransport } from '../../../src/lib/server/mail/transport';
import { drain } from '../../../src/lib/server/mail/worker';
import { config } from '../../../src/lib/server/config';
import { startSmtpSink } from '../../support/smtp-sink';
import { rawHeader } from './raw-headers';
import { POST as oneClick, GET as oneClickGet } from '../../../src/routes/(public)/unsubscribe/[token]/one-click/+server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 23 November 2026, 00:00 UK time. */
const MON = Date.parse('2026-11-23T00:00:00Z');
const NEXT_MON_7 = MON + 7 * DAY + 7 * HOUR;

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
	sink = await startSmtpSink();
});
afterAll(async () => {
	await sink.close();
});

function joined(over: Parameters<typeof makeMember>[0]) {
	const m = makeMember(over);
	db.update(member).set({ createdAt: MON - 14 * DAY }).where(eq(member.id, m.id)).run();
	return m;
}

/** Delivers everything queued up to a week after the activity (the test's clock runs ahead of the real one). */
async function deliver() {
	const t = smtpTransport(new URL(sink.url));
	try {
		return await drain(t, { force: true, clock: () => Math.max(Date.now(), NEXT_MON_7 + DAY) });
	} finally {
		t.close();
	}
}

const digestsFor = (email: string) => sink.to(email).filter((m) => /^Your weekly digest/.test(m.subject));

describe('a week of activity', () => {
	const ms = {} as Record<'alice' | 'bob' | 'dave' | 'carol' | 'fay' | 'erin', ReturnType<typeof joined>>;

	it('gives each member the digest of what is new for them, and nothing to a member with nothing new', async () => {
		db.insert(digestSetting).values({ key: 'scheduler-started-at', value: MON - 7 * DAY }).onConflictDoUpdate({ target: digestSetting.key, set: { value: MON - 7 * DAY } }).run();
		ms.alice = joined({ name: 'Alice Ashworth', authority: 'Lancashire', expertise: ['send'] });
		ms.bob = joined({ name: 'Bob Brennan', authority: 'Manchester' });
		ms.dave = joined({ name: 'Dave Dunne', authority: 'Cumberland' });
		ms.carol = joined({ name: 'Carol Chen', authority: 'Camden' });
		ms.fay = joined({ name: 'Fay Fitzgerald', authority: 'Hackney' });
		ms.erin = joined({ name: 'Erin Evans', authority: 'Devon' });
		const ids = Object.values(ms).map((m) => m.id);
		// The scheduler has seen everyone before the week starts.
		await personal.sendDue(MON + HOUR, { memberIds: ids });

		const q = startThread(ms.alice.actor, { title: 'Short breaks for disabled children', isQuestion: true, regionId: 'north-west', category: 'education-send' }, MON + DAY + 10 * HOUR);
		replyTo(ms.bob.actor, q, 'We commissioned a new provider last year.', MON + 2 * DAY + 9 * HOUR);
		startThread(ms.dave.actor, { title: 'Panel attendance in the North West', body: `What do you think, @${ms.bob.handle}?`, regionId: 'north-west', category: 'corporate-parenting' }, MON + 3 * DAY + 11 * HOUR);
		startThread(ms.carol.actor, { title: 'London care leavers offer', regionId: 'london', category: 'corporate-parenting' }, MON + 3 * DAY + 15 * HOUR);

		const r = await personal.sendDue(NEXT_MON_7, { memberIds: ids });
		expect(r.failed).toBe(0);
		const d = await deliver();
		expect(d.failed).toBe(0);

		const alice = digestsFor(ms.alice.email);
		expect(alice).toHaveLength(1);
		expect(alice[0].text).toContain('Short breaks for disabled children');
		expect(alice[0].text).toContain('Replies in threads you follow');
		expect(alice[0].text).toContain('Panel attendance in the North West');

		// Bob hears of Dave's mention straight away (the default), so his digest does not repeat it.
		const bob = digestsFor(ms.bob.email);
		expect(bob).toHaveLength(1);
		expect(sink.to(ms.bob.email).filter((m) => m.subject === `${ms.dave.name} mentioned you in “Panel attendance in the North West”`)).toHaveLength(1);
		expect(bob[0].text).not.toContain(`${ms.dave.name} mentioned you`);
		expect(bob[0].text).toContain('Short breaks for disabled children');

		const fay = digestsFor(ms.fay.email);
		expect(fay).toHaveLength(1);
		expect(fay[0].text).toContain('London care leavers offer');

		for (const outsider of [ms.carol, ms.fay, ms.erin]) {
			for (const mail of sink.to(outsider.email)) {
				expect(mail.text + mail.html).not.toContain('Short breaks for disabled children');
				expect(mail.text + mail.html).not.toContain('Panel attendance in the North West');
			}
		}
		for (const northWest of [ms.alice, ms.bob, ms.dave]) {
			for (const mail of sink.to(northWest.email)) expect(mail.text).not.toContain('London care leavers offer');
		}
		// Erin (South West) had nothing new; Carol only started her own thread.
		expect(digestsFor(ms.erin.email)).toHaveLength(0);
		expect(digestsFor(ms.carol.email)).toHaveLength(0);

		// Every digest: both parts, the list headers, links to ORIGIN only, no images.
		for (const mail of [...alice, ...bob, ...fay]) {
			expect(mail.text.length).toBeGreaterThan(50);
			expect(mail.html).toContain('<html lang="en-GB">');
			expect(rawHeader(mail.raw, 'List-Unsubscribe')).toMatch(new RegExp(`^<${config().origin}/unsubscribe/[^>]+/one-click>$`));
			expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
			expect(rawHeader(mail.raw, 'List-Id')).toMatch(/^Lead Member Network personal digest <digest\.[^>]+>$/);
			expect(rawHeader(mail.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
			expect(mail.messageId).toMatch(/^<outbox-\d+-digest\.weekly\.2026-W49\.member\.\d+@/);
			expect(mail.html).not.toMatch(/<img/i);
			// Links go straight to the site; the only others are each thread's "Reply by email" (mailto: the member's own reply address).
			for (const [, href] of mail.html.matchAll(/href="([^"]+)"/g)) expect(href.startsWith(config().origin + '/') || /^mailto:reply\+t[0-9a-z]+-[0-9a-z]+-[a-z2-7]{26}@[^?]+\?subject=/.test(href), href).toBe(true);
			expect(Buffer.byteLength(mail.raw)).toBeLessThan(100 * 1024 * 1.4); // base64/QP encoding of a <100 KB body
		}

		// Running again in the same period sends nothing more.
		await personal.sendDue(NEXT_MON_7 + HOUR, { memberIds: ids });
		await deliver();
		expect(digestsFor(ms.alice.email)).toHaveLength(1);
	});

	it('sends a regional digest to the region’s members only, whose one-click link unsubscribes them', async () => {
		const coordinator = joined({ name: 'Nell Coordinator', authority: 'Wirral', role: 'coordinator', coordinatorRegionId: 'north-west' });
		const now = NEXT_MON_7 + 2 * HOUR;
		const created = regional.create(coordinator.actor, 'north-west', now);
		if (!created.ok) throw new Error('not created');
		const draft = regional.get(coordinator.actor, created.id);
		const suggested = draft.sections.flatMap((s) => s.items.map((i) => i.text));
		expect(suggested).toContain('Short breaks for disabled children');
		expect(suggested).not.toContain('London care leavers offer');
		regional.edit(
			coordinator.actor,
			created.id,
			{ title: 'Short breaks and panels', intro: 'A **busy** week in the North West.', sections: draft.sections.map((s) => ({ key: s.key, kept: true })) },
			{ do: 'save' },
			now
		);
		const sent = await regional.send(coordinator.actor, created.id, now);
		expect(sent.ok).toBe(true);
		await deliver();

		const subject = 'North West Lead Members: Short breaks and panels';
		const got = (email: string) => sink.to(email).filter((m) => m.subject === subject);
		for (const m of [ms.alice, ms.bob, ms.dave, coordinator]) expect(got(m.email)).toHaveLength(1);
		for (const m of [ms.carol, ms.fay, ms.erin]) expect(got(m.email)).toHaveLength(0);
		expect(regional.delivery(coordinator.actor, created.id)).toMatchObject({ sent: sent.ok ? sent.recipients : -1, failed: 0, queued: 0 });

		const mail = got(ms.alice.email)[0];
		expect(mail.html).toContain('<strong>busy</strong>');
		expect(mail.text).toContain('busy');
		expect(mail.text).toContain(`${config().origin}/digests/${created.id}`);
		expect(rawHeader(mail.raw, 'List-Id')).toMatch(/^North West regional digest <regional-digest\.[^>]+>$/);

		const url = new URL(rawHeader(mail.raw, 'List-Unsubscribe')!.slice(1, -1));
		const token = url.pathname.split('/')[2];
		// A GET (a link scanner, a preview) never unsubscribes.
		await expect(async () => oneClickGet({ params: { token } } as never)).rejects.toMatchObject({ status: 303 });
		expect(preferences.get(ms.alice.id).regionalDigest).toBe(true);
		const res = await oneClick({ params: { token } } as never);
		expect(res.status).toBe(200);
		expect(preferences.get(ms.alice.id).regionalDigest).toBe(false);
		expect(preferences.get(ms.alice.id).digestFrequency).toBe('weekly');
		const tampered = await oneClick({ params: { token: token.slice(0, -3) + 'abc' } } as never);
		expect(tampered.status).toBe(404);
		expect(regional.recipients('north-west').map((m) => m.id)).not.toContain(ms.alice.id);
	});
});
