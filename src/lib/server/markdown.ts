/**
 * Markdown pipeline for member-written text (discussion posts, event descriptions,
 * digest introductions).
 *
 * Markdown is untrusted: `marked` (GFM, `breaks: true`) turns it into HTML, and
 * that HTML always goes through `sanitize-html` with a strict allowlist before it is
 * stored or shown. The result is safe for Svelte's `{@html}` and for HTML emails.
 *
 * Policy:
 * - Raw HTML written in the Markdown never becomes HTML: it is rendered as escaped
 *   text, so `<b>hi</b>` shows literally.
 * - Allowed elements: p, br, strong, em, del, code, pre, blockquote, ul, ol, li, a,
 *   h3–h6, hr, table, thead, tbody, tr, th, td. `#` and `##` headings become h3 so
 *   posts never outrank page headings.
 * - Allowed attributes: `href`/`title`/`rel` on links, `start` on ordered lists,
 *   `align` (left, center, right) on table cells. No style, class or event handlers.
 * - Links keep only `http:`, `https:` and `mailto:` URLs, plus site-absolute paths
 *   starting with a single `/` (e.g. `/threads/12`). Every other destination —
 *   other schemes, protocol-relative `//host`, page-relative `foo/bar`, `#fragment`
 *   or `?query` — is dropped and the link text kept as plain text. Destinations are
 *   percent-encoded first, so `/\host` becomes the on-site path `/%5Chost`.
 *   Every link gets `rel="nofollow ugc noopener noreferrer"`. Character references in
 *   a link destination are taken literally (never decoded), so `&#106;avascript:` is
 *   not a scheme and such a link is dropped.
 * - Images are not embedded (no tracking pixels, no layout breakage): `![alt](url)`
 *   becomes an ordinary link to the URL, subject to the same URL rules.
 * - Task-list checkboxes render as the text `[ ]` / `[x]`.
 * - `@handle` mentions (outside code, link text and email addresses) become links
 *   when the caller's resolver knows the handle.
 * - Input that marked cannot parse (e.g. thousands of nested quotes) falls back to
 *   escaped plain text. Marked itself is slow on some adversarial input (nested
 *   emphasis runs, deeply indented lists), so callers should cap the source length.
 */
import { Marked, type Token, type Tokens, type RendererExtension } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { compile as compileHtmlToText } from 'html-to-text';

/** Options for {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
	/**
	 * Resolves a mentioned handle (lowercase) to a site path such as `/members/jo-bloggs`,
	 * or `null` when no such member exists. Only paths starting with a single `/` are
	 * used; anything else leaves the mention as plain text.
	 */
	mentionHref?: (handle: string) => string | null;
}

/** The `rel` value every rendered link carries. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Characters that, directly before `@`, mean it is not a mention (email address, path, URL). */
const NOT_BEFORE_MENTION = /[\p{L}\p{N}_.+\-=/@&%#$~^`|{}\\]/u;

/**
 * A mention: `@` and a handle of 2–41 characters (a letter or digit, then letters,
 * digits or hyphens), not followed by another handle character or `@`.
 */
const MENTION_PATTERN = new RegExp(
	`(?<!${NOT_BEFORE_MENTION.source})@([a-z0-9][a-z0-9-]{1,40})(?![a-z0-9_@-])`,
	'giu'
);

/** Escapes text for use in HTML text or a double-quoted attribute value. */
function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/**
 * Returns the URL if it is an allowed link destination (http, https, mailto or a
 * site-absolute path), otherwise null. Expects an entity-decoded value.
 */
function safeHref(value: string | null | undefined): string | null {
	if (!value) return null;
	const href = value.trim();
	// Browsers silently drop tabs and newlines inside URLs, and other control or
	// space characters have no business in a link: refuse rather than normalise.
	if (href === '' || /[\u0000-\u0020\u007f-\u009f\s]/u.test(href)) return null;
	if (/^\/(?![/\\])/.test(href)) return href;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
	if (scheme && ALLOWED_SCHEMES.has(scheme[1].toLowerCase())) return href;
	return null;
}

/**
 * Percent-encodes a Markdown link destination as marked does, so spaces and control
 * characters cannot hide inside a scheme. Returns null for unencodable input.
 */
function encodeUrl(href: string): string | null {
	try {
		return encodeURI(href).replace(/%25/g, '%');
	} catch {
		return null;
	}
}

interface MentionToken extends Tokens.Generic {
	type: 'mention';
	handle: string;
	text: string;
	/** Site path of the member, or null for an unknown handle. */
	href: string | null;
}

type MentionResolver = (handle: string) => string | null;

/**
 * Splits a plain text token into text and mention tokens, or returns null when it
 * holds no mention. `before` is the source character just before the token.
 */
function splitMentions(
	token: Tokens.Text,
	before: string,
	resolve: MentionResolver
): (Tokens.Text | MentionToken)[] | null {
	const { text } = token;
	const parts: (Tokens.Text | MentionToken)[] = [];
	let last = 0;
	for (const match of text.matchAll(MENTION_PATTERN)) {
		if (match.index === 0 && before && NOT_BEFORE_MENTION.test(before)) continue;
		if (match.index > last) parts.push(plainText(text.slice(last, match.index)));
		const handle = match[1].toLowerCase();
		const href = safeHref(resolve(handle));
		parts.push({
			type: 'mention',
			raw: match[0],
			text: match[0],
			handle,
			href: href?.startsWith('/') ? href : null
		});
		last = match.index + match[0].length;
	}
	if (parts.length === 0) return null;
	if (last < text.length) parts.push(plainText(text.slice(last)));
	return parts;
}

function plainText(text: string): Tokens.Text {
	return { type: 'text', raw: text, text, escaped: false };
}

/**
 * Replaces mentions in the token tree with mention tokens, in place. Code, raw HTML,
 * link text and image text are left alone, and emails are already link tokens.
 */
function markMentions(tokens: Token[], resolve: MentionResolver): void {
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i];
		switch (token.type) {
			case 'link':
			case 'image':
			case 'code':
			case 'codespan':
			case 'html':
				continue;
			case 'table':
				for (const cell of [...token.header, ...token.rows.flat()]) markMentions(cell.tokens, resolve);
				continue;
			case 'list':
				for (const item of token.items) markMentions(item.tokens, resolve);
				continue;
			case 'text':
				if (!token.tokens && !token.escaped) {
					const before = i > 0 ? tokens[i - 1].raw.slice(-1) : '';
					const parts = splitMentions(token as Tokens.Text, before, resolve);
					if (parts) {
						tokens.splice(i, 1, ...parts);
						i += parts.length - 1;
					}
					continue;
				}
		}
		if ('tokens' in token && token.tokens) markMentions(token.tokens, resolve);
	}
}

const mentionRenderer: RendererExtension = {
	name: 'mention',
	renderer(token) {
		const { handle, text, href } = token as MentionToken;
		if (!href) return escapeHtml(text);
		return `<a href="${escapeHtml(href)}">@${escapeHtml(handle)}</a>`;
	}
};

const markdown = new Marked({
	gfm: true,
	breaks: true,
	async: false,
	extensions: [mentionRenderer],
	renderer: {
		html({ text, block }: Tokens.HTML | Tokens.Tag) {
			if (!block) return escapeHtml(text);
			const trimmed = text.trim();
			return trimmed ? `<p>${escapeHtml(trimmed).replace(/\n/g, '<br>\n')}</p>\n` : '';
		},
		heading({ tokens, depth }: Tokens.Heading) {
			const level = Math.min(Math.max(depth, 3), 6);
			return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
		},
		link({ href, title, text, tokens, autolink }: Tokens.Link) {
			const label = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
			const url = safeHref(encodeUrl(href));
			if (url === null) return label;
			const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
			return `<a href="${escapeHtml(url)}"${titleAttr}>${label}</a>`;
		},
		image({ href, text, tokens }: Tokens.Image) {
			const alt = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
			const url = safeHref(encodeUrl(href));
			if (url === null) return escapeHtml(alt);
			return `<a href="${escapeHtml(url)}">${escapeHtml(alt.trim() ? alt : url)}</a>`;
		},
		checkbox({ checked }: Tokens.Checkbox) {
			return checked ? '[x] ' : '[ ] ';
		}
	}
});

const allowedTags = [
	'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a',
	'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'
];

const cellAlign = [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }];

/** Sanitizer options, built once at module load. */
const sanitizeOptions: sanitizeHtml.IOptions = {
	allowedTags,
	allowedAttributes: {
		a: ['href', 'title', 'rel'],
		ol: ['start'],
		th: cellAlign,
		td: cellAlign
	},
	allowedClasses: {},
	allowedStyles: {},
	allowedSchemes: [...ALLOWED_SCHEMES],
	allowedSchemesByTag: {},
	allowProtocolRelative: false,
	allowVulnerableTags: false,
	disallowedTagsMode: 'discard',
	nonTextTags: [
		'script', 'style', 'textarea', 'option', 'noscript', 'title', 'xmp', 'iframe',
		'noembed', 'noframes', 'plaintext', 'template', 'svg', 'math', 'object'
	],
	selfClosing: ['br', 'hr'],
	parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
	transformTags: {
		h1: () => ({ tagName: 'h3', attribs: {} }),
		h2: () => ({ tagName: 'h3', attribs: {} }),
		a: (_tagName, attribs) => {
			// Links are already vetted by the renderer; this is the second line of defence.
			// A refused destination leaves an inert <a> with no href (renaming the tag
			// would trip a sanitize-html bug that mislabels the next closing </a>).
			const href = safeHref(attribs.href);
			if (href === null) return { tagName: 'a', attribs: { rel: LINK_REL } };
			const link: sanitizeHtml.Attributes = { href, rel: LINK_REL };
			if (attribs.title) link.title = attribs.title;
			return { tagName: 'a', attribs: link };
		},
		ol: (_tagName, attribs) => {
			const start = attribs.start ?? '';
			const kept: sanitizeHtml.Attributes = /^\d{1,9}$/.test(start) ? { start } : {};
			return { tagName: 'ol', attribs: kept };
		}
	}
};

/** Converts sanitised HTML to one line of plain text; built once at module load. */
const htmlToPlainText = compileHtmlToText({
	wordwrap: false,
	selectors: [
		{ selector: 'a', options: { ignoreHref: true } },
		...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
			selector,
			format: 'block'
		})),
		{ selector: 'ul', format: 'unorderedList', options: { itemPrefix: ' ' } },
		{ selector: 'ol', format: 'unorderedList', options: { itemPrefix: ' ' } },
		{ selector: 'blockquote', format: 'block' },
		{ selector: 'pre', format: 'block' },
		{ selector: 'table', format: 'block' },
		{ selector: 'tr', format: 'block' },
		{ selector: 'th', format: 'inlineSurround', options: { prefix: ' ', suffix: ' ' } },
		{ selector: 'td', format: 'inlineSurround', options: { prefix: ' ', suffix: ' ' } },
		{ selector: 'hr', format: 'skip' },
		{ selector: 'img', format: 'skip' }
	]
});

/** Fallback rendering: the source as escaped text, in paragraphs with line breaks. */
function plainTextHtml(source: string): string {
	return source
		.split(/\n{2,}/)
		.map((paragraph) => paragraph.trim())
		.filter(Boolean)
		.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
		.join('\n');
}

/**
 * Renders member-written Markdown to sanitised HTML that is safe for `{@html}`.
 * Mentions of handles that `opts.mentionHref` resolves become links to the member;
 * other mentions stay plain text. Deterministic for a given input and resolver.
 */
/**
 * `marked` is super-linear on some hostile shapes (thousands of emphasis delimiters, lists
 * nested hundreds deep): 8 KB of `*a _` takes most of a second, 50 KB would block the server
 * for many seconds. Text like that is never a real post, so it is shown as plain text.
 */
export function isPathological(source: string): boolean {
	let delimiters = 0;
	for (let i = 0; i < source.length; i++) {
		const c = source.charCodeAt(i);
		if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) delimiters++;
	}
	if (delimiters > 2_000) return true;
	return /^[ \t>]{40,}/m.test(source);
}

export function renderMarkdown(source: string, opts: RenderMarkdownOptions = {}): string {
	if (!source.trim()) return '';
	const resolve: MentionResolver = opts.mentionHref ?? (() => null);
	const normalised = source.replace(/\r\n?/g, '\n');
	if (isPathological(normalised)) return sanitizeHtml(plainTextHtml(normalised), sanitizeOptions).trim();
	let html: string;
	try {
		const tokens = markdown.lexer(normalised);
		markMentions(tokens, resolve);
		html = markdown.parser(tokens);
	} catch {
		// Pathological input (e.g. thousands of nested quotes) can exhaust the stack.
		html = plainTextHtml(normalised);
	}
	return sanitizeHtml(html, sanitizeOptions).trim();
}

/**
 * Returns the distinct handles mentioned in the Markdown, lowercased, in order of
 * first appearance. Mentions inside code spans, code blocks, link text and email
 * addresses are ignored.
 */
export function extractMentions(source: string): string[] {
	const handles = new Set<string>();
	let tokens: Token[];
	if (isPathological(source)) return [];
	try {
		tokens = markdown.lexer(source.replace(/\r\n?/g, '\n'));
	} catch {
		return []; // pathological input that cannot be parsed renders as plain text
	}
	markMentions(tokens, (handle) => {
		handles.add(handle);
		return null;
	});
	return [...handles];
}

/**
 * Plain text of the Markdown (no markup), whitespace collapsed, cut at a word
 * boundary to at most `max` characters including a trailing ellipsis. The result is
 * text, not HTML: escape it where it goes into HTML.
 */
export function plainExcerpt(source: string, max = 200): string {
	const html = renderMarkdown(source);
	return cutExcerpt(html ? htmlToPlainText(html) : '', max);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The same excerpt from HTML this module made (`renderMarkdown`'s sanitized output, as stored
 * beside the Markdown): tags dropped and entities decoded, without parsing the Markdown again —
 * about a tenth of the cost, for lists that show many excerpts. Text, not HTML.
 */
export function excerptOfSafeHtml(html: string, max = 200): string {
	const text = html
		.replace(/<\/?(p|div|li|ul|ol|h[1-6]|br|hr|blockquote|pre|table|tr|td|th)\b[^>]*>/gi, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
			if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
		});
	return cutExcerpt(text, max);
}

function cutExcerpt(raw: string, max: number): string {
	const text = raw.replace(/\s+/g, ' ').trim();
	if (text.length <= max) return text;
	if (max <= 1) return '…'.slice(0, Math.max(max, 0));
	const budget = max - 1;
	let cut = text.slice(0, budget);
	if (!/\s/.test(text[budget])) {
		const lastSpace = cut.lastIndexOf(' ');
		if (lastSpace > 0) cut = cut.slice(0, lastSpace);
	}
	cut = cut.replace(/[\s,;:.\-–—]+$/u, '');
	return `${cut}…`;
}

/** Backslash-escapes characters that would give an author's name Markdown meaning. */
function escapeMarkdownInline(text: string): string {
	return text.replace(/[\\`*_{}[\]<>~|&@!#]/g, '\\$&');
}

/**
 * Builds a Markdown blockquote of a post for a quote-reply: an italic
 * "*authorName wrote:*" line, then the post, each line prefixed with `> `.
 * Ends with a blank line so the reply can follow directly.
 */
export function quoteMarkdown(source: string, authorName: string): string {
	const name = authorName.replace(/\s+/g, ' ').trim() || 'Someone';
	const body = source.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
	const lines = [`*${escapeMarkdownInline(name)} wrote:*`];
	if (body) lines.push('', ...body.split('\n'));
	return `${lines.map((line) => (line ? `> ${line}` : '>')).join('\n')}\n\n`;
}
