import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detect } from '../../files/detect';
import { FILE_TYPES, type FileKind } from '../../files/types';
import { seededRandom } from '../context';
import { makeDocument, pictureBytes, typicalSize } from './documents';

const dir = mkdtempSync(join(tmpdir(), 'lmn-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pictures = pictureBytes(7, 4 * 1024 * 1024);

describe('the large network’s documents', () => {
	it('every accepted kind passes the upload checks as that kind, at the size asked', async () => {
		const random = seededRandom(1);
		for (const kind of Object.keys(FILE_TYPES) as FileKind[]) {
			for (const size of [2_000, 300_000]) {
				const doc = makeDocument(kind, { title: 'Corporate parenting strategy', pages: ['Our pledge to care leavers.', 'How we will know it is working.'], size, random, pictures });
				const path = join(dir, `${kind}-${size}`);
				writeFileSync(path, doc.bytes);
				const found = await detect(path, `Strategy.${FILE_TYPES[kind].extensions[0]}`, doc.bytes.length);
				expect(found.ok && found.type.kind, `${kind} of ${size} bytes`).toBe(kind);
				expect(found.ok && found.activeContent).toBe(false);
				// Within a kilobyte and a half of the size asked, unless its text alone is larger.
				if (size > 100_000) expect(Math.abs(doc.bytes.length - size), kind).toBeLessThan(1_500);
			}
		}
	});

	it('says what text extraction will find: PDF pages numbered, Word as one, none for kinds not searched', () => {
		const random = seededRandom(2);
		const pages = ['First page – “quoted”', 'Second page'];
		const at = (kind: FileKind) => makeDocument(kind, { title: 'T', pages, size: 1_000, random, pictures }).pages;
		expect(at('pdf')).toEqual([
			{ page: 1, text: 'First page - "quoted"' },
			{ page: 2, text: 'Second page' }
		]);
		expect(at('docx')).toEqual([{ page: 0, text: 'T First page – “quoted” Second page' }]);
		expect(at('pptx')).toEqual([]);
		expect(at('png')).toEqual([]);
	});

	it('sizes are spread like real documents’: most PDFs small, a few large, none past the limit', () => {
		const random = seededRandom(3);
		const sizes = Array.from({ length: 2_000 }, () => typicalSize(random, 'pdf')).sort((a, b) => a - b);
		expect(sizes[1_000]).toBeGreaterThan(150_000);
		expect(sizes[1_000]).toBeLessThan(450_000);
		expect(sizes[1_990]).toBeGreaterThan(2_000_000);
		expect(sizes[1_999]).toBeLessThanOrEqual(18 * 1024 * 1024);
	});
});
