/**
 * The good-practice library for the large network: entries of every kind across topics,
 * regions and authorities (regional ones by members of that region), each with its files —
 * real PDFs, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG and JPEG files of the sizes
 * councils' documents have (documents.ts) — later versions, useful marks, a few reports and
 * hidden entries, the audit trail of the uploads, and the searchable text the extraction queue
 * would have written (so search works without running the queue over thousands of files).
 *
 * Every file is written to the store under its SHA-256 and passes the upload checks
 * (files/detect.ts) before it is recorded; the same template shared by several councils is
 * stored once, as the store does. Identical sizes and text come back for the same seed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LIBRARY_KINDS, TOPICS, label, type Topic } from '../../../vocab';
import { isoDate } from '../../../time';
import { renderMarkdown } from '../../markdown';
import { blobPath } from '../../files/store';
import { detect } from '../../files/detect';
import { FILE_TYPES, type FileKind } from '../../files/types';
import { runDue, waiting } from '../../library/text';
import { DAY, HOUR, timeAgo, type LargeContext, type Person } from './context';
import { makeDocument, pictureBytes, typicalSize } from './documents';
import { between, paragraph, pick, some, type Random } from './text';

export type LibraryTargets = { entries: number; files: number };
export type LibraryResult = { entries: number; files: number; versions: number; storedFiles: number; bytes: number; usefulMarks: number; textPages: number; rareEntryId: number | null };

/** A word planted on an inner page of a few PDFs only, so a search must find it in a file's text. */
export const LIBRARY_RARE_WORD = 'Kittiwake';
const RARE_SENTENCE = 'The Kittiwake scheme pairs every care leaver with a mentor from a local employer for their first year at work.';

const TOPIC_VALUES = TOPICS.map(([v]) => v) as Topic[];
type Kind = (typeof LIBRARY_KINDS)[number][0];

/** What each kind of entry is, and the files such entries carry (weights). */
const KINDS: { kind: Kind; weight: number; files: [FileKind, number][] }[] = [
	{ kind: 'case-study', weight: 20, files: [['pdf', 50], ['pptx', 20], ['jpeg', 12], ['png', 8], ['docx', 10]] },
	{ kind: 'strategy', weight: 18, files: [['pdf', 76], ['docx', 16], ['odt', 2], ['xlsx', 3], ['png', 3]] },
	{ kind: 'report', weight: 20, files: [['pdf', 74], ['docx', 14], ['xlsx', 6], ['csv', 3], ['odt', 1], ['jpeg', 2]] },
	{ kind: 'guidance', weight: 16, files: [['pdf', 70], ['docx', 22], ['txt', 4], ['odt', 2], ['png', 2]] },
	{ kind: 'template', weight: 14, files: [['docx', 44], ['xlsx', 28], ['csv', 10], ['odt', 5], ['ods', 5], ['pdf', 8]] },
	{ kind: 'presentation', weight: 12, files: [['pptx', 78], ['odp', 8], ['pdf', 14]] }
];

function weighted<T>(random: Random, items: [T, number][]): T {
	const total = items.reduce((s, [, w]) => s + w, 0);
	let r = random() * total;
	for (const [v, w] of items) if ((r -= w) < 0) return v;
	return items[items.length - 1][0];
}

const YEARS = ['2024 to 2027', '2025 to 2028', '2026 to 2029', '2025/26', '2026/27'];
const TITLES: Record<Kind, ((t: string, a: string, r: Random) => string)[]> = {
	'case-study': [(t) => `${t}: what worked for us`, (t, a) => `${t} in ${a}`, (t, a) => `How ${a} changed its approach to ${t.toLowerCase()}`],
	strategy: [(t, _a, r) => `${t} strategy ${pick(r, YEARS)}`, (t, a) => `${a}: ${t.toLowerCase()} policy`, (t, _a, r) => `Our ${t.toLowerCase()} plan ${pick(r, YEARS)}`],
	report: [(t) => `Scrutiny review: ${t.toLowerCase()}`, (t, a) => `${t}: annual report (${a})`, (t) => `Task and finish group report on ${t.toLowerCase()}`],
	guidance: [(t) => `${t}: a guide for Lead Members`, (t) => `Questions to ask about ${t.toLowerCase()}`, (t) => `${t} – briefing for new councillors`],
	template: [(t) => `${t}: report template`, (t) => `${t} scorecard template`, (t) => `Terms of reference template: ${t.toLowerCase()}`],
	presentation: [(t, _a, r) => `${t}: slides from the ${pick(r, ['spring', 'summer', 'autumn', 'winter'])} network meeting`, (t) => `${t} – briefing for cabinet`, (t, a) => `${a}: ${t.toLowerCase()} presentation`]
};
const FILE_WORDS: Record<FileKind, string[]> = {
	pdf: ['', ' FINAL', ' (agreed)', ' - published', ' v2'],
	docx: ['', ' draft', ' - for comment', ' v3'],
	xlsx: [' - figures', ' data', ' workbook'],
	pptx: [' slides', '', ' - presentation'],
	odt: ['', ' draft'],
	ods: [' - figures'],
	odp: [' slides'],
	csv: [' - data', ' figures'],
	txt: [' - notes', ' notes'],
	png: [' - chart', ' infographic'],
	jpeg: [' - photo', ' poster']
};
const ANNEXES = ['Appendix A', 'Appendix B', 'Annex 1', 'Equality impact assessment', 'Action plan', 'Easy read version', 'Young people’s version', 'Data pack', 'Consultation responses', 'Terms of reference'];

type VersionPlan = { kind: FileKind; name: string; createdAt: number; uploader: Person; size: number; seedPages: string[]; reuse?: VersionPlan; hash?: string; bytes?: number; pages?: { page: number; text: string }[] };
type FilePlan = { createdAt: number; versions: VersionPlan[] };
type EntryPlan = {
	kind: Kind;
	title: string;
	summary: string;
	caseStudy: Record<'situation' | 'whatWeDid' | 'whatChanged' | 'differently' | 'contact', string> | null;
	topics: Topic[];
	authorityId: number;
	regionId: string | null;
	reviewBy: string | null;
	author: Person;
	createdAt: number;
	files: FilePlan[];
	hidden: boolean;
	reported: boolean;
};

const safe = (s: string) => s.replace(/[/\\:*?"<>|]/g, '-').replace(/’/g, "'").slice(0, 100).trim();
const ext = (k: FileKind) => FILE_TYPES[k].extensions[0];

function pagesFor(random: Random, kind: FileKind, topic: Topic, title: string): string[] {
	const n = kind === 'pdf' ? 2 + Math.floor(Math.pow(random(), 2) * 22) : kind === 'pptx' || kind === 'odp' ? between(random, 6, 18) : between(random, 3, 10);
	const heads = ['Introduction', 'Where we are now', 'What children and young people told us', 'Our priorities', 'What we will do', 'How we will know it is working', 'Resources', 'Governance and reporting', 'Risks', 'Next steps'];
	const pages = Array.from({ length: n }, (_, i) => `${i === 0 ? title : `${i}. ${heads[(i - 1) % heads.length]}`}. ${paragraph(random, topic, between(random, 3, 6))} ${paragraph(random, pick(random, TOPIC_VALUES), between(random, 2, 5))}`);
	return pages;
}

function summaryFor(random: Random, kind: Kind, topic: Topic, authority: string): string {
	const what = { 'case-study': 'How we tackled this', strategy: 'Our strategy', report: 'The report and its recommendations', guidance: 'Practical guidance', template: 'A template you can adapt', presentation: 'The slides' }[kind];
	return `${what}, shared by ${authority}. ${paragraph(random, topic, 1)}${random() < 0.3 ? `\n\n**Why it may help you:** ${paragraph(random, topic, 1)}` : ''}`;
}

function caseStudyFor(random: Random, topic: Topic, author: Person): EntryPlan['caseStudy'] {
	return {
		situation: paragraph(random, topic, between(random, 2, 3)),
		whatWeDid: paragraph(random, topic, between(random, 2, 4)),
		whatChanged: `${paragraph(random, topic, 1)} The figure we watch went from **${between(random, 10, 40)}% to ${between(random, 41, 80)}%** in ${between(random, 9, 24)} months.`,
		differently: random() < 0.8 ? paragraph(random, topic, between(random, 1, 2)) : '',
		contact: `${author.name}, through the network.`
	};
}

/** Plans entries, files and versions: exactly `targets.files` versions in all. */
function plan(ctx: LargeContext, targets: LibraryTargets): EntryPlan[] {
	const { random, now } = ctx;
	const authorityName = new Map(ctx.authorities.map((a) => [a.id, a.name]));
	const inRegion = new Map<string, number[]>();
	for (const a of ctx.authorities) inRegion.set(a.regionId, [...(inRegion.get(a.regionId) ?? []), a.id]);
	const authors = ctx.people.filter((p) => p.role !== 'admin');
	const kinds = KINDS.map((k) => [k, k.weight] as [(typeof KINDS)[number], number]);
	const entries: EntryPlan[] = [];
	for (let i = 0; i < targets.entries; i++) {
		const k = weighted(random, kinds);
		const author = pick(random, authors);
		const regionId = random() < 0.35 ? author.regionId : null;
		const authorityId = random() < 0.85 ? author.authorityId : pick(random, inRegion.get(author.regionId)!);
		const topics = some(random, TOPIC_VALUES, between(random, 1, 3));
		const title = pick(random, TITLES[k.kind])(label(TOPICS, topics[0]), authorityName.get(authorityId)!, random);
		const createdAt = Math.max(author.createdAt, timeAgo(ctx, 1000, 0.2, 0.7));
		entries.push({
			kind: k.kind,
			title,
			summary: summaryFor(random, k.kind, topics[0], authorityName.get(authorityId)!),
			caseStudy: k.kind === 'case-study' ? caseStudyFor(random, topics[0], author) : null,
			topics,
			authorityId,
			regionId,
			reviewBy: random() < 0.4 ? isoDate(createdAt + between(random, 300, 1100) * DAY) : null,
			author,
			createdAt,
			files: [],
			hidden: random() < 0.005,
			reported: random() < 0.01
		});
	}
	entries.sort((a, b) => a.createdAt - b.createdAt);

	// Files: case studies half the time one, other entries a main document and often annexes,
	// within the budget (every entry but a case study keeps at least one).
	let budget = targets.files;
	let needed = entries.filter((e) => e.kind !== 'case-study').length;
	const newVersion = (e: EntryPlan, kind: FileKind, base: string, createdAt: number, uploader: Person): VersionPlan => {
		const name = `${safe(base)}${pick(random, FILE_WORDS[kind])}.${ext(kind)}`;
		return { kind, name, createdAt, uploader, size: typicalSize(random, kind), seedPages: pagesFor(random, kind, e.topics[0], e.title) };
	};
	const kindOf = new Map(KINDS.map((k) => [k.kind, k]));
	for (const e of entries) {
		if (e.kind !== 'case-study') needed--;
		const want = e.kind === 'case-study' ? (random() < 0.6 ? 1 : 0) : 1 + weighted(random, [[0, 45], [1, 25], [2, 15], [3, 10], [5, 5]] as [number, number][]);
		const n = Math.max(0, Math.min(want, budget - needed));
		for (let f = 0; f < n; f++) {
			const kind = weighted(random, kindOf.get(e.kind)!.files);
			const at = e.createdAt + f * between(random, 0, 3) * HOUR;
			e.files.push({ createdAt: at, versions: [newVersion(e, kind, f === 0 ? e.title : `${e.title} - ${pick(random, ANNEXES)}`, at, e.author)] });
		}
		budget -= n;
	}
	// The rest are later versions, uploaded by the entry's author over the following months.
	const withFiles = entries.filter((e) => e.files.length > 0);
	while (budget > 0 && withFiles.length) {
		const e = pick(random, withFiles);
		const f = pick(random, e.files);
		const last = f.versions[f.versions.length - 1];
		const at = Math.min(now - HOUR, last.createdAt + between(random, 7, 200) * DAY);
		if (at <= last.createdAt) continue;
		f.versions.push(newVersion(e, last.kind, `${e.title} ${pick(random, ['updated', 'revised', 'after consultation', 'refreshed'])}`, at, e.author));
		budget--;
	}
	// A small network (the tests') may draw no file of a rarer kind: give one entry that may carry it
	// such a file, so every kind is stored and checked. The full network has them all already.
	const drawn = new Set(entries.flatMap((e) => e.files.flatMap((f) => f.versions.map((v) => v.kind))));
	for (const k of KINDS)
		for (const [kind] of k.files) {
			if (drawn.has(kind)) continue;
			const e = entries.find((x) => x.kind === k.kind && x.files.length > 1);
			if (!e) continue;
			const f = e.files[e.files.length - 1];
			const title = `${e.title} - ${pick(random, ANNEXES)}`;
			f.versions = f.versions.map((v) => newVersion(e, kind, title, v.createdAt, e.author)); // as many versions as drawn, so the counts stay
			drawn.add(kind);
		}
	// The rare word on the second page of a few current PDFs (one in 400 files), the first in a national entry.
	const currentPdfs = entries.flatMap((e) => e.files.map((f) => ({ e, v: f.versions[f.versions.length - 1] }))).filter((x) => x.v.kind === 'pdf' && !x.e.hidden);
	const first = currentPdfs.findIndex((x) => !x.e.regionId);
	const rare = currentPdfs.filter((_, i) => i === first || i % 400 === 399);
	for (const { v } of rare) v.seedPages[1] += ` ${RARE_SENTENCE}`;
	// Several councils share the same template (downloaded from the LGA, say): stored once.
	const templates = entries.filter((e) => e.kind === 'template' && e.files.length).map((e) => e.files[0].versions[0]);
	for (let i = 1; i < templates.length; i++) if (random() < 0.12) templates[i].reuse = pick(random, templates.slice(0, i));
	return entries;
}

/** Writes every planned file to the store and checks it as an upload is checked. */
async function writeFiles(ctx: LargeContext, entries: EntryPlan[]): Promise<{ stored: Map<string, { size: number; kind: FileKind; createdAt: number; refs: number }> }> {
	const pictures = pictureBytes(Math.floor(ctx.random() * 2 ** 31));
	const stored = new Map<string, { size: number; kind: FileKind; createdAt: number; refs: number }>();
	for (const e of entries) {
		for (const f of e.files) {
			for (const v of f.versions) {
				const source = v.reuse;
				if (source?.hash) {
					v.hash = source.hash;
					v.bytes = source.bytes;
					v.kind = source.kind;
					v.pages = source.pages;
					v.name = source.name;
				} else {
					const doc = makeDocument(v.kind, { title: e.title, pages: v.seedPages, size: v.size, random: ctx.random, pictures });
					v.hash = createHash('sha256').update(doc.bytes).digest('hex');
					v.bytes = doc.bytes.length;
					v.pages = doc.pages;
					const path = blobPath(v.hash);
					if (!existsSync(path)) {
						mkdirSync(dirname(path), { recursive: true });
						writeFileSync(path, doc.bytes);
						const found = await detect(path, v.name, doc.bytes.length);
						if (!found.ok || found.type.kind !== v.kind || found.activeContent) throw new Error(`A generated ${v.kind} file (${v.name}) did not pass the upload checks: ${found.ok ? `${found.type.kind}${found.activeContent ? ', active content' : ''}` : found.message}`);
					}
				}
				v.seedPages = [];
				const s = stored.get(v.hash);
				if (s) s.refs++;
				else stored.set(v.hash, { size: v.bytes!, kind: v.kind, createdAt: v.createdAt, refs: 1 });
			}
		}
	}
	return { stored };
}

export async function seedLargeLibrary(ctx: LargeContext, targets: LibraryTargets): Promise<LibraryResult> {
	const started = performance.now();
	const entries = plan(ctx, targets);
	const { stored } = await writeFiles(ctx, entries);
	const wrote = performance.now();
	const { sqlite, random, now } = ctx;
	const admin = ctx.people.find((p) => p.role === 'admin') ?? null;
	const insertStored = sqlite.prepare('INSERT INTO stored_file (hash, size, kind, mime, active_content, refs, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)');
	const insertEntry = sqlite.prepare(
		`INSERT INTO library_entry (kind, title, summary, summary_html, case_study, case_study_html, plain, topics, authority_id, region_id, review_by, author_id, useful_count, hidden_at, hidden_by_id, hidden_reason, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`
	);
	const insertFile = sqlite.prepare('INSERT INTO library_file (entry_id, latest, created_at) VALUES (?, ?, ?)');
	const insertVersion = sqlite.prepare('INSERT INTO library_version (file_id, number, hash, name, size, kind, uploaded_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	const insertText = sqlite.prepare('INSERT INTO library_text (entry_id, version_id, page, text) VALUES (?, ?, ?, ?)');
	const insertUseful = sqlite.prepare('INSERT OR IGNORE INTO library_useful (entry_id, member_id, created_at) VALUES (?, ?, ?)');
	const setUseful = sqlite.prepare('UPDATE library_entry SET useful_count = ? WHERE id = ?');
	const insertReport = sqlite.prepare('INSERT INTO library_report (entry_id, reporter_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?)');
	const insertAudit = sqlite.prepare('INSERT INTO audit_event (at, actor_id, action, subject_type, subject_id, region_id, ip_address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

	let versions = 0;
	let files = 0;
	let textPages = 0;
	let usefulMarks = 0;
	let rareEntryId: number | null = null;
	sqlite.transaction(() => {
		for (const [hash, s] of stored) insertStored.run(hash, s.size, s.kind, FILE_TYPES[s.kind].mime, s.refs, s.createdAt, s.createdAt);
		for (const e of entries) {
			const cs = e.caseStudy;
			const csHtml = cs ? Object.fromEntries(Object.entries(cs).map(([k, v]) => [k, renderMarkdown(v)])) : null;
			const plain = [e.title, e.summary, ...(cs ? Object.values(cs) : [])].filter(Boolean).join('\n\n');
			const lastUpload = Math.max(e.createdAt, ...e.files.flatMap((f) => f.versions.map((v) => v.createdAt)));
			const hiddenAt = e.hidden ? lastUpload + between(random, 2, 20) * DAY : null;
			const id = Number(
				insertEntry.run(e.kind, e.title, e.summary, renderMarkdown(e.summary), cs ? JSON.stringify(cs) : null, csHtml ? JSON.stringify(csHtml) : null, plain, JSON.stringify(e.topics), e.authorityId, e.regionId, e.reviewBy, e.author.id, hiddenAt, hiddenAt ? admin?.id ?? null : null, hiddenAt ? 'Names a child in a case example' : null, e.createdAt, lastUpload).lastInsertRowid
			);
			insertText.run(id, null, 0, plain);
			textPages++;
			const audit = (at: number, action: string, detail: Record<string, unknown>) => insertAudit.run(at, e.author.id, action, 'library_entry', String(id), e.regionId, '', JSON.stringify(detail));
			if (!e.files.length) audit(e.createdAt, 'library.upload', { caseStudy: true });
			for (const f of e.files) {
				const fileId = Number(insertFile.run(id, f.versions.length, f.createdAt).lastInsertRowid);
				files++;
				f.versions.forEach((v, i) => {
					const versionId = Number(insertVersion.run(fileId, i + 1, v.hash, v.name, v.bytes, v.kind, v.uploader.id, v.createdAt).lastInsertRowid);
					versions++;
					audit(v.createdAt, i === 0 ? 'library.upload' : 'library.version', i === 0 ? { name: v.name, size: v.bytes, hash: v.hash } : { fileId, number: i + 1, name: v.name, size: v.bytes, hash: v.hash });
					// Only each file's current version is searchable, as the extraction queue leaves it.
					if (i === f.versions.length - 1)
						for (const p of v.pages ?? []) {
							if (!p.text) continue;
							insertText.run(id, versionId, p.page, p.text.slice(0, 50_000));
							textPages++;
							if (rareEntryId == null && p.page > 1 && p.text.includes(LIBRARY_RARE_WORD) && !e.regionId && !e.hidden) rareEntryId = id;
						}
				});
			}
			if (hiddenAt) insertAudit.run(hiddenAt, admin?.id ?? null, 'library.hide', 'library_entry', String(id), e.regionId, '', JSON.stringify({ reason: 'Names a child in a case example' }));
			// Useful marks from members who can see it, most entries a few, some many.
			const pool = e.regionId ? (ctx.byRegion.get(e.regionId) ?? []) : ctx.people;
			let marks = 0;
			let lastMark = 0;
			for (let k = Math.floor(Math.pow(random(), 3) * 40); k > 0 && pool.length; k--) {
				const who = pick(random, pool);
				if (who.id === e.author.id) continue;
				const at = Math.min(now - HOUR, e.createdAt + between(random, 1, 300) * DAY);
				if (insertUseful.run(id, who.id, at).changes) {
					marks++;
					lastMark = Math.max(lastMark, at);
				}
			}
			if (marks) setUseful.run(marks, id);
			usefulMarks += marks;
			if (e.reported && !e.hidden && pool.length) {
				const who = pick(random, pool);
				if (who.id !== e.author.id) insertReport.run(id, who.id, 'out-of-date', 'The figures on page 3 are from two years ago.', Math.min(now - HOUR, lastUpload + between(random, 1, 60) * DAY));
			}
		}
	})();
	// The demo's own files, shared through the app, wait in the extraction queue: run it, as the scheduler would have.
	while (waiting() > 0) if ((await runDue(now + HOUR, { limit: 50 })).done === 0) break;
	sqlite.exec("INSERT INTO library_text_fts(library_text_fts) VALUES('optimize')");
	const bytes = [...stored.values()].reduce((s, x) => s + x.size, 0);
	ctx.log(
		`library: ${entries.length} entries, ${files} files with ${versions} versions (${stored.size} stored, ${(bytes / 1024 ** 3).toFixed(2)} GB), ${usefulMarks} useful marks, ${textPages} pages of text; files written and checked in ${((wrote - started) / 1000).toFixed(1)} s, rows in ${((performance.now() - wrote) / 1000).toFixed(1)} s`
	);
	return { entries: entries.length, files, versions, storedFiles: stored.size, bytes, usefulMarks, textPages, rareEntryId };
}
