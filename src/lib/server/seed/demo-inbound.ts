/**
 * Demo data for mail in (issue 14): a few emails of each outcome, sent in the last fortnight
 * and processed as real ones are — a reply posted in a thread, a question asked by email, an
 * out-of-office, a bounce, a forged sender, a reply with nothing of its own, a reply held by the
 * child-safety check (Tom can confirm it or send a new version by answering the "check your post"
 * email in the local mailbox), and one message that could not be read (a thousand MIME parts) —
 * so the admin's "Mail in" page and the threads show the loop on `npm start`.
 */
import { and, asc, isNull } from 'drizzle-orm';
import type { DemoContext } from './context';
import { thread } from '../db/schema';
import * as store from '../mail/inbound';
import { askAddress, replyAddress } from '../mail/reply-keys';
import { verpReturnPath } from '../mail/bounces';
import { processOne } from '../inbound/process';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function mail(h: { from: string; to: string; subject: string; id: string; date: number; extra?: string }, body: string): Buffer {
	return Buffer.from(
		`From: ${h.from}\r\nTo: ${h.to}\r\nSubject: ${h.subject}\r\nDate: ${new Date(h.date).toUTCString().replace('GMT', '+0000')}\r\nMessage-ID: <${h.id}@demo.example.org>\r\nMIME-Version: 1.0\r\n${h.extra ?? ''}Content-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`
	);
}

/** Seeds the inbound messages (after the discussions, whose threads they answer). */
export async function seedInbound(ctx: DemoContext): Promise<void> {
	const member = ctx.memberId('member@example.org');
	const mentor = ctx.memberId('mentor@example.org');
	const margaret = ctx.memberId('margaret.elliott@example.org');
	const craig = ctx.memberId('craig.robson@example.org');
	const national = ctx.db.select({ id: thread.id, title: thread.title }).from(thread).where(and(isNull(thread.regionId), isNull(thread.lockedAt))).orderBy(asc(thread.id)).limit(3).all();
	if (national.length < 2) return;
	const at = (daysAgo: number, hour: number) => ctx.now - daysAgo * DAY + (hour - 9) * HOUR;
	const messages: { raw: Buffer; to: string; from: string; when: number }[] = [];
	const add = (when: number, from: string, to: string, subject: string, id: string, body: string, extra?: string) =>
		messages.push({ raw: mail({ from, to, subject, id, date: when, extra }, body), to, from: /<([^>]+)>/.exec(from)?.[1] ?? from, when });

	const reply = replyAddress(member, { kind: 'thread', id: national[1].id });
	add(
		at(6, 8),
		'Tom Ashworth <member@example.org>',
		reply,
		`Re: ${national[1].title}`,
		'demo-inbound-reply',
		`Thank you, this is really useful. We are doing our first visits to children's homes next month and I will use the checklist.\n\nSent from my iPhone\n\n> On ${new Date(at(6, 7)).toUTCString()}, Lead Member Network <${reply}> wrote:\n> \n> A new reply in “${national[1].title}”.`
	);
	add(
		at(4, 19),
		'Sarah Holroyd <mentor@example.org>',
		askAddress(mentor),
		'[Yorkshire and The Humber] Sharing an independent visitor service across councils?',
		'demo-inbound-question',
		'Has anyone in the region commissioned an independent visitor service jointly with a neighbouring council? We are looking at it for next year and would like to hear what the contract looked like.\n\nKind regards\nSarah'
	);
	add(at(3, 9), 'Margaret Elliott <margaret.elliott@example.org>', replyAddress(margaret, { kind: 'thread', id: national[0].id }), `Automatic reply: ${national[0].title}`, 'demo-inbound-ooo', 'I am out of the office until Monday with limited access to email. For urgent matters please contact my office.', 'Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n');
	add(
		at(2, 7),
		'Mail Delivery System <MAILER-DAEMON@mx.example.org>',
		verpReturnPath(craig),
		'Undelivered Mail Returned to Sender',
		'demo-inbound-bounce',
		'This is the mail system at host mx.example.org.\n\nI am sorry to have to inform you that your message could not be delivered to one or more recipients.\n\n<craig.robson@example.org>: host mx.example.org said: 550 5.1.1 <craig.robson@example.org>: Recipient address rejected: User unknown in local recipient table',
		'Auto-Submitted: auto-replied\r\n'
	);
	add(at(1, 22), 'Prize Team <winner@lottery.example.com>', reply, 'Re: You have won', 'demo-inbound-forged', 'Click here to claim your prize.');
	add(at(1, 10), 'Tom Ashworth <member@example.org>', replyAddress(member, { kind: 'thread', id: national[0].id }), `Re: ${national[0].title}`, 'demo-inbound-empty', `> Reply to this email to post in the thread.\n> ${national[0].title}`);
	add(
		at(0, 7),
		'Tom Ashworth <member@example.org>',
		reply,
		`Re: ${national[1].title}`,
		'demo-inbound-held',
		`We had the same problem. Ellie Turner, aged 15, at Ribblesdale High was moved three times last year before the panel stepped in.\n\nTom`
	);
	// A message of a thousand parts (a broken mailer, or worse): more than the MIME parser reads.
	const parts = Array.from({ length: 1000 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\nPart ${i}\r\n`).join('') + '--b--\r\n';
	messages.push({ raw: Buffer.from(`From: <member@example.org>\r\nTo: ${reply}\r\nSubject: Re: parts\r\nMessage-ID: <demo-inbound-parts@demo.example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}`), to: reply, from: 'member@example.org', when: at(0, 6) });

	for (const m of messages.sort((a, b) => a.when - b.when)) {
		const { id, duplicate } = store.store({ raw: m.raw, via: 'smtp', envelopeFrom: m.from.includes('MAILER-DAEMON') ? '<>' : m.from || null, recipients: [m.to] }, m.when);
		if (!duplicate) await processOne(id, m.when + 20_000);
	}
}
