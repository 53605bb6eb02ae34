/**
 * File names from outside, made safe to show and to send back in `Content-Disposition`
 * (RFC 6266, with RFC 5987 `filename*` for names that are not plain ASCII).
 */

/** Control characters, bidi overrides/isolates and other invisible format characters. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
const SEPARATORS = /[/\\:]/g;
/** Characters Windows refuses in names, and quotes (we quote the name in a header). */
const AWKWARD = /[<>"|?*]/g;
const MAX = 120;

/**
 * A name safe for display and download: no path (only the last part of `a/b/c.pdf`), no
 * control, bidi or invisible characters, no leading dots or spaces, at most 120 characters
 * (keeping the extension). Falls back to `document` + the extension when nothing is left.
 */
export function safeName(raw: string, fallbackExt = ''): string {
	let name = String(raw ?? '').normalize('NFC');
	// Only the last segment of a path (browsers on Windows sent whole paths once).
	const parts = name.split(/[/\\]/);
	name = parts[parts.length - 1] ?? '';
	name = name.replace(UNSAFE, '').replace(SEPARATORS, '-').replace(AWKWARD, '').replace(/\s+/g, ' ').trim();
	name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
	const dot = name.lastIndexOf('.');
	let ext = dot > 0 ? name.slice(dot + 1) : '';
	let stem = dot > 0 ? name.slice(0, dot) : name;
	if (ext.length > 10) {
		stem = name;
		ext = '';
	}
	if (!stem.replace(/[.\s-]/g, '')) stem = 'document';
	if (!ext && fallbackExt) ext = fallbackExt;
	const room = MAX - (ext ? ext.length + 1 : 0);
	if (stem.length > room) stem = [...stem].slice(0, room).join('').trim();
	return ext ? `${stem}.${ext}` : stem;
}

/** The extension of a name, lower case, without the dot ('' when none). */
export function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 5987 percent-encoding (attr-char kept as is). */
function encode5987(s: string): string {
	return encodeURIComponent(s).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * A `Content-Disposition` value: `attachment` (or `inline`) with an ASCII `filename` for old
 * clients and `filename*=UTF-8''…` for the real name.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
	const safe = safeName(name);
	const ascii = safe.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[\\"%]/g, '').trim() || 'document';
	const asciiName = ascii.startsWith('.') ? 'document' + ascii : ascii;
	if (asciiName === safe) return `${disposition}; filename="${asciiName}"`;
	return `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encode5987(safe)}`;
}
