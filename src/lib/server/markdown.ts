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
 *   other schemes, protocol-relative `//host`, `/\host`, page-relative `foo/bar`,
 *   `#fragment` or `?query` — is dropped and the link text kept as plain text.
 *   Every link gets `rel="nofollow ugc noopener noreferrer"`. Character references in
 *   a link destination are taken literally (never decoded), so `&#106;avascript:` is
 *   not a scheme and such a link is dropped.
 * - Images are not embedded (no tracking pixels, no layout breakage): `![alt](url)`
 *   becomes an ordinary link to the URL, subject to the same URL rules.
 * - Task-list checkboxes render as the text `[ ]` / `[x]`.
 */
import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked';
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

/** A handle is 2–41 characters: a letter or digit, then letters, digits or hyphens. */
const MENTION_PATTERN = /^@([a-z0-9][a-z0-9-]{1,40})(?![a-z0-9_@-])/i;

/**
 * Characters that, directly before `@`, mean it is not a mention (e.g. the local
 * part of an email address, a path or a URL).
 */
const NOT_BEFORE_MENTION = /[\p{L}\p{N}_.+\-=/@&%#$~^`|{}\\]/u;

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

/** Whether the `@` at `index` of `src` could start a mention, judged by the character before it. */
function mentionCanStartAt(src: string, index: number): boolean {
	return index === 0 || !NOT_BEFORE_MENTION.test(src[index - 1]);
}

interface MentionToken extends Tokens.Generic {
	type: 'mention';
	handle: string;
	text: string;
}

/**
 * The mention resolver for the render in progress. Marked runs synchronously here,
 * so a module-level slot set and cleared around each call is safe.
 */
let activeMentionHref: RenderMarkdownOptions['mentionHref'];

const mentionExtension: TokenizerAndRendererExtension = {
	name: 'mention',
	level: 'inline',
	start(src) {
		const at = /@[a-z0-9]/gi;
		for (let match = at.exec(src); match; match = at.exec(src)) {
			if (mentionCanStartAt(src, match.index)) return match.index;
		}
		return undefined;
	},
	tokenizer(src, tokens) {
		if (this.lexer.state.inLink) return undefined;
		const match = MENTION_PATTERN.exec(src);
		if (!match) return undefined;
		const previous = tokens.at(-1);
		if (previous && !mentionCanStartAt(previous.raw, previous.raw.length)) return undefined;
		const token: MentionToken = {
			type: 'mention',
			raw: match[0],
			text: match[0],
			handle: match[1].toLowerCase()
		};
		return token;
	},
	renderer(token) {
		const { handle, text } = token as MentionToken;
		const href = safeHref(activeMentionHref?.(handle) ?? undefined);
		if (href === null || !href.startsWith('/')) return escapeHtml(text);
		return `<a href="${escapeHtml(href)}">@${escapeHtml(handle)}</a>`;
	}
};

const markdown = new Marked({
	gfm: true,
	breaks: true,
	async: false,
	extensions: [mentionExtension],
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
export function renderMarkdown(source: string, opts: RenderMarkdownOptions = {}): string {
	if (!source.trim()) return '';
	const previous = activeMentionHref;
	activeMentionHref = opts.mentionHref;
	const normalised = source.replace(/\r\n?/g, '\n');
	let html: string;
	try {
		html = markdown.parse(normalised, { async: false });
	} catch {
		// Pathological input (e.g. thousands of nested quotes) can exhaust the stack.
		html = plainTextHtml(normalised);
	} finally {
		activeMentionHref = previous;
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
	try {
		tokens = markdown.lexer(source.replace(/\r\n?/g, '\n'));
	} catch {
		return []; // pathological input that cannot be parsed renders as plain text
	}
	markdown.walkTokens(tokens, (token) => {
		if (token.type === 'mention') handles.add((token as MentionToken).handle);
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
	const text = html ? htmlToPlainText(html).replace(/\s+/g, ' ').trim() : '';
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
