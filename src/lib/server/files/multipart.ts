/**
 * A streaming `multipart/form-data` reader for upload forms: text fields are collected (small,
 * capped), and the one file part is written straight to a Sink as it arrives — the upload is
 * never held whole in memory (SvelteKit's `request.formData()` would buffer all of it).
 */
import { Sink, discard, type ReceiveResult } from './store';

export type Upload = {
	/** The text fields, as FormData so the usual form schemas read them. */
	fields: FormData;
	/** The file, checked; null when the form came without one (no file chosen). */
	file: ReceiveResult | null;
	/** The file field's name. */
	fileField: string | null;
};

export class UploadError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER = 16 * 1024;

function boundaryOf(contentType: string | null): string | null {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
	const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : null;
}

function dispositionOf(headers: string): { name: string; filename: string | null } | null {
	const line = headers.split('\r\n').find((l) => /^content-disposition:/i.test(l));
	if (!line) return null;
	const param = (key: string) => {
		const re = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]+)`, 'i');
		const m = re.exec(line);
		if (!m) return null;
		return m[1] != null ? m[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"') : m[2];
	};
	const name = param('name');
	if (name == null) return null;
	let filename = param('filename');
	const star = param('filename\\*');
	if (star) {
		const m = /^UTF-8''(.*)$/i.exec(star);
		if (m) {
			try {
				filename = decodeURIComponent(m[1]);
			} catch {
				// keep the plain one
			}
		}
	}
	return { name, filename };
}

/**
 * Reads an upload form. `maxBytes` is the file limit; a file past it is read to the end and
 * dropped (so the browser sees our answer) and refused as too big — but a request larger than
 * the file limit twice over is cut off (413). A request that breaks off mid-way removes what
 * was written and throws.
 */
export async function readUpload(request: Request, opts: { maxBytes: number; maxFieldBytes?: number }): Promise<Upload> {
	const boundary = boundaryOf(request.headers.get('content-type'));
	if (!boundary || !request.body) throw new UploadError(400, 'The form was not sent as an upload. Try again.');
	const hardCap = opts.maxBytes * 2 + 1024 * 1024;
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > hardCap) throw new UploadError(413, 'The upload is far too large.');
	const maxField = opts.maxFieldBytes ?? 256 * 1024;

	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const fields = new FormData();
	let fieldBytes = 0;
	let file = null as ReceiveResult | null;
	let fileField: string | null = null;

	// Start with a CRLF so the first boundary looks like every other one.
	let buf: Buffer = Buffer.from(CRLF);
	let state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'preamble';
	let part: { name: string; filename: string | null; chunks: Buffer[]; sink: Sink | null; size: number } | null = null;
	let total = 0;

	const reader = request.body.getReader();
	let sink: Sink | null = null;
	const fail = async (err: unknown): Promise<never> => {
		if (sink) await (sink as Sink).abort();
		const got = file as ReceiveResult | null;
		if (got?.ok) await discard(got.file);
		reader.cancel().catch(() => {});
		throw err;
	};

	const emit = async (data: Buffer) => {
		if (!part || data.length === 0) return;
		part.size += data.length;
		if (part.sink) await part.sink.write(data);
		else if (part.filename == null) {
			fieldBytes += data.length;
			if (fieldBytes > maxField) throw new UploadError(413, 'The form’s text is too long.');
			part.chunks.push(data);
		}
	};
	const endPart = async () => {
		if (!part) return;
		if (part.sink) {
			const s = part.sink;
			sink = null;
			if (part.size === 0 && !part.filename) await s.abort();
			else file = await s.finish(part.filename ?? '');
			fileField = part.name;
		} else if (part.filename == null) {
			fields.append(part.name, Buffer.concat(part.chunks).toString('utf8'));
		}
		part = null;
	};

	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (value) {
				total += value.byteLength;
				if (total > hardCap) throw new UploadError(413, 'The upload is far too large.');
				buf = buf.length ? Buffer.concat([buf, value]) : Buffer.from(value);
			}
			// Work through what we have.
			for (;;) {
				if (state === 'preamble') {
					const i = buf.indexOf(delimiter);
					if (i < 0) {
						buf = buf.subarray(Math.max(0, buf.length - delimiter.length));
						break;
					}
					buf = buf.subarray(i + delimiter.length);
					state = 'after-delimiter';
				}
				if (state === 'after-delimiter') {
					if (buf.length < 2) break;
					if (buf[0] === 0x2d && buf[1] === 0x2d) {
						state = 'done';
						break;
					}
					const eol = buf.indexOf(CRLF);
					if (eol < 0) {
						if (buf.length > 256) throw new UploadError(400, 'The upload could not be read. Try again.');
						break;
					}
					buf = buf.subarray(eol + 2);
					state = 'headers';
				}
				if (state === 'headers') {
					const end = buf.indexOf(HEADER_END);
					const headers = end < 0 ? null : buf.subarray(0, end).toString('utf8');
					if (headers == null) {
						if (buf.length > MAX_HEADER) throw new UploadError(400, 'The upload could not be read. Try again.');
						break;
					}
					buf = buf.subarray(end + 4);
					const d = dispositionOf(headers);
					if (!d) throw new UploadError(400, 'The upload could not be read. Try again.');
					part = { name: d.name, filename: d.filename, chunks: [], sink: null, size: 0 };
					if (d.filename != null && !fileField && !sink) {
						sink = await Sink.start(opts.maxBytes);
						part.sink = sink;
					}
					state = 'body';
				}
				if (state === 'body') {
					const i = buf.indexOf(delimiter);
					if (i < 0) {
						const keep = delimiter.length - 1;
						if (buf.length > keep) {
							await emit(buf.subarray(0, buf.length - keep));
							buf = Buffer.from(buf.subarray(buf.length - keep));
						}
						break;
					}
					await emit(buf.subarray(0, i));
					buf = Buffer.from(buf.subarray(i + delimiter.length));
					await endPart();
					state = 'after-delimiter';
					continue;
				}
				if (state === 'done') break;
			}
			if (done) break;
		}
		if (state !== 'done') throw new UploadError(400, 'The upload was cut off before it finished. Try again.');
	} catch (err) {
		return fail(err);
	}
	return { fields, file, fileField };
}
