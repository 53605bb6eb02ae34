/**
 * Digest emails: sections (from the areas, or a coordinator's regional digest) as email blocks,
 * the personal digest email and the regional digest email, each with a plain-text part, the
 * list headers (RFC 8058 one-click unsubscribe, List-Id) and absolute links only.
 */
import { convert } from 'html-to-text';
import { config } from '../config';
import { absoluteUrl, emailBytes, MAX_EMAIL_BYTES, renderEmail, type EmailBlock } from '../mail/layout';
import { DIGEST_LIST, listHeaders, previewUnsubscribeUrl, REGIONAL_DIGEST_LIST, unsubscribeUrl } from '../mail/unsubscribe';
import { formatDate } from '../../time';
import type { DigestGroup, DigestSection } from '../digest-items';
import { capSections, countItems } from './content';
import type { RegionalDigestSection } from '../db/schema';
import { DIGEST_REPLY_LINE, type Replies } from './replies';

/** "and 12 more" as a link text that makes sense on its own. */
export function moreText(g: Pick<DigestGroup, 'title' | 'more' | 'items'>): string {
	const n = g.more ?? 0;
	return g.items.length > 0 ? `And ${n} more: ${g.title.toLowerCase()}` : `${n} ${n === 1 ? 'item' : 'items'}: ${g.title.toLowerCase()}`;
}

/** A group as a subheading and a list (a group with no items left shows only its "more" line). */
export function groupBlocks(g: DigestGroup, replies?: Replies): EmailBlock[] {
	return [
		{ kind: 'subheading', text: g.title },
		{ kind: 'list', items: g.items.map((i) => ({ text: i.text, href: i.href, note: i.note, reply: replies?.(i), links: i.links })), ...(g.more ? { more: moreText(g), moreHref: g.moreHref } : {}) }
	];
}

/** Sections as email blocks: a heading per section, a subheading and list per group (threads with their reply-by-email links). */
export function sectionBlocks(sections: DigestSection[], replies?: Replies): EmailBlock[] {
	return sections.flatMap((s) => [{ kind: 'heading', text: s.title } as EmailBlock, ...s.groups.flatMap((g) => groupBlocks(g, replies))]);
}

/** Sanitized HTML with every site path made absolute (links in email must reach ORIGIN). */
export function absoluteLinks(html: string): string {
	const origin = config().origin;
	return html.replace(/href="\/(?!\/)/g, `href="${origin}/`);
}

/** Plain text of sanitized HTML, links written out after their words. */
export function htmlToText(html: string): string {
	return convert(absoluteLinks(html), {
		wordwrap: 78,
		selectors: [
			{ selector: 'a', options: { hideLinkIfSameAsText: true } },
			// "* " as the email's own lists have; the default " * " left every bullet but the first indented.
			{ selector: 'ul', options: { itemPrefix: '* ' } },
			{ selector: 'h3', options: { uppercase: false } },
			{ selector: 'h4', options: { uppercase: false } }
		]
	}).trim();
}

export type RenderedEmail = { subject: string; html: string; text: string; headers: Record<string, string> };

/** A subject that says what is inside: "Your weekly digest: Replies in threads you follow (3) and 7 more updates". */
export function personalSubject(frequency: 'daily' | 'weekly', sections: DigestSection[]): string {
	const groups = sections.flatMap((s) => s.groups);
	const first = groups[0];
	const label = frequency === 'daily' ? 'Your daily digest' : 'Your weekly digest';
	if (!first) return label;
	const { itemCount, moreCount } = countItems(sections);
	const firstCount = first.items.length + (first.more ?? 0);
	const rest = itemCount + moreCount - firstCount;
	return `${label}: ${first.title} (${firstCount})${rest > 0 ? ` and ${rest} more ${rest === 1 ? 'update' : 'updates'}` : ''}`;
}

/** The personal digest email for one member. Trims the content until it is under MAX_EMAIL_BYTES. */
export function personalEmail(
	member: { id: number; name: string },
	frequency: 'daily' | 'weekly',
	sections: DigestSection[],
	since: number,
	replies?: Replies,
	opts: { preview?: boolean } = {}
): RenderedEmail {
	let content = sections;
	for (let total = 40; ; total = Math.floor(total / 2)) {
		const subject = personalSubject(frequency, content);
		const { html, text } = renderEmail({
			heading: frequency === 'daily' ? 'Your daily digest' : 'Your weekly digest',
			preheader: subject,
			blocks: [
				{ kind: 'paragraph', text: `Hello ${member.name}, here is what is new for you in the Lead Member Network since ${formatDate(since)}.` },
				...sectionBlocks(content, replies),
				{ kind: 'button', text: 'See your week in the Lead Member Network', href: '/' }
			],
			...(replies ? { reply: { line: DIGEST_REPLY_LINE } } : {}),
			reason: `You get this email because you chose a ${frequency} digest of what is new for you in the Lead Member Network.`,
			footerLinks: [
				{ text: 'Change how often you get your digest', href: '/settings/email' },
				{ text: 'Unsubscribe from your digest email', href: opts.preview ? previewUnsubscribeUrl() : unsubscribeUrl(member.id, DIGEST_LIST) }
			]
		});
		if (emailBytes({ html, text }) <= MAX_EMAIL_BYTES || total <= 1) {
			return { subject, html, text, headers: listHeaders(member.id, DIGEST_LIST, 'Lead Member Network personal digest') };
		}
		content = capSections(content, Math.min(8, total), total);
	}
}

/** What a regional digest says, as stored: title, introduction and the sections kept. */
export type RegionalDigestBody = {
	id: number;
	title: string;
	regionName: string;
	introHtml: string;
	introText: string;
	sections: RegionalDigestSection[];
};

/** A regional digest's kept sections as email blocks. */
export function regionalBlocks(d: RegionalDigestBody, replies?: Replies): EmailBlock[] {
	const blocks: EmailBlock[] = [];
	if (d.introHtml) blocks.push({ kind: 'html', html: absoluteLinks(d.introHtml), text: d.introText });
	for (const s of d.sections.filter((x) => x.kept)) {
		blocks.push({ kind: 'heading', text: s.title });
		if (s.bodyHtml) blocks.push({ kind: 'html', html: absoluteLinks(s.bodyHtml), text: s.bodyText ?? '' });
		if (s.items.length > 0 || s.more)
			blocks.push({
				kind: 'list',
				items: s.items.map((i) => ({ text: i.text, href: i.href, note: i.note, reply: replies?.(i) })),
				...(s.more ? { more: moreText(s), moreHref: s.moreHref } : {})
			});
	}
	return blocks;
}

/** The subject of a regional digest: "North West Lead Members: <title>". */
export function regionalSubject(d: Pick<RegionalDigestBody, 'title' | 'regionName'>): string {
	return d.regionName === 'National' ? `Lead Member Network: ${d.title}` : `${d.regionName} Lead Members: ${d.title}`;
}

/**
 * The regional digest email for one member (or, with `test`, the test copy for its composer;
 * with `preview`, the copy shown on the site, whose unsubscribe link does nothing).
 */
export function regionalEmail(d: RegionalDigestBody, recipient: { id: number }, opts: { test?: boolean; preview?: boolean; replies?: Replies } = {}): RenderedEmail {
	const subject = (opts.test ? '[Test] ' : '') + regionalSubject(d);
	const where = d.regionName === 'National' ? 'the Lead Member Network nationally' : `the ${d.regionName} Lead Member network`;
	const { html, text } = renderEmail({
		heading: d.title,
		preheader: subject,
		blocks: [
			...(opts.test ? [{ kind: 'paragraph', text: 'This is a test. Only you have been sent it.' } as EmailBlock] : []),
			...regionalBlocks(d, opts.replies),
			{ kind: 'button', text: 'Read this digest on the site', href: `/digests/${d.id}` }
		],
		...(opts.replies ? { reply: { line: DIGEST_REPLY_LINE } } : {}),
		reason: `You get this email because you are a member of ${where}. Your coordinator sends these digests.`,
		footerLinks: [
			{ text: 'Change your email settings', href: '/settings/email' },
			{ text: 'Unsubscribe from regional digests', href: opts.preview ? previewUnsubscribeUrl() : unsubscribeUrl(recipient.id, REGIONAL_DIGEST_LIST) }
		]
	});
	return { subject, html, text, headers: listHeaders(recipient.id, REGIONAL_DIGEST_LIST, `${d.regionName === 'National' ? 'National' : d.regionName} regional digest`) };
}

/** The link to the site a digest's "view in browser" uses. */
export function digestUrl(id: number): string {
	return absoluteUrl(`/digests/${id}`);
}

/**
 * The body of a rendered email for showing inside a page (the compose preview): what is between
 * <body> and </body>, without the hidden preheader. The email is built from escaped text and
 * sanitized Markdown only, so this is safe to show as HTML.
 */
export function emailBodyHtml(html: string): string {
	const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? '';
	return body.replace(/^\s*<div style="display:none[^"]*">[\s\S]*?<\/div>/, '').trim();
}
