/**
 * Real files for tests, generated on the spot: PDFs (pdf-lib), Word (docx), Excel (exceljs),
 * and hand-built zips for what no library makes on purpose — a macro-bearing .docx, a zip bomb
 * dressed as .xlsx, an encrypted part.
 */
import { deflateRawSync, crc32 } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, Packer, Paragraph, HeadingLevel } from 'docx';
import ExcelJS from 'exceljs';

/** A PDF with one page per entry of `pages` (each page's text). */
export async function pdf(pages: string[] = ['Corporate parenting strategy 2026 to 2029'], opts: { javascript?: boolean; padTo?: number } = {}): Promise<Buffer> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	for (const text of pages) {
		const page = doc.addPage([595, 842]);
		const lines = text.match(/.{1,80}(\s|$)/g) ?? [text];
		lines.forEach((line, i) => page.drawText(line.trim(), { x: 50, y: 780 - i * 16, size: 12, font }));
	}
	if (opts.javascript) doc.addJavaScript('hello', 'app.alert("hello")');
	doc.setTitle('Test document');
	let bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
	if (opts.padTo && bytes.length < opts.padTo) {
		// Padding after %%EOF as a PDF comment block: still a valid PDF, as big as asked.
		const pad = Buffer.alloc(opts.padTo - bytes.length, 0x20);
		pad[0] = 0x0a;
		pad[1] = 0x25; // %
		bytes = Buffer.concat([bytes, pad]);
	}
	return bytes;
}

export async function docx(paragraphs: string[] = ['Induction pack for new Lead Members']): Promise<Buffer> {
	const doc = new Document({
		sections: [{ children: [new Paragraph({ text: paragraphs[0], heading: HeadingLevel.HEADING_1 }), ...paragraphs.slice(1).map((p) => new Paragraph(p))] }]
	});
	return Packer.toBuffer(doc);
}

export async function xlsx(rows: (string | number)[][] = [['Measure', 'Value'], ['Children in care', 412]]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Data');
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

type ZipPart = { name: string; data: Buffer; store?: boolean; encrypted?: boolean; declaredSize?: number };

/** A zip written by hand (deflate or store), so tests can make the odd ones. */
export function zip(parts: ZipPart[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name, 'utf8');
		let body = p.store ? p.data : deflateRawSync(p.data);
		// ZipCrypto puts a 12-byte header before the (scrambled) data.
		if (p.encrypted) body = Buffer.concat([Buffer.alloc(12, 0x5a), body]);
		const crc = crc32(p.data);
		const flags = (p.encrypted ? 1 : 0) | 0x800;
		const method = p.store ? 0 : 8;
		const size = p.declaredSize ?? p.data.length;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc >>> 0, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, body);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(flags, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt32LE(crc >>> 0, 16);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += 30 + name.length + body.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = (main: string, extra = '') =>
	`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/>${extra}</Types>`;

/** A .docx structure carrying a VBA project, as Word saves a .docm (but named .docx). */
export function macroDocx(): Buffer {
	return zip([
		{ name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES('application/vnd.ms-word.document.macroEnabled.main+xml', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')) },
		{ name: '_rels/.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
		{ name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>') },
		{ name: 'word/_rels/document.xml.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>') },
		{ name: 'word/vbaProject.bin', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.alloc(504)]) }
	]);
}

/** A zip bomb named like a workbook: the workbook parts, and one part of 60 MB of zeros. */
export function zipBombXlsx(): Buffer {
	return zip([
		{ name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>') },
		{ name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>') },
		{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024) }
	]);
}

/** A Word document whose main part is marked encrypted in the zip. */
export function encryptedZipDocx(): Buffer {
	return zip([
		{ name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')) },
		{ name: 'word/document.xml', data: Buffer.from('scrambled'), encrypted: true, store: true }
	]);
}

/** What Office writes for a password-protected file: an OLE compound file (EncryptionInfo, EncryptedPackage). */
export function oleEncryptedDocx(): Buffer {
	const b = Buffer.alloc(4096);
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
	b.writeUInt16LE(0x003e, 0x18);
	b.writeUInt16LE(0x0003, 0x1a);
	b.writeUInt16LE(0xfffe, 0x1c);
	b.writeUInt16LE(0x0009, 0x1e);
	return b;
}

/** A plain zip of two text files (an archive). */
export function archive(): Buffer {
	return zip([
		{ name: 'a.txt', data: Buffer.from('one') },
		{ name: 'b.txt', data: Buffer.from('two') }
	]);
}

/** The start of a Windows program (MZ header with a PE signature). */
export function exe(): Buffer {
	const b = Buffer.alloc(1024);
	b.write('MZ', 0, 'latin1');
	b.writeUInt32LE(0x80, 0x3c);
	b.write('PE\0\0', 0x80, 'latin1');
	b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
	return b;
}

export const svgWithScript = () => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script><circle r="10"/></svg>');
export const html = () => Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

/** A PDF that is also a web page: a valid PDF whose first kilobyte holds an HTML document. */
export async function polyglotPdfHtml(): Promise<Buffer> {
	const real = await pdf(['A polyglot']);
	const text = real.toString('latin1');
	const header = text.indexOf('\n') + 1;
	const trap = '%<html><body><script>alert(document.domain)</script></body></html>\n';
	return Buffer.from(text.slice(0, header) + trap + text.slice(header), 'latin1');
}
