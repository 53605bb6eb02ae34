/**
 * The readable summary of a data export: one self-contained HTML page (no script, no external
 * files) that shows every section of the JSON document as headings and definition lists.
 * Every value is escaped; nothing from the database is trusted as HTML.
 */
import type { ExportDocument } from './export';
import { words } from './export';
import { formatDateTime } from '../../time';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function scalar(v: unknown): string {
	if (v == null || v === '') return '<span class="none">None</span>';
	if (typeof v === 'boolean') return v ? 'Yes' : 'No';
	if (typeof v === 'string' && ISO.test(v)) return `<time datetime="${esc(v)}">${esc(formatDateTime(Date.parse(v)))}</time>`;
	const s = String(v);
	return s.includes('\n') || s.length > 120 ? `<div class="long">${esc(s)}</div>` : esc(s);
}

function value(v: unknown, depth: number): string {
	if (Array.isArray(v)) {
		if (v.length === 0) return '<span class="none">None</span>';
		if (v.every((x) => x == null || typeof x !== 'object')) return esc(v.map((x) => String(x ?? '')).join(', '));
		return `<ol class="items">${v.map((x) => `<li>${value(x, depth + 1)}</li>`).join('')}</ol>`;
	}
	if (v && typeof v === 'object') return object(v as Record<string, unknown>, depth);
	return scalar(v);
}

function object(o: Record<string, unknown>, depth: number): string {
	const entries = Object.entries(o);
	if (entries.length === 0) return '<span class="none">None</span>';
	return `<dl>${entries.map(([k, v]) => `<dt>${esc(words(k))}</dt><dd>${value(v, depth)}</dd>`).join('')}</dl>`;
}

function count(v: unknown): string {
	return Array.isArray(v) ? ` <span class="count">(${v.length})</span>` : '';
}

/** The HTML page for an export document. */
export function renderSummaryHtml(doc: ExportDocument): string {
	const sections = Object.entries(doc.sections);
	let n = 0;
	const ids = sections.map(([title]) => ({ title, id: `s${++n}` }));
	const body = sections
		.map(([title, data], i) => {
			const parts = Object.entries(data)
				.map(([k, v]) => `<h3>${esc(words(k))}${count(v)}</h3>${value(v, 0)}`)
				.join('\n');
			return `<section aria-labelledby="${ids[i].id}"><h2 id="${ids[i].id}">${esc(title)}</h2>${parts || '<p class="none">Nothing here.</p>'}</section>`;
		})
		.join('\n');
	return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data – Lead Member Network</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.1rem; line-height: 1.5; color: #0b0c0c; max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2.5rem; border-top: 2px solid #0b0c0c; padding-top: 1rem; } h3 { font-size: 1.2rem; margin-top: 1.5rem; }
dl { display: grid; grid-template-columns: minmax(8rem, 16rem) 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
ol.items { padding-left: 1.5rem; } ol.items > li { border-bottom: 1px solid #b1b4b6; padding: 0.5rem 0; }
.long { white-space: pre-wrap; background: #f3f2f1; padding: 0.5rem; }
.none, .count { color: #505a5f; }
a { color: #1d70b8; }
@media print { h2 { break-before: page; } }
</style>
</head>
<body>
<main>
<h1>Your data in the Lead Member Network</h1>
<p>This is everything the network held about <strong>${esc(doc.about.name)}</strong> (${esc(doc.about.email)}) on ${esc(formatDateTime(Date.parse(doc.exportedAt)))}. The same data is in the JSON file you can download from the “Your data” page, for use in other programs.</p>
${doc.problems.length ? `<div role="alert"><h2>Some parts are missing</h2><ul>${doc.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>` : ''}
<nav aria-label="Contents"><h2>Contents</h2><ul>${ids.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ul></nav>
${body}
</main>
</body>
</html>
`;
}
