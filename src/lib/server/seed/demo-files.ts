/**
 * Small real documents for the demo and the large network: PDFs (text pages, Helvetica) and
 * Word files written directly, so seeding needs no document library at run time. The large
 * network's other kinds (seed/large/documents.ts) are built on `zip` and `simplePdf`.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** A character as simplePdf draws it (and text extraction reads it back): printable ASCII. */
export const pdfReadable = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => ({ '–': '-', '—': '-', '’': "'", '‘': "'", '“': '"', '”': '"', '£': 'GBP ' })[c] ?? '?');
const esc = (s: string) => pdfReadable(s).replace(/[\\()]/g, (c) => '\\' + c);

function wrap(text: string, width = 88): string[] {
	const out: string[] = [];
	for (const para of text.split('\n')) {
		let line = '';
		for (const word of para.split(/\s+/)) {
			if ((line + ' ' + word).trim().length > width) {
				out.push(line);
				line = word;
			} else line = (line + ' ' + word).trim();
		}
		out.push(line);
	}
	return out;
}

/**
 * A PDF with one page per string (long pages are cut to what fits). `image`: the bytes of a
 * JPEG-coded picture stored in the file as real documents carry them (a logo, a photograph).
 */
export function simplePdf(title: string, pages: string[], opts: { image?: Buffer } = {}): Buffer {
	const objects: string[] = [];
	const add = (body: string) => objects.push(body) as number;
	add('<< /Type /Catalog /Pages 2 0 R >>');
	add(''); // pages, filled in below
	add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
	const kids: number[] = [];
	for (const text of pages) {
		const lines = wrap(text).slice(0, 48);
		const content = ['BT', '/F1 11 Tf', '14 TL', '56 790 Td', ...lines.map((l) => `(${esc(l)}) '`), 'ET'].join('\n');
		const contentId = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
		kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`));
	}
	objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
	const info = add(`<< /Title (${esc(title)}) /Producer (Lead Member Network demo) >>`);
	// The picture's bytes go in as they are (binary), between the text objects' pieces.
	const image = opts.image ? add('') : 0;
	const chunks: Buffer[] = [];
	let at = 0;
	const put = (b: Buffer) => {
		chunks.push(b);
		at += b.length;
	};
	put(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(at);
		if (i + 1 === image && opts.image) {
			put(Buffer.from(`${i + 1} 0 obj\n<< /Type /XObject /Subtype /Image /Width 1600 /Height 1200 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${opts.image.length} >>\nstream\n`, 'latin1'));
			put(opts.image);
			put(Buffer.from('\nendstream\nendobj\n', 'latin1'));
		} else put(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1'));
	});
	const xref = at;
	let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('')}`;
	tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	put(Buffer.from(tail, 'latin1'));
	return Buffer.concat(chunks);
}

/** A zip of these parts, deflated (or `store`d as they are: pictures, an ODF's mimetype). */
export function zip(parts: { name: string; data: Buffer; store?: boolean }[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name, 'utf8');
		const body = p.store ? p.data : deflateRawSync(p.data);
		const method = p.store ? 0 : 8;
		const crc = crc32(p.data) >>> 0;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(p.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, body);
		const c = Buffer.alloc(46);
		c.writeUInt32LE(0x02014b50, 0);
		c.writeUInt16LE(20, 4);
		c.writeUInt16LE(20, 6);
		c.writeUInt16LE(0x800, 8);
		c.writeUInt16LE(method, 10);
		c.writeUInt32LE(crc, 16);
		c.writeUInt32LE(body.length, 20);
		c.writeUInt32LE(p.data.length, 24);
		c.writeUInt16LE(name.length, 28);
		c.writeUInt32LE(offset, 42);
		centrals.push(c, name);
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

const xml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** A Word document: a heading and paragraphs (and `media`: pictures it carries, stored as they are). */
export function simpleDocx(heading: string, paragraphs: string[], media: { name: string; data: Buffer }[] = []): Buffer {
	const p = (t: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${xml(t)}</w:t></w:r></w:p>`;
	const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p(heading, 'Heading1')}${paragraphs.map((t) => p(t)).join('')}</w:body></w:document>`;
	return zip([
		{
			name: '[Content_Types].xml',
			data: Buffer.from(
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
			)
		},
		{ name: '_rels/.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
		{ name: 'word/document.xml', data: Buffer.from(doc) },
		...media.map((m) => ({ name: `word/media/${m.name}`, data: m.data, store: true }))
	]);
}
