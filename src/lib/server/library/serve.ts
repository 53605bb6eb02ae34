/**
 * Serving a library file: only after the entry's visibility check (entries.download), always
 * with its true type, `nosniff`, a sandboxing CSP and a safe name; as an attachment unless a
 * "view" of a PDF or image without active content is asked for. ETag and single byte ranges.
 */
import { Readable } from 'node:stream';
import type { Actor } from '../auth/policy';
import * as files from '../files';
import { download } from './entries';

export function respond(actor: Actor, entryId: number, versionId: number, request: Request, opts: { view: boolean; head?: boolean }): Response {
	const d = download(actor, entryId, versionId);
	const inline = opts.view && d.viewable;
	const etag = `"${d.hash}"`;
	const headers = new Headers({
		'Content-Type': d.mime,
		'Content-Disposition': files.contentDisposition(d.name, inline ? 'inline' : 'attachment'),
		'X-Content-Type-Options': 'nosniff',
		'Content-Security-Policy': 'sandbox',
		'Cross-Origin-Resource-Policy': 'same-origin',
		'Cache-Control': 'private, no-cache',
		'Accept-Ranges': 'bytes',
		ETag: etag
	});
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });

	let range: { start: number; end: number } | undefined;
	const asked = request.headers.get('range');
	const ifRange = request.headers.get('if-range');
	if (asked && (!ifRange || ifRange === etag)) {
		const m = /^bytes=(\d*)-(\d*)$/.exec(asked.trim());
		let start = NaN;
		let end = NaN;
		if (m && (m[1] || m[2])) {
			if (m[1] === '') {
				const n = Number(m[2]);
				start = Math.max(0, d.size - n);
				end = d.size - 1;
			} else {
				start = Number(m[1]);
				end = m[2] === '' ? d.size - 1 : Math.min(Number(m[2]), d.size - 1);
			}
		}
		if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start <= end && start < d.size)) {
			headers.set('Content-Range', `bytes */${d.size}`);
			return new Response(null, { status: 416, headers });
		}
		range = { start, end };
	}
	const length = range ? range.end - range.start + 1 : d.size;
	headers.set('Content-Length', String(length));
	if (range) headers.set('Content-Range', `bytes ${range.start}-${range.end}/${d.size}`);
	const status = range ? 206 : 200;
	if (opts.head) return new Response(null, { status, headers });
	const stream = files.open(d.hash, range);
	if (!stream) return new Response('Not found', { status: 404 });
	return new Response(Readable.toWeb(stream) as ReadableStream, { status, headers });
}
