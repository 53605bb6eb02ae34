/**
 * The library's figures (issue 15), on the page run's server and copy of the database:
 *
 * 1. Text extraction of a 100-page PDF off the request path: the PDF is shared through the
 *    real form (the request only stores it and queues the job), then the app's own queue
 *    (`library/text.ts` runDue, as the scheduler runs it) works in a child process on the same
 *    database; its time, and the search page then finds a word from page 100 and says so.
 * 2. Upload of a 20 MB PDF through the real form (POST /library/new, multipart, streamed):
 *    the time of one upload on its own (median of three).
 * 3. Four such uploads at once, nothing else running: the server's RSS before and its peak
 *    (sampled every 50 ms) — the target is growth under 50 MB, which holds only if uploads are
 *    streamed to disk rather than held in memory.
 * 4. The 20-post thread page loaded as in the page run while four uploads run back to back
 *    the whole time: its p99 (and how many uploads finished meanwhile).
 *
 * Each of the four upload lanes is a different member sending a different 20 MB PDF (a real
 * PDF: text pages and a 20 MB picture); a lane repeats its own file, which the store keeps once.
 */
import { pictureBytes } from '../../src/lib/server/seed/large/documents';
import { simplePdf } from '../../src/lib/server/seed/demo-files';
import { measure, type LoadOptions, type LoadResult } from './load';
import { ask, memoryOf, rssSampler, start, stop, tsx } from './procs';
import { percentile } from './stats';
import type { Extracted } from './extract-child';

const MB = 1024 * 1024;
export const UPLOAD_BYTES = 20 * MB;

export type LibraryRun = {
	extraction: { pages: number; bytes: number; uploadMs: number; extractMs: number; pagesIndexed: number; childPeakRssBytes: number | null; foundOnLastPage: boolean };
	upload: { bytes: number; runsMs: number[]; medianMs: number; mbPerS: number };
	concurrent: { uploads: number; bytes: number; wallMs: number; eachMs: number[]; rssBeforeBytes: number; rssPeakBytes: number; growthBytes: number; samples: number };
	threadDuringUploads: { load: LoadResult; uploadsFinished: number; uploadMedianMs: number; uploadP99Ms: number; aloneP99Ms: number | null };
};

/** A real PDF of exactly `bytes`: a few text pages and a picture making up the rest. */
export function pdfOfSize(bytes: number, label: string, pictures: Buffer): Buffer {
	const pages = [`${label}: corporate parenting annual report. What children in care told us this year, and what we changed because of it.`, 'Appendix: the scorecard, quarter by quarter.'];
	let picture = bytes - simplePdf(label, pages).length - 200;
	for (let i = 0; i < 5; i++) {
		const out = simplePdf(label, pages, { image: pictures.subarray(0, picture) });
		if (out.length === bytes) return out;
		picture += bytes - out.length;
	}
	throw new Error(`Could not make a PDF of exactly ${bytes} bytes`);
}

/** A PDF of `n` pages of text, each page naming its number with a word of its own. */
function longPdf(n: number): { bytes: Buffer; lastWord: string } {
	const words = ['Fostering', 'Kinship', 'Adoption', 'Residential', 'Leaving care', 'Virtual school', 'Health', 'Participation'];
	const pages = Array.from(
		{ length: n },
		(_, i) =>
			`Page ${i + 1}. ${words[i % words.length]}: what the corporate parenting board heard this quarter. The board reviewed placement stability, health assessments and care leavers' accommodation, and asked officers for an action plan with dates. Members visited two children's homes and met the Children in Care Council, who asked for quicker answers to their questions. bookmark${i + 1}word`
	);
	return { bytes: simplePdf('Corporate parenting board: a year of minutes', pages), lastWord: `bookmark${n}word` };
}

type Session = { email: string; token: string };

/** The hidden fields and a valid authority of the share form, read from the page as a browser would. */
async function formFields(origin: string, token: string): Promise<Record<string, string>> {
	const r = await fetch(`${origin}/library/new`, { headers: { cookie: `session=${token}` }, redirect: 'manual' });
	const html = await r.text();
	if (r.status !== 200) throw new Error(`GET /library/new answered ${r.status}`);
	const fields: Record<string, string> = {};
	for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
		const name = /name="([^"]+)"/.exec(m[0])?.[1];
		const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
		if (name) fields[name] = value;
	}
	const authority = /<select[^>]*name="authorityId"[\s\S]*?<option[^>]*value="(\d+)"/.exec(html)?.[1];
	if (!authority) throw new Error('No authority to choose on /library/new');
	fields.authorityId = authority;
	return fields;
}

/** One upload through the share form; resolves when the server has answered (303 to the new entry). */
async function share(origin: string, who: Session, file: Buffer, name: string, title: string): Promise<number> {
	const boundary = `----lmnbench${Math.random().toString(16).slice(2)}`;
	const fields: [string, string][] = [
		...Object.entries(await formFieldsCached(origin, who.token)),
		['kind', 'report'],
		['title', title],
		['summary', 'Shared by the benchmark: the annual report of the corporate parenting board.'],
		['topics', 'corporate-parenting'],
		['scope', 'national']
	];
	const head = Buffer.from(
		fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const t = performance.now();
	const r = await fetch(`${origin}/library/new`, {
		method: 'POST',
		headers: { cookie: `session=${who.token}`, origin, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
		body: Buffer.concat([head, file, tail]),
		redirect: 'manual'
	});
	const body = await r.text();
	const ms = performance.now() - t;
	const location = r.headers.get('location') ?? '';
	if (r.status !== 303 || !/^\/library\/\d+/.test(location)) {
		const message = /class="[^"]*error-summary[^"]*"[\s\S]*?<a[^>]*>([^<]{0,300})/.exec(body)?.[1];
		throw new Error(`Uploading ${name} as ${who.email} answered ${r.status}${location ? ` → ${location}` : ''}: ${message ?? body.slice(0, 300)}`);
	}
	return ms;
}
const formCache = new Map<string, Promise<Record<string, string>>>();
const formFieldsCached = (origin: string, token: string) => {
	if (!formCache.has(token)) formCache.set(token, formFields(origin, token));
	return formCache.get(token)!;
};

export async function libraryRun(opts: {
	origin: string;
	serverPid: number;
	dataDir: string;
	sessions: Session[];
	readUrl: string;
	readToken: string;
	load: Omit<LoadOptions, 'headers' | 'serverPid'>;
	aloneP99Ms: number | null;
	log: (m: string) => void;
}): Promise<LibraryRun> {
	const { origin, log } = opts;
	if (opts.sessions.length < 5) throw new Error('The library run needs five signed-in members');
	const [first, ...lanes] = opts.sessions;

	// 1. A 100-page PDF: shared through the form, then extracted by the app's queue in another process.
	const long = longPdf(100);
	const uploadMs = await share(origin, first, long.bytes, 'Corporate parenting board minutes.pdf', 'Corporate parenting board: a year of minutes');
	const child = start(process.execPath, tsx('./extract-child.ts'), { env: { ...process.env, DATA_DIR: opts.dataDir, DATABASE_PATH: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let extracted: Extracted;
	try {
		extracted = await ask<Extracted>(child, { type: 'extract' });
	} finally {
		await stop(child);
	}
	const search = await fetch(`${origin}/library/search?q=${long.lastWord}`, { headers: { cookie: `session=${first.token}` } });
	const foundOnLastPage = (await search.text()).includes(', page 100</a>');
	log(`library: a 100-page PDF (${(long.bytes.length / 1024).toFixed(0)} KB) uploaded in ${uploadMs.toFixed(0)} ms; its text extracted off the request path in ${extracted.ms.toFixed(0)} ms (${extracted.pages} pages indexed); search finds page 100: ${foundOnLastPage}`);

	// 2. One 20 MB upload at a time.
	const pictures = pictureBytes(20261123, UPLOAD_BYTES + 64 * 1024);
	const files = lanes.slice(0, 4).map((_, i) => pdfOfSize(UPLOAD_BYTES, `Annual report ${i + 1}`, pictures.subarray(i * 1024)));
	const runsMs: number[] = [];
	for (let i = 0; i < 3; i++) runsMs.push(await share(origin, first, files[0], 'Annual report.pdf', `Annual report, upload ${i + 1}`));
	const medianMs = percentile([...runsMs].sort((a, b) => a - b), 50);
	log(`library: one 20 MB upload takes ${runsMs.map((m) => m.toFixed(0)).join(', ')} ms`);

	// 3. Four at once, nothing else running: how much the server's memory grows.
	await new Promise((r) => setTimeout(r, 1000));
	const before = memoryOf(opts.serverPid)?.rss ?? NaN;
	const sampler = rssSampler(opts.serverPid, 50);
	const t = performance.now();
	const eachMs = await Promise.all(lanes.slice(0, 4).map((who, i) => share(origin, who, files[i], `Annual report ${i + 1}.pdf`, `Annual report ${i + 1}, at once`)));
	const wallMs = performance.now() - t;
	const mem = sampler.stop();
	log(`library: four 20 MB uploads at once in ${wallMs.toFixed(0)} ms; server RSS ${(before / MB).toFixed(0)} MB before, peak ${(mem.peakSampledRss / MB).toFixed(0)} MB (+${((mem.peakSampledRss - before) / MB).toFixed(1)} MB)`);

	// 4. The thread page under load while four uploads run back to back.
	let running = true;
	const times: number[] = [];
	const laneLoops = lanes.slice(0, 4).map(async (who, i) => {
		for (let k = 0; running; k++) times.push(await share(origin, who, files[i], `Annual report ${i + 1}.pdf`, `Annual report ${i + 1}, under load ${k + 1}`));
	});
	const load = await measure(opts.readUrl, { ...opts.load, warmup: 0, headers: { cookie: `session=${opts.readToken}` }, serverPid: opts.serverPid });
	running = false;
	await Promise.all(laneLoops);
	const sorted = [...times].sort((a, b) => a - b);
	log(`library: 20-post thread while uploading: ${load.rps.toFixed(0)} req/s, p99 ${load.latencyMs.p99} ms; ${times.length} uploads finished meanwhile (median ${percentile(sorted, 50).toFixed(0)} ms)`);

	return {
		extraction: { pages: 100, bytes: long.bytes.length, uploadMs, extractMs: extracted.ms, pagesIndexed: extracted.pages, childPeakRssBytes: extracted.hwmBytes, foundOnLastPage },
		upload: { bytes: UPLOAD_BYTES, runsMs, medianMs, mbPerS: UPLOAD_BYTES / MB / (medianMs / 1000) },
		concurrent: { uploads: 4, bytes: UPLOAD_BYTES, wallMs, eachMs, rssBeforeBytes: before, rssPeakBytes: mem.peakSampledRss, growthBytes: mem.peakSampledRss - before, samples: mem.samples },
		threadDuringUploads: { load, uploadsFinished: times.length, uploadMedianMs: percentile(sorted, 50), uploadP99Ms: percentile(sorted, 99), aloneP99Ms: opts.aloneP99Ms }
	};
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '–');
const mb = (n: number | null) => (n != null && Number.isFinite(n) ? `${(n / MB).toFixed(1)} MB` : '–');

/** The targets, for the results' list. */
export function libraryTargets(r: LibraryRun) {
	return [
		{ name: 'Library: RSS growth, four 20 MB uploads at once', target: '< 50 MB', value: mb(r.concurrent.growthBytes), met: r.concurrent.growthBytes < 50 * MB },
		{ name: 'Library: 100-page PDF searchable (page 100 found)', target: 'yes', value: r.extraction.foundOnLastPage ? 'yes' : 'no', met: r.extraction.foundOnLastPage }
	];
}

/** The printed table. */
export function printLibrary(r: LibraryRun, table: (head: string[], rows: string[][], right: boolean[]) => string): string {
	const c = r.concurrent;
	const d = r.threadDuringUploads;
	const rows = [
		['Upload of a 20 MB PDF (one at a time, median of 3)', `${f0(r.upload.medianMs)} ms`, `${r.upload.mbPerS.toFixed(0)} MB/s; runs ${r.upload.runsMs.map(f0).join(', ')} ms`, '', ''],
		['Four 20 MB uploads at once: server RSS', `+${mb(c.growthBytes)}`, `${mb(c.rssBeforeBytes)} before, peak ${mb(c.rssPeakBytes)} (${c.samples} samples, every 50 ms); all four in ${f0(c.wallMs)} ms`, '< 50 MB', c.growthBytes < 50 * MB ? 'yes' : 'NO'],
		['20-post thread p99 while four uploads run', `${d.load.latencyMs.p99} ms`, `${f0(d.load.rps)} req/s, p50 ${d.load.latencyMs.p50} ms${d.aloneP99Ms != null ? `; p99 ${d.aloneP99Ms} ms without uploads` : ''}; ${d.uploadsFinished} uploads finished meanwhile (median ${f0(d.uploadMedianMs)} ms)`, '', ''],
		['Text of a 100-page PDF extracted off the request path', `${f0(r.extraction.extractMs)} ms`, `upload ${f0(r.extraction.uploadMs)} ms (${f0(r.extraction.bytes / 1024)} KB); ${r.extraction.pagesIndexed} pages indexed; extraction process peak RSS ${mb(r.extraction.childPeakRssBytes)}; search finds page 100: ${r.extraction.foundOnLastPage ? 'yes' : 'no'}`, '', '']
	];
	return `\nLibrary (issue 15)\n${table(['measure', 'figure', 'detail', 'target', 'met?'], rows, [false, true, false, false, false])}`;
}
