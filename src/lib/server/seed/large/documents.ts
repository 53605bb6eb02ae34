/**
 * Real files of every accepted kind for the large network, at the sizes councils' documents
 * have: text pages a member could search, plus the pictures that make real documents big (a
 * photograph in a PDF, slide images, a scanned chart) as bytes that do not compress — cut
 * from one deterministic block, so the same seed gives the same files and nothing is downloaded.
 * Each file passes the upload checks (files/detect.ts); the seeder checks that it does.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { FileKind } from '../../files/types';
import { pdfReadable, simpleDocx, simplePdf, zip } from '../demo-files';
import { between, type Random } from './text';

const KB = 1024;
const MB = 1024 * KB;

/** Incompressible bytes to cut pictures from (enough for the largest file); no '/' in them, so no PDF keyword can appear by chance. */
export function pictureBytes(seed: number, size = 19 * MB): Buffer {
	const key = createHash('sha256').update(`large-network-pictures:${seed}`).digest();
	const out = createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
	for (let i = out.indexOf(0x2f); i >= 0; i = out.indexOf(0x2f, i + 1)) out[i] = 0x30;
	return out;
}

/** Typical sizes by kind: a log-normal spread around the median, within limits (bytes). */
const SIZES: Record<FileKind, { median: number; spread: number; min: number; max: number }> = {
	pdf: { median: 260 * KB, spread: 1.0, min: 20 * KB, max: 18 * MB },
	docx: { median: 55 * KB, spread: 0.9, min: 12 * KB, max: 6 * MB },
	xlsx: { median: 35 * KB, spread: 0.9, min: 8 * KB, max: 4 * MB },
	pptx: { median: 1.2 * MB, spread: 0.8, min: 120 * KB, max: 18 * MB },
	odt: { median: 40 * KB, spread: 0.8, min: 10 * KB, max: 4 * MB },
	ods: { median: 30 * KB, spread: 0.8, min: 8 * KB, max: 3 * MB },
	odp: { median: 1.1 * MB, spread: 0.8, min: 100 * KB, max: 15 * MB },
	csv: { median: 9 * KB, spread: 1.0, min: 400, max: 800 * KB },
	txt: { median: 4 * KB, spread: 0.8, min: 300, max: 200 * KB },
	png: { median: 380 * KB, spread: 0.8, min: 30 * KB, max: 6 * MB },
	jpeg: { median: 900 * KB, spread: 0.7, min: 60 * KB, max: 8 * MB }
};

/** A size for a file of this kind: log-normal (Box–Muller from the seeded generator). */
export function typicalSize(random: Random, kind: FileKind): number {
	const s = SIZES[kind];
	const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	return Math.round(Math.min(s.max, Math.max(s.min, s.median * Math.exp(s.spread * z))));
}

export type Document = {
	bytes: Buffer;
	/** What text extraction finds, page by page (PDF pages numbered from 1; others one page 0); empty for kinds not searched. */
	pages: { page: number; text: string }[];
};

type Source = { title: string; pages: string[]; size: number; random: Random; pictures: Buffer };

function cut(s: Source, bytes: number): Buffer {
	const n = Math.max(0, Math.min(bytes, s.pictures.length));
	const at = Math.floor(s.random() * (s.pictures.length - n));
	return s.pictures.subarray(at, at + n);
}

const xml = (t: string) => t.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const flat = (t: string) => t.replace(/\s+/g, ' ').trim();

function pdf(s: Source): Document {
	const pages = s.pages.map(pdfReadable);
	const plain = simplePdf(s.title, pages);
	const bytes = plain.length >= s.size ? plain : simplePdf(s.title, pages, { image: cut(s, s.size - plain.length - 220) });
	return { bytes, pages: pages.map((text, i) => ({ page: i + 1, text: flat(text) })) };
}

function docx(s: Source): Document {
	const plain = simpleDocx(s.title, s.pages);
	const rest = s.size - plain.length - 120;
	const bytes = rest > 0 ? simpleDocx(s.title, s.pages, [{ name: 'image1.jpeg', data: cut(s, rest) }]) : plain;
	return { bytes, pages: [{ page: 0, text: flat([s.title, ...s.pages].join(' ')) }] };
}

const CT = (overrides: string, defaults = '') =>
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${defaults}${overrides}</Types>`;
const RELS = (target: string) =>
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

/** A workbook of figures by quarter (its rows from the pages' sentences and numbers). */
function xlsx(s: Source): Document {
	const rows = [`<row r="1"><c r="A1" t="inlineStr"><is><t>${xml(s.title)}</t></is></c></row>`, '<row r="2"><c r="A2" t="inlineStr"><is><t>Measure</t></is></c><c r="B2" t="inlineStr"><is><t>Q1</t></is></c><c r="C2" t="inlineStr"><is><t>Q2</t></is></c><c r="D2" t="inlineStr"><is><t>Q3</t></is></c><c r="E2" t="inlineStr"><is><t>Q4</t></is></c></row>'];
	const measures = s.pages.flatMap((p) => p.split(/(?<=\.)\s+/)).filter(Boolean);
	for (let r = 3; r < 3 + Math.min(400, measures.length * 4); r++) {
		const m = measures[(r - 3) % measures.length].slice(0, 90);
		rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${xml(m)}</t></is></c>${['B', 'C', 'D', 'E'].map((c) => `<c r="${c}${r}"><v>${between(s.random, 0, 999)}</v></c>`).join('')}</row>`);
	}
	const parts = [
		{ name: '[Content_Types].xml', data: Buffer.from(CT('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>', '<Default Extension="png" ContentType="image/png"/>')) },
		{ name: '_rels/.rels', data: Buffer.from(RELS('xl/workbook.xml')) },
		{ name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Figures" sheetId="1" r:id="rId1"/></sheets></workbook>') },
		{ name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
		{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`) }
	];
	return { bytes: padded(s, parts, 'xl/media/chart1.png'), pages: [] };
}

/** A slide deck: one slide per page of text, and the slides' pictures. */
function pptx(s: Source): Document {
	const slides = s.pages.map(
		(p, i) =>
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${xml(i === 0 ? s.title : p.slice(0, 60))}</a:t></a:r></a:p><a:p><a:r><a:t>${xml(p)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`
	);
	const parts = [
		{ name: '[Content_Types].xml', data: Buffer.from(CT(`<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>${slides.map((_, i) => `<Override PartName="/ppt/slides/slide${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`).join('')}`, '<Default Extension="jpeg" ContentType="image/jpeg"/>')) },
		{ name: '_rels/.rels', data: Buffer.from(RELS('ppt/presentation.xml')) },
		{ name: 'ppt/presentation.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst>${slides.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 1}"/>`).join('')}</p:sldIdLst></p:presentation>`) },
		{ name: 'ppt/_rels/presentation.xml.rels', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${slides.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide${i + 1}.xml"/>`).join('')}</Relationships>`) },
		...slides.map((x, i) => ({ name: `ppt/slides/slide${i + 1}.xml`, data: Buffer.from(x) }))
	];
	return { bytes: padded(s, parts, 'ppt/media/image1.jpeg'), pages: [] };
}

const ODF_TYPES = { odt: 'text', ods: 'spreadsheet', odp: 'presentation' } as const;

/** OpenDocument: the stored mimetype first (as the format requires), the content, a manifest, pictures. */
function odf(s: Source, kind: keyof typeof ODF_TYPES): Document {
	const mime = `application/vnd.oasis.opendocument.${ODF_TYPES[kind]}`;
	const body = s.pages.map((p) => `<text:p>${xml(p)}</text:p>`).join('');
	const parts = [
		{ name: 'mimetype', data: Buffer.from(mime), store: true },
		{ name: 'content.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:${ODF_TYPES[kind]}><text:h>${xml(s.title)}</text:h>${body}</office:${ODF_TYPES[kind]}></office:body></office:document-content>`) },
		{ name: 'META-INF/manifest.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`) }
	];
	return { bytes: padded(s, parts, 'Pictures/image1.png'), pages: [] };
}

/** The parts, and a picture part (stored) making the file its size. */
function padded(s: Source, parts: { name: string; data: Buffer; store?: boolean }[], picture: string): Buffer {
	const plain = zip(parts);
	const rest = s.size - plain.length - 2 * (picture.length + 80);
	return rest > 0 ? zip([...parts, { name: picture, data: cut(s, rest), store: true }]) : plain;
}

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
	return Buffer.concat([head, data, crc]);
}

/** A PNG (a scanned chart or photograph): real IHDR, IDAT and IEND; the pixels are the picture bytes. */
function png(s: Source): Document {
	const width = 1200;
	const rowBytes = width * 3 + 1;
	const height = Math.max(1, Math.floor(s.size / rowBytes));
	const raw = Buffer.from(cut(s, rowBytes * height));
	for (let y = 0; y < height; y++) raw[y * rowBytes] = 0; // each row's filter byte: none
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
	return { bytes, pages: [] };
}

/** A JPEG: the markers of a real baseline image, its coded data the picture bytes (with 0xFF stuffed as JPEG requires). */
function jpeg(s: Source): Document {
	const data = Buffer.from(cut(s, s.size - 700));
	for (let i = data.indexOf(0xff); i >= 0; i = data.indexOf(0xff, i + 1)) data[i] = 0xfe;
	const seg = (marker: number, body: Buffer) => {
		const h = Buffer.alloc(4);
		h.writeUInt16BE(0xff00 | marker, 0);
		h.writeUInt16BE(body.length + 2, 2);
		return Buffer.concat([h, body]);
	};
	const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00]);
	const quant = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 8)]);
	const sof = Buffer.from([8, 0x04, 0xb0, 0x06, 0x40, 3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
	const huff = Buffer.concat([Buffer.from([0x00]), Buffer.from([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])]);
	const sos = Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
	const comment = Buffer.from(pdfReadable(s.title));
	const bytes = Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xe0, jfif), seg(0xfe, comment), seg(0xdb, quant), seg(0xc0, sof), seg(0xc4, huff), seg(0xda, sos), data, Buffer.from([0xff, 0xd9])]);
	return { bytes, pages: [] };
}

/** A CSV of figures, as councils publish them. */
function csv(s: Source): Document {
	const lines = ['Authority,Quarter,Measure,Value'];
	const measures = ['Children in care', 'Care leavers in education, employment or training (%)', 'EHCPs issued within 20 weeks (%)', 'Placements more than 20 miles from home', 'Health assessments on time (%)', 'Referrals to early help'];
	let size = lines[0].length;
	for (let i = 0; size < s.size; i++) {
		const line = `"${s.title.replace(/"/g, '')}",${2023 + Math.floor(i / 24)} Q${1 + (i % 4)},"${measures[i % measures.length]}",${between(s.random, 0, 2400)}`;
		lines.push(line);
		size += line.length + 1;
	}
	const text = lines.join('\n') + '\n';
	return { bytes: Buffer.from(text), pages: [{ page: 0, text: flat(text) }] };
}

/** Plain text: notes from a meeting. */
function txt(s: Source): Document {
	let text = `${s.title}\n\n`;
	for (let i = 0; text.length < s.size; i++) text += s.pages[i % s.pages.length] + '\n\n';
	return { bytes: Buffer.from(text), pages: [{ page: 0, text: flat(text) }] };
}

/** A document of this kind, about `size` bytes, its text from `pages`. */
export function makeDocument(kind: FileKind, source: Source): Document {
	switch (kind) {
		case 'pdf':
			return pdf(source);
		case 'docx':
			return docx(source);
		case 'xlsx':
			return xlsx(source);
		case 'pptx':
			return pptx(source);
		case 'odt':
		case 'ods':
		case 'odp':
			return odf(source, kind);
		case 'png':
			return png(source);
		case 'jpeg':
			return jpeg(source);
		case 'csv':
			return csv(source);
		case 'txt':
			return txt(source);
	}
}

export const MAX_PICTURE_BYTES = 19 * MB;
