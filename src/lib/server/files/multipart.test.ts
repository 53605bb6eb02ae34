import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../../tests/support/test-files';
import { readUpload, UploadError } from './multipart';
import { discard, useFilesDir } from './store';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'lmn-multipart-'));
	useFilesDir(dir);
});
afterAll(() => {
	useFilesDir(null);
	rmSync(dir, { recursive: true, force: true });
});
const temps = () => (existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []);

/** A request whose body arrives in small pieces, as from a slow network. */
function request(form: FormData, opts: { chunk?: number; cutAt?: number } = {}) {
	const res = new Response(form);
	const boundaryType = res.headers.get('content-type');
	return res.arrayBuffer().then((ab) => {
		const bytes = new Uint8Array(ab);
		const size = opts.chunk ?? 777;
		const end = opts.cutAt ?? bytes.length;
		let pos = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(c) {
				if (pos >= end) {
					if (opts.cutAt != null) c.error(new Error('aborted'));
					else c.close();
					return;
				}
				c.enqueue(bytes.slice(pos, Math.min(end, pos + size)));
				pos += size;
			}
		});
		return { req: new Request('http://x/upload', { method: 'POST', body, headers: { 'content-type': boundaryType! }, duplex: 'half' } as RequestInit), length: bytes.length };
	});
}

describe('readUpload', () => {
	it('reads fields and streams the file to the store, however the bytes are split', async () => {
		const pdf = await t.pdf(['Streamed']);
		for (const chunk of [1, 7, 70, 4096, 1 << 20]) {
			const form = new FormData();
			form.append('title', 'Corporate parenting – strategy');
			form.append('topics', 'a');
			form.append('topics', 'b');
			form.append('file', new Blob([new Uint8Array(pdf)]), 'Stratégie.pdf');
			form.append('after', 'x');
			const { req } = await request(form, { chunk });
			const up = await readUpload(req, { maxBytes: 1 << 20 });
			expect(up.fields.get('title')).toBe('Corporate parenting – strategy');
			expect(up.fields.getAll('topics')).toEqual(['a', 'b']);
			expect(up.fields.get('after')).toBe('x');
			expect(up.fileField).toBe('file');
			expect(up.file?.ok).toBe(true);
			if (up.file?.ok) {
				expect(up.file.file.size).toBe(pdf.length);
				expect(up.file.file.name).toBe('Stratégie.pdf');
				await discard(up.file.file);
			}
		}
		expect(temps()).toEqual([]);
	});
	it('no file chosen is no file', async () => {
		const form = new FormData();
		form.append('title', 'x');
		form.append('file', new Blob([new Uint8Array()]), '');
		const { req } = await request(form);
		const up = await readUpload(req, { maxBytes: 1000 });
		expect(up.file).toBeNull();
		expect(temps()).toEqual([]);
	});
	it('a file over the limit is read and refused', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(await t.pdf(['x'], { padTo: 5000 }))]), 'a.pdf');
		const { req } = await request(form);
		const up = await readUpload(req, { maxBytes: 4000 });
		expect(up.file?.ok).toBe(false);
		if (up.file && !up.file.ok) expect(up.file.reason).toBe('too-big');
		expect(temps()).toEqual([]);
	});
	it('an upload cut off mid-way throws and leaves nothing', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(await t.pdf(['x'], { padTo: 200_000 }))]), 'a.pdf');
		const { req, length } = await request(form, { cutAt: 100_000 });
		expect(length).toBeGreaterThan(100_000);
		await expect(readUpload(req, { maxBytes: 1 << 20 })).rejects.toThrow();
		expect(temps()).toEqual([]);
	});
	it('a body that ends before the closing boundary is an error', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(await t.pdf(['x']))]), 'a.pdf');
		const res = new Response(form);
		const type = res.headers.get('content-type')!;
		const ab = new Uint8Array(await res.arrayBuffer());
		const req = new Request('http://x/', { method: 'POST', body: ab.slice(0, ab.length - 50), headers: { 'content-type': type } });
		await expect(readUpload(req, { maxBytes: 1 << 20 })).rejects.toBeInstanceOf(UploadError);
		expect(temps()).toEqual([]);
	});
	it('refuses what is not a multipart form', async () => {
		const req = new Request('http://x/', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		await expect(readUpload(req, { maxBytes: 100 })).rejects.toMatchObject({ status: 400 });
	});
});
