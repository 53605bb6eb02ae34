/**
 * Parsing an inbound message (issue 14) with mailparser. Every byte is hostile: a message that
 * cannot be parsed is a value (`null`), never a crash. HTML-only mail is turned into text with
 * html-to-text (the library the app already uses for the text parts of its own mail), dropping
 * scripts, styles and images (tracking pixels) — the result is text, rendered later as any post.
 */
import { simpleParser, type AddressObject, type ParsedMail as MpParsed } from 'mailparser';
import { compile } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';
import { headerBlock } from '../mail/inbound';

export type Attachment = { filename: string; contentType: string; size: number; content: Buffer; /** 'attachment' for a file the sender attached (not an inline logo). */ disposition: string };

export type ParsedMail = {
	messageId: string | null;
	/** The From address, lower-cased (null when there is none or it is not an address). */
	from: string | null;
	fromName: string;
	/** All From addresses (a forged message may carry several). */
	fromAll: string[];
	subject: string;
	/** The body as text: the text part, or the HTML part turned into text. */
	text: string;
	/** Whether the text came from HTML (no text part). */
	fromHtml: boolean;
	to: string[];
	cc: string[];
	inReplyTo: string | null;
	references: string[];
	/** Header name (lower case) → value(s) as text. */
	headers: Map<string, string>;
	contentType: string;
	/** Files attached (not inline parts of a report). */
	attachments: Attachment[];
	/**
	 * Why the body could not be read, when only the headers could (a multipart of more than
	 * MAX_PARTS parts, a header over the limit, a broken structure): the message is then checked
	 * like any other (bounce, auto-reply, key, sender) but nothing is posted from it. Null otherwise.
	 */
	unreadable: string | null;
};

/** The most MIME parts a message may have (mailparser's own limit of child nodes); a larger one is not read. */
export const MAX_PARTS = 1000;

/** Text longer than this is cut before trimming (a post is at most 50,000 characters anyway). */
export const MAX_TEXT_CHARS = 200_000;

const htmlToText = compile({
	wordwrap: false,
	preserveNewlines: false,
	selectors: [
		{ selector: 'img', format: 'skip' },
		{ selector: 'script', format: 'skip' },
		{ selector: 'style', format: 'skip' },
		{ selector: 'head', format: 'skip' },
		{ selector: 'title', format: 'skip' },
		{ selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false, noAnchorUrl: true, linkBrackets: ['(', ')'] } },
		{ selector: 'h1', options: { uppercase: false } },
		{ selector: 'h2', options: { uppercase: false } },
		{ selector: 'h3', options: { uppercase: false } },
		{ selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } }
	],
	limits: { maxInputLength: 2_000_000, maxChildNodes: 5_000, maxDepth: 200, ellipsis: '…' }
});

/**
 * HTML mail as plain text. sanitize-html first takes out scripts, styles, event handlers and
 * links that are not http(s) or mailto (javascript: and data: never reach the text).
 */
export function textFromHtml(html: string): string {
	try {
		const clean = sanitizeHtml(html, {
			allowedTags: false,
			allowedAttributes: { a: ['href'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], div: ['id', 'class'], blockquote: ['type', 'class'] },
			allowedSchemes: ['http', 'https', 'mailto'],
			nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'svg', 'math']
		});
		return htmlToText(clean);
	} catch {
		return '';
	}
}

function addresses(a: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
	if (!a) return [];
	const list = Array.isArray(a) ? a : [a];
	const out: { address: string; name: string }[] = [];
	const walk = (v: { address?: string; name?: string; group?: { address?: string; name?: string }[] }) => {
		if (v.group) v.group.forEach(walk);
		else if (v.address) out.push({ address: v.address.trim().toLowerCase(), name: (v.name ?? '').trim() });
	};
	for (const o of list) for (const v of o.value ?? []) walk(v);
	return out;
}

function headerText(v: unknown): string {
	if (v == null) return '';
	if (typeof v === 'string') return v;
	if (v instanceof Date) return v.toISOString();
	if (Array.isArray(v)) return v.map(headerText).join(', ');
	if (typeof v === 'object') {
		const o = v as { value?: unknown; text?: string; params?: Record<string, string> };
		if (typeof o.text === 'string') return o.text;
		if (typeof o.value === 'string') return o.value + (o.params ? Object.entries(o.params).map(([k, p]) => `; ${k}=${p}`).join('') : '');
	}
	return String(v);
}

/** A well-formed enough address: something@something.something, no spaces or brackets. */
export function isAddress(s: string): boolean {
	return s.length <= 254 && /^[^\s@<>()",;:\\[\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(s);
}

const OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, maxHtmlLengthToParse: 2_000_000 } as const;

/** What the parser's error means, in words for the sender. */
function whyUnreadable(err: unknown): string {
	const message = err instanceof Error ? err.message : String(err);
	if (/child nodes/i.test(message)) return `it has more than ${MAX_PARTS.toLocaleString('en-GB')} parts (attachments, pictures and sections), more than the network reads`;
	if (/head/i.test(message)) return 'one of its parts has headers too long to read';
	return 'its structure (MIME) is broken';
}

/** Parses a raw message; null when it cannot be read at all (not even its headers). */
export async function parseMail(raw: Buffer): Promise<ParsedMail | null> {
	let m: MpParsed;
	let unreadable: string | null = null;
	try {
		m = await simpleParser(raw, { ...OPTIONS, maxChildNodes: MAX_PARTS });
	} catch (err) {
		// The body is beyond what we read: read the headers alone, so the sender can be told why.
		unreadable = whyUnreadable(err);
		try {
			m = await simpleParser(Buffer.from(`${headerBlock(raw)}\r\n\r\n`, 'latin1'), OPTIONS);
		} catch {
			return null;
		}
		m.text = '';
		m.html = false;
		m.attachments = [];
	}
	const fromAll = addresses(m.from).filter((a) => isAddress(a.address));
	const headers = new Map<string, string>();
	for (const [k, v] of m.headers) headers.set(k.toLowerCase(), headerText(v).slice(0, 2000));
	const html = typeof m.html === 'string' ? m.html : '';
	let text = typeof m.text === 'string' ? m.text : '';
	let fromHtml = false;
	if (!text.trim() && html) {
		text = textFromHtml(html.slice(0, 2_000_000));
		fromHtml = true;
	}
	// Invalid bytes decode as U+FFFD; NUL and other controls are dropped (cleanBody drops them too).
	text = text.slice(0, MAX_TEXT_CHARS).replace(/\r\n?/g, '\n');
	const refs = m.references ? (Array.isArray(m.references) ? m.references : [m.references]) : [];
	return {
		messageId: m.messageId ?? null,
		from: fromAll[0]?.address ?? null,
		fromName: fromAll[0]?.name ?? '',
		fromAll: fromAll.map((a) => a.address),
		subject: (m.subject ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 1000),
		text,
		fromHtml,
		to: addresses(m.to).map((a) => a.address),
		cc: addresses(m.cc).map((a) => a.address),
		inReplyTo: typeof m.inReplyTo === 'string' ? m.inReplyTo : null,
		references: refs.slice(0, 100),
		headers,
		contentType: headers.get('content-type') ?? 'text/plain',
		attachments: (m.attachments ?? []).slice(0, 2000).map((a) => ({
			filename: (a.filename ?? '').slice(0, 200),
			contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
			size: a.size ?? a.content?.length ?? 0,
			content: a.content ?? Buffer.alloc(0),
			disposition: (a.contentDisposition ?? '').toLowerCase()
		})),
		unreadable
	};
}
