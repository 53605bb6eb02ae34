import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../../tests/support/test-files';
import { db } from '../db/client';
import { storedFile } from '../db/schema';
import { Sink, receive, reference, remove, info, sweep, blobPath, useFilesDir, filesDir, GRACE_MS, discard, type Received } from './store';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'lmn-files-'));
	useFilesDir(dir);
});
afterAll(() => {
	useFilesDir(null);
	rmSync(dir, { recursive: true, force: true });
});

const MB = 1024 * 1024;
const tempFiles = () => (existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []);

async function accepted(bytes: Buffer, name: string): Promise<Received> {
	const r = await receive(bytes, name, 20 * MB);
	if (!r.ok) throw new Error(`refused ${name}: ${r.message}`);
	return r.file;
}
async function refused(bytes: Buffer, name: string, max = 20 * MB) {
	const r = await receive(bytes, name, max);
	if (r.ok) throw new Error(`accepted ${name} as ${r.file.type.kind}`);
	expect(tempFiles()).toEqual([]);
	return r;
}

describe('accepted files, decided by content', () => {
	it('a real PDF, Word document and Excel workbook', async () => {
		const p = await accepted(await t.pdf(['Corporate parenting strategy']), 'Strategy.pdf');
		expect(p.type.kind).toBe('pdf');
		expect(p.activeContent).toBe(false);
		const d = await accepted(await t.docx(), 'Induction pack.docx');
		expect(d.type.kind).toBe('docx');
		const x = await accepted(await t.xlsx(), 'figures.xlsx');
		expect(x.type.kind).toBe('xlsx');
		expect(x.type.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		for (const f of [p, d, x]) await discard(f);
		expect(tempFiles()).toEqual([]);
	});
	it('CSV and text, UTF-8 or not', async () => {
		const c = await accepted(Buffer.from('authority,children in care\nLancashire,2100\n'), 'figures.csv');
		expect(c.type.kind).toBe('csv');
		const txt = await accepted(Buffer.from('Notes from the panel \x96 caf\xe9', 'latin1'), 'notes.txt');
		expect(txt.type.kind).toBe('txt');
		await discard(c);
		await discard(txt);
	});
	it('a PDF with JavaScript is stored but marked as active content (attachment only)', async () => {
		const f = await accepted(await t.pdf(['Scripted'], { javascript: true }), 'form.pdf');
		expect(f.activeContent).toBe(true);
		await discard(f);
	});
	it('a .JPEG name for a JPEG, whatever the case', async () => {
		const jpeg = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');
		const f = await accepted(jpeg, 'Panel photo.JPEG');
		expect(f.type.kind).toBe('jpeg');
		await discard(f);
	});
});

describe('binary files whose bytes only look like markup by chance', () => {
	it('are accepted: "<a " in compressed data, an Office file with its XML parts stored uncompressed', async () => {
		// Three bytes that turn up in about one compressed file in a thousand.
		const pdfWithBytes = Buffer.from((await t.pdf(['x'])).toString('latin1').replace('\n', '\n%\x9c<a \x01\xff<A\t\n'), 'latin1');
		const p = await accepted(pdfWithBytes, 'report.pdf');
		expect(p.type.kind).toBe('pdf');
		await discard(p);
		const stored = t.zip([
			{ name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'), store: true },
			{ name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Stored</w:t></w:r></w:p></w:body></w:document>'), store: true }
		]);
		const d = await accepted(stored, 'stored.docx');
		expect(d.type.kind).toBe('docx');
		await discard(d);
	});
});

describe('refused files (each with a clear message, nothing left on disk)', () => {
	it('a zero-byte file', async () => {
		const r = await refused(Buffer.alloc(0), 'empty.pdf');
		expect(r.reason).toBe('empty');
		expect(r.message).toMatch(/is empty/);
	});
	it('one byte over the limit', async () => {
		const max = 2 * MB;
		const r = await refused(await t.pdf(['big'], { padTo: max + 1 }), 'big.pdf', max);
		expect(r.reason).toBe('too-big');
		expect(r.message).toMatch(/larger than 2 MB/);
		const ok = await receive(await t.pdf(['big'], { padTo: max }), 'exact.pdf', max);
		expect(ok.ok).toBe(true);
		if (ok.ok) await discard(ok.file);
	});
	it('20 MB + 1 byte at the configured limit (UPLOAD_MAX_BYTES, 20 MB by default); 20 MB exactly is taken', async () => {
		const { config } = await import('../config');
		expect(config().uploadMaxBytes).toBe(20 * MB);
		const r = await receive(await t.pdf(['big'], { padTo: 20 * MB + 1 }), 'big.pdf');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toBe('“big.pdf” is larger than 20 MB. Make it smaller (for example, save a PDF with smaller images) or split it');
		expect(tempFiles()).toEqual([]);
		const ok = await receive(await t.pdf(['big'], { padTo: 20 * MB }), 'exact.pdf');
		expect(ok.ok && ok.file.size).toBe(20 * MB);
		if (ok.ok) await discard(ok.file);
	});
	it('a renamed .exe called report.pdf', async () => {
		const r = await refused(t.exe(), 'report.pdf');
		expect(r.reason).toBe('executable');
		expect(r.message).toMatch(/program/);
	});
	it('a .docx with macros (vbaProject.bin), and the same named .docm', async () => {
		expect((await refused(t.macroDocx(), 'minutes.docx')).reason).toBe('macros');
		expect((await refused(t.macroDocx(), 'minutes.docm')).reason).toBe('macros');
	});
	it('an SVG with script, and HTML', async () => {
		expect((await refused(t.svgWithScript(), 'logo.svg')).reason).toBe('web-page');
		expect((await refused(t.svgWithScript(), 'logo.txt')).reason).toBe('web-page');
		expect((await refused(t.html(), 'page.html')).reason).toBe('web-page');
		expect((await refused(t.html(), 'notes.csv')).reason).toBe('web-page');
	});
	it('a zip bomb disguised as .xlsx', async () => {
		const r = await refused(t.zipBombXlsx(), 'budget.xlsx');
		expect(r.reason).toBe('zip-bomb');
	});
	it('a polyglot: a PDF that is also a web page', async () => {
		const r = await refused(await t.polyglotPdfHtml(), 'poly.pdf');
		expect(r.reason).toBe('web-page');
		const svgInside = Buffer.from((await t.pdf(['x'])).toString('latin1').replace('\n', '\n%<svg onload=alert(1)>\n'), 'latin1');
		expect((await refused(svgInside, 'poly.pdf')).reason).toBe('web-page');
	});
	it('archives', async () => {
		expect((await refused(t.archive(), 'papers.zip')).reason).toBe('archive');
		expect((await refused(t.archive(), 'papers.docx')).reason).toBe('archive');
	});
	it('encrypted Office files, either way Office can write them', async () => {
		expect((await refused(t.oleEncryptedDocx(), 'secret.docx')).reason).toBe('encrypted');
		expect((await refused(t.encryptedZipDocx(), 'secret.docx')).reason).toBe('encrypted');
	});
	it('a mismatch between name and content', async () => {
		const r = await refused(await t.docx(), 'report.pdf');
		expect(r.reason).toBe('mismatch');
		expect(r.message).toMatch(/called a PDF \(\.pdf\) but it is a Word document/);
		expect((await refused(await t.pdf(), 'report')).reason).toBe('mismatch');
		expect((await refused(await t.pdf(), 'report.docx')).reason).toBe('mismatch');
	});
	it('names from outside are made safe in the message', async () => {
		const r = await refused(Buffer.alloc(0), '../../etc/\u202Epasswd');
		expect(r.message).toContain('“passwd”');
	});
});

describe('storage', () => {
	it('stores identical files once and counts references', async () => {
		const bytes = await t.pdf(['Same file twice']);
		const [a, b] = await Promise.all([accepted(bytes, 'a.pdf'), accepted(bytes, 'b.pdf')]);
		expect(a.hash).toBe(b.hash);
		expect(a.tempPath).not.toBe(b.tempPath);
		db.transaction(() => reference(a));
		db.transaction(() => reference(b));
		expect(info(a.hash)?.refs).toBe(2);
		expect(readFileSync(blobPath(a.hash)).equals(bytes)).toBe(true);
		expect(tempFiles()).toEqual([]);
		remove(a.hash);
		remove(a.hash);
		expect(info(a.hash)?.refs).toBe(0);
		// Kept through the grace period, then removed.
		sweep(Date.now());
		expect(existsSync(blobPath(a.hash))).toBe(true);
		const out = sweep(Date.now() + GRACE_MS + 1000);
		expect(out.unreferenced).toBe(1);
		expect(existsSync(blobPath(a.hash))).toBe(false);
		expect(info(a.hash)).toBeUndefined();
	});
	it('a transaction that fails after the move leaves a file housekeeping removes', async () => {
		const f = await accepted(await t.pdf(['Rolled back']), 'x.pdf');
		expect(() =>
			db.transaction(() => {
				reference(f);
				throw new Error('the entry could not be written');
			})
		).toThrow();
		expect(info(f.hash)).toBeUndefined();
		expect(existsSync(blobPath(f.hash))).toBe(true);
		const past = new Date(Date.now() - GRACE_MS - 5000);
		utimesSync(blobPath(f.hash), past, past);
		expect(sweep().orphans).toBe(1);
		expect(existsSync(blobPath(f.hash))).toBe(false);
	});
	it('an upload cut off mid-way leaves nothing once the process is gone', async () => {
		const sink = await Sink.start(20 * MB);
		await sink.write(Buffer.alloc(64 * 1024, 1));
		expect(tempFiles().length).toBe(1);
		await sink.abort();
		expect(tempFiles()).toEqual([]);
		// A crashed process's temporary file (a pid that no longer runs) is removed by housekeeping.
		mkdirSync(join(filesDir(), 'tmp'), { recursive: true });
		writeFileSync(join(filesDir(), 'tmp', '999999999-deadbeef.part'), 'half an upload');
		writeFileSync(join(filesDir(), 'tmp', `${process.pid}-live.part`), 'an upload in progress');
		expect(sweep().temporary).toBe(1);
		expect(tempFiles()).toEqual([`${process.pid}-live.part`]);
		rmSync(join(filesDir(), 'tmp', `${process.pid}-live.part`));
	});
	it('refuses hashes that are not hashes', () => {
		expect(info('../../app.db')).toBeUndefined();
		expect(() => blobPath('../x')).toThrow();
		expect(db.select().from(storedFile).all().length).toBeGreaterThanOrEqual(0);
	});
});
