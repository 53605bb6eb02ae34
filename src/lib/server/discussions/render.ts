/**
 * Turns a post's Markdown into what is stored: sanitized HTML (mentions of real members become
 * links to their page), plain text for search and excerpts, and the handles it mentions.
 * Done once at write time so reading a thread does no Markdown work.
 */
import { extractMentions, plainExcerpt, renderMarkdown } from '../markdown';
import * as members from '../network/members';

export type Rendered = { html: string; plain: string; mentions: { id: number; handle: string; name: string }[] };

/** The site path of a member's page. */
export function memberPath(handle: string): string {
	return `/members/${encodeURIComponent(handle)}`;
}

/** Renders a post body (already cleaned) for storage. */
export function renderPost(body: string): Rendered {
	return render(body);
}

/** Renders a post body (already cleaned) for its preview, with the @handles no member has (they will notify no one). */
export function previewPost(body: string): { html: string; unknownMentions: string[] } {
	const r = render(body);
	return { html: r.html, unknownMentions: r.unknown.slice(0, 10) };
}

function render(body: string): Rendered & { unknown: string[] } {
	const handles = extractMentions(body).slice(0, 50);
	const mentioned = members.byHandles(handles);
	const known = new Map(mentioned.map((m) => [m.handle.toLowerCase(), m]));
	const html = renderMarkdown(body, { mentionHref: (h) => (known.has(h) ? memberPath(known.get(h)!.handle) : null) });
	return { html, plain: plainText(body), mentions: mentioned, unknown: handles.filter((h) => !known.has(h)) };
}

/** The plain text of Markdown, for the search index (no control characters: they mark highlights). */
export function plainText(body: string): string {
	return plainExcerpt(body, 1_000_000).replace(/[\u0000-\u001f\u007f]/g, ' ');
}
