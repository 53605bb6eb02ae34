/**
 * The one email layout: a single-column HTML part that survives clients that strip CSS, and a
 * plain-text part written from the same blocks. Knows no area: callers pass blocks.
 *
 * Accessibility: `lang` on the document, one h1 then h2/h3 in order, layout tables marked
 * `role="presentation"`, no images (nothing carries meaning in a picture), link text that makes
 * sense on its own, and inline styles only as decoration — without them it still reads in order.
 * Links are absolute URLs to ORIGIN, never redirects; there is no tracking of any kind.
 */
import { config } from '../config';

/** The largest email we send (HTML and text parts together, in bytes); digests trim to fit. */
export const MAX_EMAIL_BYTES = 100 * 1024;

export type EmailBlock =
	| { kind: 'heading'; text: string }
	/** A heading one level below `heading` (h3). */
	| { kind: 'subheading'; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'button'; text: string; href: string }
	/**
	 * `more` is a line after the list ("and 12 more"); with `moreHref` it is a link. An item's
	 * `reply` is its own reply-by-email address (one email has one Reply-To, a digest many threads).
	 */
	| { kind: 'list'; items: { text: string; href?: string; note?: string; reply?: ItemReply; links?: ItemLink[] }[]; more?: string; moreHref?: string }
	/** Already-sanitized HTML (e.g. rendered Markdown) with its plain-text twin. */
	| { kind: 'html'; html: string; text: string };

/** A link under a list item (a document attached to the post the item is about). */
export type ItemLink = { text: string; href: string; note?: string };

/** Replying by email to one item of a list: the address, the subject to reply with, and who will see the reply. */
export type ItemReply = { address: string; subject: string; visibleTo: string };

/** The child-safety rule, shown beside every reply-by-email line. */
export const CHILD_SAFETY = 'Never identify a child or young person: no names, schools, photos or case details.';

export type EmailContent = {
	/** The title at the top of the email. */
	heading: string;
	/** A short line shown by mail clients after the subject. */
	preheader?: string;
	blocks: EmailBlock[];
	/**
	 * What replying to this email does and exactly who will see the reply ("Reply to this email to
	 * post in the thread — your reply is visible to North West members"), shown above the footer
	 * with the child-safety rule (a digest passes the general line; its items carry their own).
	 */
	reply?: { line: string };
	/** Why the member got this email. */
	reason: string;
	/** Links in the footer: change settings, one-click unsubscribe … */
	footerLinks?: { text: string; href: string }[];
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A site path WHATWG URL parsing leaves exactly as written: a single leading slash, then only
 * characters it never escapes or rewrites, and no segment that is (or starts like) a dot segment.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /\/(?:\.|%2e)/i;

/** ORIGIN as URL writes it (scheme and host lower-cased, default port dropped, no path), kept per ORIGIN. */
let site: { origin: string; prefix: string } | null = null;

function sitePrefix(origin: string): string {
	if (site?.origin !== origin) site = { origin, prefix: new URL('/', origin + '/').toString().slice(0, -1) };
	return site.prefix;
}

function isPlainPath(path: string): boolean {
	return PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path);
}

/**
 * An absolute URL on the site for a path. The same as `new URL(path, ORIGIN + '/')`; the
 * common case — a plain site path, or a URL on the site already written that way — without
 * parsing a URL (a digest has dozens of links, and a run 20,000 digests).
 */
export function absoluteUrl(path: string): string {
	const origin = config().origin;
	const prefix = sitePrefix(origin);
	if (path.startsWith('/') ? isPlainPath(path) : path.startsWith(prefix + '/') && isPlainPath(path.slice(prefix.length))) {
		return path.startsWith('/') ? prefix + path : path;
	}
	return new URL(path, origin + '/').toString();
}

function blockHtml(b: EmailBlock): string {
	switch (b.kind) {
		case 'heading':
			return `<h2 style="font-size:22px;margin:28px 0 8px">${esc(b.text)}</h2>`;
		case 'subheading':
			return `<h3 style="font-size:18px;margin:20px 0 8px">${esc(b.text)}</h3>`;
		case 'paragraph':
			return `<p style="margin:0 0 16px">${esc(b.text)}</p>`;
		case 'button':
			return `<p style="margin:0 0 16px"><a href="${esc(absoluteUrl(b.href))}" style="display:inline-block;background:#00703c;color:#ffffff;padding:10px 16px;text-decoration:none;font-weight:bold">${esc(b.text)}</a></p>`;
		case 'list': {
			const items = b.items
				.map((i) => {
					const main = i.href ? `<a href="${esc(absoluteUrl(i.href))}" style="color:#1d70b8">${esc(i.text)}</a>` : esc(i.text);
					const reply = i.reply
						? `<br><a href="${esc(mailtoUrl(i.reply))}" style="color:#1d70b8;font-size:15px">Reply by email</a> <span style="color:#505a5f;font-size:15px">(visible to ${esc(i.reply.visibleTo)})</span>`
						: '';
					const links = i.links?.length
						? `<ul style="margin:4px 0 0;padding-left:20px">${i.links.map((l) => `<li style="margin:0 0 4px">Attached: <a href="${esc(absoluteUrl(l.href))}" style="color:#1d70b8">${esc(l.text)}</a>${l.note ? ` <span style="color:#505a5f">– ${esc(l.note)}</span>` : ''}</li>`).join('')}</ul>`
						: '';
					return `<li style="margin:0 0 8px">${main}${i.note ? ` <span style="color:#505a5f">– ${esc(i.note)}</span>` : ''}${reply}${links}</li>`;
				})
				.join('');
			const more = b.more ? (b.moreHref ? `<a href="${esc(absoluteUrl(b.moreHref))}" style="color:#1d70b8">${esc(b.more)}</a>` : esc(b.more)) : '';
			return `<ul style="margin:0 0 16px;padding-left:20px">${items}</ul>${more ? `<p style="margin:0 0 16px">${more}</p>` : ''}`;
		}
		case 'html':
			return `<div style="margin:0 0 16px">${b.html}</div>`;
	}
}

function blockText(b: EmailBlock): string {
	switch (b.kind) {
		case 'heading':
			return `${b.text.toUpperCase()}\n${'-'.repeat(Math.min(b.text.length, 60))}`;
		case 'subheading':
			return `${b.text}\n${'~'.repeat(Math.min(b.text.length, 60))}`;
		case 'paragraph':
			return b.text;
		case 'button':
			return `${b.text}: ${absoluteUrl(b.href)}`;
		case 'list':
			return [
				...b.items.map(
					(i) =>
						`* ${i.text}${i.note ? ` – ${i.note}` : ''}${i.href ? `\n  ${absoluteUrl(i.href)}` : ''}${i.reply ? `\n  Reply by email (visible to ${i.reply.visibleTo}): ${i.reply.address}` : ''}${(i.links ?? []).map((l) => `\n  - Attached: ${l.text}${l.note ? ` – ${l.note}` : ''}\n    ${absoluteUrl(l.href)}`).join('')}`
				),
				...(b.more ? [b.moreHref ? `${b.more}: ${absoluteUrl(b.moreHref)}` : b.more] : [])
			].join('\n');
		case 'html':
			return b.text;
	}
}

/** A mailto: link that starts a reply to one item, with its subject. */
export function mailtoUrl(r: Pick<ItemReply, 'address' | 'subject'>): string {
	return `mailto:${r.address}?subject=${encodeURIComponent(r.subject)}`;
}

/** The size of an email's parts in bytes (UTF-8), to hold to MAX_EMAIL_BYTES. */
export function emailBytes(e: { html: string; text: string }): number {
	return Buffer.byteLength(e.html, 'utf8') + Buffer.byteLength(e.text, 'utf8');
}

/** Renders an email to its HTML and plain-text parts. */
export function renderEmail(c: EmailContent): { html: string; text: string } {
	const reply = c.reply
		? `<tr><td style="padding:16px 24px;border-top:1px solid #b1b4b6"><p style="margin:0 0 8px;font-weight:bold">${esc(c.reply.line)}</p><p style="margin:0">${esc(CHILD_SAFETY)}</p></td></tr>\n`
		: '';
	const footer = [
		esc(c.reason),
		...(c.footerLinks ?? []).map((l) => `<a href="${esc(absoluteUrl(l.href))}" style="color:#1d70b8">${esc(l.text)}</a>`)
	].join('<br>');
	const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(c.heading)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f2f1">
${c.preheader ? `<div style="display:none;max-height:0;overflow:hidden">${esc(c.preheader)}</div>` : ''}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f2f1">
<tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.5;color:#0b0c0c">
<tr><td style="padding:16px 24px;background:#0b0c0c;color:#ffffff;font-weight:bold">Lead Member Network</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:26px;margin:0 0 16px">${esc(c.heading)}</h1>
${c.blocks.map(blockHtml).join('\n')}
</td></tr>
${reply}<tr><td style="padding:16px 24px;border-top:1px solid #b1b4b6;font-size:15px;color:#505a5f">${footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
	const text = [
		c.heading,
		'='.repeat(Math.min(c.heading.length, 60)),
		'',
		c.blocks.map(blockText).join('\n\n'),
		...(c.reply ? ['', c.reply.line, CHILD_SAFETY] : []),
		'',
		'--',
		c.reason,
		...(c.footerLinks ?? []).map((l) => `${l.text}: ${absoluteUrl(l.href)}`)
	].join('\n');
	return { html, text };
}
