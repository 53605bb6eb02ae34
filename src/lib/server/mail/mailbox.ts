/** Reading the local mailbox (the .eml files the mailbox transport writes). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { mailboxDir } from './transport';

export type MailboxEntry = { id: string; to: string; subject: string; date: number };

const ID = /^[0-9]+-[a-z0-9]+\.eml$/;

/** The newest messages first, optionally only those to one address. */
export async function list(opts: { to?: string; limit?: number } = {}): Promise<MailboxEntry[]> {
	const dir = mailboxDir();
	if (!existsSync(dir)) return [];
	const names = readdirSync(dir)
		.filter((n) => ID.test(n))
		.sort()
		.reverse();
	const out: MailboxEntry[] = [];
	for (const name of names) {
		if (out.length >= (opts.limit ?? 100)) break;
		const head = readFileSync(join(dir, name), 'utf8').split(/\r?\n\r?\n/)[0];
		const to = /^To: (.*)$/im.exec(head)?.[1] ?? '';
		if (opts.to && !to.toLowerCase().includes(opts.to.toLowerCase())) continue;
		const parsed = await simpleParser(head + '\n\n');
		out.push({ id: name.replace(/\.eml$/, ''), to, subject: parsed.subject ?? '', date: Number(name.split('-')[0]) });
	}
	return out;
}

/** One message, parsed. Null for an unknown id. */
export async function read(id: string) {
	const name = `${id}.eml`;
	if (!ID.test(name)) return null;
	const file = join(mailboxDir(), name);
	if (!existsSync(file)) return null;
	const parsed = await simpleParser(readFileSync(file));
	return {
		id,
		to: parsed.to ? (Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to.text) : '',
		from: parsed.from?.text ?? '',
		/** The first Reply-To address (a reply address of ours, on mail members can answer). */
		replyTo: parsed.replyTo?.value?.[0]?.address ?? null,
		messageId: parsed.messageId ?? null,
		subject: parsed.subject ?? '',
		date: parsed.date?.getTime() ?? Number(id.split('-')[0]),
		text: parsed.text ?? '',
		html: typeof parsed.html === 'string' ? parsed.html : '',
		headers: Object.fromEntries([...parsed.headers.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
		attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType }))
	};
}
