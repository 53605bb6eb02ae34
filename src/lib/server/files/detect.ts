/**
 * What a received file really is, from its bytes: `file-type` reads the magic numbers, and for
 * zip-based Office files the central directory is read (yauzl, without inflating anything but
 * `[Content_Types].xml`) to check the expected parts, macros, encryption and the expanded size.
 * The name only has to agree with the content; the browser's claimed type is ignored.
 */
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import yauzl from 'yauzl';
import { extensionOf, safeName } from './names';
import { FILE_TYPES, ACCEPTED_HINT, type FileKind, type FileTypeInfo } from './types';

export type Refusal =
	| 'empty'
	| 'too-big'
	| 'not-accepted'
	| 'mismatch'
	| 'macros'
	| 'executable'
	| 'archive'
	| 'web-page'
	| 'encrypted'
	| 'zip-bomb'
	| 'damaged';

export type Detected = { ok: true; type: FileTypeInfo; /** PDF with scripts, launch actions or embedded files: never shown inline. */ activeContent: boolean } | { ok: false; reason: Refusal; message: string };

export const ZIP_LIMITS = {
	/** Sum of the parts' declared expanded sizes. */
	expandedBytes: 250 * 1024 * 1024,
	entries: 10_000,
	/** A part this much bigger once expanded (and over 10 MB) is a bomb, not a document. */
	ratio: 200
};

const EXECUTABLES = new Set(['exe', 'elf', 'macho', 'dmg', 'msi', 'class', 'swf', 'dex', 'wasm', 'apk', 'deb', 'rpm', 'jar', 'lnk', 'pyc', 'luac', 'shp']);
const ARCHIVES = new Set(['zip', 'rar', '7z', 'gz', 'bz2', 'xz', 'tar', 'cab', 'zst', 'lz', 'lzh', 'ar', 'arj', 'cpio', 'Z', 'lz4', 'iso', 'vhd', 'vhdx', 'epub']);
const MACRO_KINDS = new Set(['docm', 'xlsm', 'pptm', 'dotm', 'xltm', 'potm', 'ppsm']);
/** What a browser would take for markup if it ever sniffed (the first kilobyte is what they look at). */
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|a\s|img\s|\?xml)/i;
/**
 * In a binary file's first bytes: an HTML tag that does something (a tag name straight after
 * `<`, then a space, `/` or `>`, as an HTML parser reads it). Not `<a ` or `<?xml`: three bytes
 * turn up by chance in compressed data (about one real PDF, image or Office file in a thousand
 * would be refused), and Office files may store their XML parts uncompressed.
 */
const ACTIVE_MARKUP = /<(!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|img|base|form|math|video|audio)[\s/>]/i;

const refuse = (reason: Refusal, message: string): Detected => ({ ok: false, reason, message });

function described(name: string): string {
	const n = name.length > 60 ? name.slice(0, 57) + '…' : name;
	return n ? `“${n}”` : 'The file';
}

export function messageFor(reason: Refusal, name: string, extra: { maxBytes?: number; actual?: string; wanted?: string } = {}): string {
	const it = described(name);
	switch (reason) {
		case 'empty':
			return `${it} is empty. Choose the file again, or a different one`;
		case 'too-big':
			return `${it} is larger than ${formatBytes(extra.maxBytes ?? 0)}. Make it smaller (for example, save a PDF with smaller images) or split it`;
		case 'mismatch':
			return `${it} is called a ${extra.wanted ?? 'file of another type'} but it is a ${extra.actual ?? 'different kind of file'}. Check you chose the right file`;
		case 'macros':
			return `${it} contains macros, which could run code on other members’ computers. Save it without macros (as .docx, .xlsx or .pptx) and upload that`;
		case 'executable':
			return `${it} is a program, not a document. Only documents can be shared: ${ACCEPTED_HINT}`;
		case 'archive':
			return `${it} is an archive (such as a .zip). Upload the documents inside it one by one`;
		case 'web-page':
			return `${it} is a web page, SVG or other markup, which cannot be shared safely. Save it as a PDF and upload that`;
		case 'encrypted':
			return `${it} is protected with a password or saved in an old Office format. Save it without a password as .docx, .xlsx or .pptx and upload that`;
		case 'zip-bomb':
			return `${it} expands to far more data than any document should. Check the file, or save it again and upload that`;
		case 'damaged':
			return `${it} looks damaged and cannot be read. Save it again and upload that`;
		case 'not-accepted':
		default:
			return `${it} is not a type of file we accept. Upload ${ACCEPTED_HINT}`;
	}
}

export function formatBytes(n: number): string {
	if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`.replace('.0 MB', ' MB');
	if (n >= 1024) return `${Math.round(n / 1024)} KB`;
	return `${n} bytes`;
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
	const fh = await open(path, 'r');
	try {
		const buf = Buffer.alloc(bytes);
		const { bytesRead } = await fh.read(buf, 0, bytes, 0);
		return buf.subarray(0, bytesRead);
	} finally {
		await fh.close();
	}
}

/** Scans a file in chunks for any of these byte patterns (PDF actions), without loading it whole. */
async function fileContains(path: string, patterns: RegExp): Promise<boolean> {
	const fh = await open(path, 'r');
	try {
		const size = 1024 * 1024;
		const buf = Buffer.alloc(size);
		let pos = 0;
		let tail = '';
		for (;;) {
			const { bytesRead } = await fh.read(buf, 0, size, pos);
			if (bytesRead === 0) return false;
			const text = tail + buf.toString('latin1', 0, bytesRead);
			if (patterns.test(text)) return true;
			tail = text.slice(-32);
			pos += bytesRead;
		}
	} finally {
		await fh.close();
	}
}

type ZipFacts = { names: Set<string>; expanded: number; entries: number; encrypted: boolean; bomb: boolean; contentTypes: string };

/** Reads a zip's central directory (and `[Content_Types].xml`, at most 256 KB of it). */
function zipFacts(path: string): Promise<ZipFacts | null> {
	return new Promise((resolve) => {
		yauzl.open(path, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
			if (err || !zip) return resolve(null);
			const facts: ZipFacts = { names: new Set(), expanded: 0, entries: 0, encrypted: false, bomb: false, contentTypes: '' };
			let done = false;
			const finish = (v: ZipFacts | null) => {
				if (done) return;
				done = true;
				zip.close();
				resolve(v);
			};
			zip.on('error', () => finish(null));
			zip.on('end', () => finish(facts));
			zip.on('entry', (entry: yauzl.Entry) => {
				facts.entries++;
				facts.names.add(entry.fileName);
				facts.expanded += entry.uncompressedSize;
				if (entry.isEncrypted()) facts.encrypted = true;
				if (entry.uncompressedSize > 10 * 1024 * 1024 && entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize)) facts.bomb = true;
				if (facts.expanded > ZIP_LIMITS.expandedBytes || facts.entries > ZIP_LIMITS.entries) facts.bomb = true;
				if (facts.bomb || facts.encrypted) return finish(facts);
				if (entry.fileName === '[Content_Types].xml' && entry.uncompressedSize <= 256 * 1024 && !entry.isEncrypted()) {
					zip.openReadStream(entry, (e, stream) => {
						if (e || !stream) return finish(null);
						const chunks: Buffer[] = [];
						let total = 0;
						stream.on('data', (c: Buffer) => {
							total += c.length;
							if (total > 256 * 1024) stream.destroy();
							else chunks.push(c);
						});
						stream.on('error', () => finish(null));
						stream.on('end', () => {
							facts.contentTypes = Buffer.concat(chunks).toString('utf8');
							zip.readEntry();
						});
					});
					return;
				}
				zip.readEntry();
			});
			zip.readEntry();
		});
	});
}

const OFFICE_PARTS: Record<'docx' | 'xlsx' | 'pptx', string> = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml', pptx: 'ppt/presentation.xml' };

/** Checks a zip that should be an Office or OpenDocument file; returns what it really is. */
async function checkZip(path: string, claimed: string | null): Promise<{ kind: FileKind } | { refusal: Refusal }> {
	const facts = await zipFacts(path);
	if (!facts) return { refusal: 'damaged' };
	if (facts.bomb) return { refusal: 'zip-bomb' };
	if (facts.encrypted) return { refusal: 'encrypted' };
	const lower = [...facts.names].map((n) => n.toLowerCase());
	if (lower.some((n) => n.endsWith('vbaproject.bin') || n.endsWith('vbadata.xml') || n.startsWith('basic/') || n.startsWith('scripts/'))) return { refusal: 'macros' };
	if (/macroEnabled/i.test(facts.contentTypes)) return { refusal: 'macros' };
	for (const kind of ['docx', 'xlsx', 'pptx'] as const) {
		if (facts.names.has(OFFICE_PARTS[kind])) {
			if (!facts.names.has('[Content_Types].xml')) return { refusal: 'damaged' };
			return { kind };
		}
	}
	if (facts.names.has('mimetype') && facts.names.has('content.xml') && claimed && ['odt', 'ods', 'odp'].includes(claimed)) return { kind: claimed as FileKind };
	return { refusal: 'archive' };
}

/** Plain text (CSV or TXT): no NUL or control bytes, readable as UTF-8 or Windows-1252, not markup. */
function textKind(head: Buffer): 'text' | 'markup' | null {
	for (const b of head) {
		if (b === 0) return null;
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return null;
	}
	const s = head.toString('utf8').replace(/^\ufeff/, '');
	if (MARKUP.test(s) || /^\s*</.test(s)) return 'markup';
	return 'text';
}

/**
 * Decides what the file at `path` is and whether it may be shared. `name` is the name it
 * came with (only checked for agreement with the content).
 */
export async function detect(path: string, rawName: string, size: number): Promise<Detected> {
	const name = safeName(rawName);
	if (size === 0) return refuse('empty', messageFor('empty', name));
	const ext = extensionOf(name);
	const head = await readHead(path, 4096);
	let found: Awaited<ReturnType<typeof fileTypeFromFile>>;
	try {
		found = await fileTypeFromFile(path);
	} catch {
		found = undefined;
	}
	let kind: FileKind | null = null;
	const detectedExt = found?.ext as string | undefined;

	if (!detectedExt) {
		const t = textKind(head);
		if (t === 'markup') return refuse('web-page', messageFor('web-page', name));
		if (t == null) return refuse('not-accepted', messageFor('not-accepted', name));
		kind = ext === 'csv' ? 'csv' : 'txt';
	} else if (detectedExt === 'pdf' || detectedExt === 'png' || detectedExt === 'jpg') {
		kind = detectedExt === 'jpg' ? 'jpeg' : (detectedExt as FileKind);
	} else if (MACRO_KINDS.has(detectedExt)) {
		return refuse('macros', messageFor('macros', name));
	} else if (['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'zip'].includes(detectedExt)) {
		const r = await checkZip(path, detectedExt === 'zip' ? null : detectedExt);
		if ('refusal' in r) return refuse(r.refusal, messageFor(r.refusal, name));
		kind = r.kind;
	} else if (detectedExt === 'cfb') {
		return refuse('encrypted', messageFor('encrypted', name));
	} else if (EXECUTABLES.has(detectedExt)) {
		return refuse('executable', messageFor('executable', name));
	} else if (ARCHIVES.has(detectedExt)) {
		return refuse('archive', messageFor('archive', name));
	} else if (['xml', 'html', 'svg', 'mhtml'].includes(detectedExt)) {
		return refuse('web-page', messageFor('web-page', name));
	} else {
		return refuse('not-accepted', messageFor('not-accepted', name));
	}

	const type = FILE_TYPES[kind];
	// A binary file whose first kilobytes also read as markup is a polyglot (a PDF that is also a web page).
	if (kind !== 'csv' && kind !== 'txt' && ACTIVE_MARKUP.test(head.toString('latin1'))) return refuse('web-page', messageFor('web-page', name));
	if (!type.extensions.includes(ext)) {
		// A text file may be called anything that reads as text; every other kind must say what it is.
		if (kind === 'txt' && ext === 'csv') return { ok: true, type: FILE_TYPES.csv, activeContent: false };
		const wanted = ext ? wantedLabel(ext) : 'file without an extension';
		return refuse('mismatch', messageFor('mismatch', name, { actual: type.label, wanted }));
	}
	let activeContent = false;
	if (kind === 'pdf') activeContent = await fileContains(path, /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|AA|OpenAction)\b/);
	return { ok: true, type, activeContent };
}

function wantedLabel(ext: string): string {
	for (const t of Object.values(FILE_TYPES)) if (t.extensions.includes(ext)) return `${t.label} (.${ext})`;
	if (ext === 'doc' || ext === 'xls' || ext === 'ppt') return `.${ext} file`;
	return `.${ext.slice(0, 10)} file`;
}
