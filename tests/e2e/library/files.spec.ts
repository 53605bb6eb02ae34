/**
 * Files, safely (issue 15), through the real form and server: every bad file is refused with a
 * message next to the field and in the error summary, what was typed is kept, and nothing is
 * stored; names from outside are made safe; a PDF with JavaScript is stored but only ever
 * downloaded, an image may be viewed (sandboxed); two uploads of the same file at once are one
 * file on disk; an upload cut off mid-way leaves nothing; guessing another region's file by id
 * or hash is a 404, never a 500; admins see the storage used. Axe on every page visited.
 *
 * The server's data folder is the one tests/support/e2e-server.js makes, read here (read-only)
 * to check what was and was not stored.
 */
import { request as httpRequest } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, visit, checkA11y, signIn, signOut, unique } from '../fixtures';
import * as t from '../../support/test-files';

const dataDir = resolve('.test-data', `e2e-${process.env.E2E_PORT ?? '4173'}`);
const MB = 1024 * 1024;

function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(join(dataDir, 'app.db'), { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}
const entriesTitled = (title: string) => query<{ id: number }>('SELECT id FROM library_entry WHERE title = ?', title);
const tempFiles = () => (existsSync(join(dataDir, 'files', 'tmp')) ? readdirSync(join(dataDir, 'files', 'tmp')) : []);
const blobExists = (hash: string) => existsSync(join(dataDir, 'files', hash.slice(0, 2), hash));

/** Waits until no upload is being written (another test's upload may be in flight for a moment). */
async function noTempFiles() {
	await expect.poll(tempFiles, { timeout: 10_000 }).toEqual([]);
}

/** The form's fields for a document, as a browser sends them. */
function documentForm(title: string, file: { name: string; mimeType: string; buffer: Buffer }) {
	return { kind: 'report', title, summary: 'A report for the test.', topics: 'scrutiny', authorityId: '1', scope: 'national', file };
}

async function post(request: APIRequestContext, baseURL: string, title: string, file: { name: string; mimeType: string; buffer: Buffer }) {
	return request.post('/library/new', { multipart: documentForm(title, file), headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
}

test('bad files are refused next to the field, what was typed is kept, and nothing is stored', async ({ page }) => {
	test.setTimeout(240_000);
	const title = `Refused files ${unique('osprey')}`;
	await signIn(page, 'member@example.org');
	await visit(page, '/library/new');
	await page.getByLabel('Report', { exact: true }).check();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Summary').fill('Our scrutiny panel’s report on placements.');
	await page.getByLabel('Scrutiny and challenge').check();

	const pdf = await t.pdf(['A real PDF']);
	const cases: { name: string; buffer: Buffer; message: RegExp }[] = [
		{ name: 'empty.pdf', buffer: Buffer.alloc(0), message: /“empty\.pdf” is empty/ },
		{ name: 'big.pdf', buffer: await t.pdf(['Too big'], { padTo: 20 * MB + 1 }), message: /“big\.pdf” is larger than 20 MB/ },
		{ name: 'minutes.docx', buffer: t.macroDocx(), message: /“minutes\.docx” contains macros/ },
		{ name: 'logo.svg', buffer: t.svgWithScript(), message: /“logo\.svg” is a web page, SVG or other markup/ },
		{ name: 'budget.xlsx', buffer: t.zipBombXlsx(), message: /“budget\.xlsx” expands to far more data than any document should/ },
		{ name: 'poly.pdf', buffer: await t.polyglotPdfHtml(), message: /“poly\.pdf” is a web page, SVG or other markup/ },
		{ name: '../../etc/passwd', buffer: pdf, message: /“passwd” is called a file without an extension but it is a PDF/ },
		{ name: '....', buffer: pdf, message: /“document” is called a file without an extension but it is a PDF/ }
	];
	for (const c of cases) {
		await page.getByLabel('File', { exact: true }).setInputFiles({ name: c.name, mimeType: 'application/pdf', buffer: c.buffer });
		await page.getByRole('button', { name: 'Upload and share' }).click();
		// In the error summary (a link to the field) and next to the field; the title kept.
		await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(page.getByRole('link', { name: c.message })).toHaveAttribute('href', '#file');
		await expect(page.locator('#file-error')).toHaveText(c.message);
		await expect(page.getByLabel('File', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Title')).toHaveValue(title);
		await expect(page.getByLabel('Scrutiny and challenge')).toBeChecked();
		await expect(page).toHaveTitle(/^Error: /);
	}
	await checkA11y(page);
	expect(entriesTitled(title)).toEqual([]);
	await noTempFiles();

	// A name with a right-to-left override and 300 characters is made safe, then accepted.
	const long = `Placement sufficiency report ‮fdp.exe ${'x'.repeat(300)}.pdf`;
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: long, mimeType: 'application/octet-stream', buffer: pdf });
	await page.getByRole('button', { name: 'Upload and share' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await checkA11y(page);
	const [stored] = query<{ name: string }>('SELECT v.name FROM library_version v JOIN library_file f ON f.id = v.file_id JOIN library_entry e ON e.id = f.entry_id WHERE e.title = ?', title);
	expect(stored.name).toMatch(/^Placement sufficiency report fdp\.exe x+\.pdf$/);
	expect(stored.name).toHaveLength(120);
	const link = page.getByRole('link', { name: /^Download Placement sufficiency report/ });
	const res = await page.request.get((await link.getAttribute('href'))!);
	expect(res.headers()['content-disposition']).toBe(`attachment; filename="${stored.name}"`);
});

test('a PDF with JavaScript is stored but only downloaded; an image can be viewed, sandboxed; names keep their letters (RFC 5987)', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	const title = `Scripted form ${unique('plover')}`;
	const scripted = await t.pdf(['A form with a script'], { javascript: true });
	expect((await post(page.request, baseURL!, title, { name: 'Formulaire de sécurité.pdf', mimeType: 'application/pdf', buffer: scripted })).status()).toBe(303);
	const [entry] = entriesTitled(title);
	await visit(page, `/library/${entry.id}`);
	await expect(page.getByRole('link', { name: /^Download Formulaire de sécurité\.pdf/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^View / })).toHaveCount(0);
	const href = (await page.getByRole('link', { name: /^Download Formulaire/ }).getAttribute('href'))!;
	for (const url of [href, `${href}?view=1`]) {
		const r = await page.request.get(url);
		expect(r.status()).toBe(200);
		expect(r.headers()['content-disposition'], url).toBe(`attachment; filename="Formulaire de securite.pdf"; filename*=UTF-8''Formulaire%20de%20s%C3%A9curit%C3%A9.pdf`);
		expect(r.headers()['content-type']).toBe('application/pdf');
		expect(r.headers()['content-security-policy']).toBe('sandbox');
		expect(r.headers()['x-content-type-options']).toBe('nosniff');
		expect(Buffer.from(await r.body()).equals(scripted)).toBe(true);
	}
	expect(query<{ active: number }>('SELECT s.active_content AS active FROM stored_file s JOIN library_version v ON v.hash = s.hash JOIN library_file f ON f.id = v.file_id WHERE f.entry_id = ?', entry.id)).toEqual([{ active: 1 }]);

	// A PNG: a "View" link that opens it inline, still sandboxed and with its true type.
	const imageTitle = `Infographic ${unique('dunlin')}`;
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
	expect((await post(page.request, baseURL!, imageTitle, { name: 'Care leavers infographic.png', mimeType: 'image/png', buffer: png })).status()).toBe(303);
	const [image] = entriesTitled(imageTitle);
	await visit(page, `/library/${image.id}`);
	const view = page.getByRole('link', { name: /^View Care leavers infographic\.png/ });
	await expect(view).toHaveAttribute('href', /\?view=1$/);
	const shown = await page.request.get((await view.getAttribute('href'))!);
	expect(shown.headers()['content-disposition']).toBe('inline; filename="Care leavers infographic.png"');
	expect(shown.headers()['content-type']).toBe('image/png');
	expect(shown.headers()['content-security-policy']).toBe('sandbox');
	expect(shown.headers()['x-content-type-options']).toBe('nosniff');
});

test('two uploads of the same file at once: two entries, one file on disk', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	const word = unique('curlew');
	const bytes = await t.pdf([`The same file twice ${word}`], { padTo: 3 * MB });
	const [a, b] = await Promise.all([
		post(page.request, baseURL!, `Twice at once A ${word}`, { name: 'Same.pdf', mimeType: 'application/pdf', buffer: bytes }),
		post(page.request, baseURL!, `Twice at once B ${word}`, { name: 'Same.pdf', mimeType: 'application/pdf', buffer: bytes })
	]);
	expect([a.status(), b.status()]).toEqual([303, 303]);
	const rows = query<{ hash: string; refs: number }>(
		`SELECT v.hash, s.refs FROM library_version v JOIN library_file f ON f.id = v.file_id JOIN library_entry e ON e.id = f.entry_id JOIN stored_file s ON s.hash = v.hash WHERE e.title LIKE ?`,
		`Twice at once % ${word}`
	);
	expect(rows).toHaveLength(2);
	expect(rows[0].hash).toBe(rows[1].hash);
	expect(rows[0].refs).toBe(2);
	expect(blobExists(rows[0].hash)).toBe(true);
	await noTempFiles();
	await visit(page, `/library?mine=1`);
	await expect(page.getByRole('link', { name: `Twice at once A ${word}` })).toBeVisible();
});

/** Sends the start of an upload on a raw connection, then drops it. */
async function cutOffUpload(page: Page, baseURL: string, title: string) {
	const cookie = (await page.context().cookies()).find((c) => c.name === 'session')!;
	const url = new URL('/library/new', baseURL);
	const boundary = 'cutoffboundary7a1c';
	const head = Buffer.from(
		Object.entries({ kind: 'report', title, summary: 'Never finished', topics: 'scrutiny', authorityId: '1', scope: 'national' })
			.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
			.join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
	);
	const half = (await t.pdf(['Half'], { padTo: 4 * MB })).subarray(0, 2 * MB);
	await new Promise<void>((done) => {
		const req = httpRequest(url, { method: 'POST', headers: { cookie: `session=${cookie.value}`, origin: baseURL, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 4 * MB + 64) } });
		req.on('error', () => done());
		req.on('response', () => done());
		req.write(head);
		req.write(half, () => setTimeout(() => {
			req.destroy();
			done();
		}, 500));
	});
}

test('an upload cut off mid-way leaves no entry and no file; the server carries on', async ({ page, baseURL }) => {
	test.setTimeout(60_000);
	await signIn(page, 'member@example.org');
	const title = `Cut off ${unique('godwit')}`;
	await cutOffUpload(page, baseURL!, title);
	await noTempFiles();
	expect(entriesTitled(title)).toEqual([]);
	expect((await page.request.get('/healthz')).status()).toBe(200);
	await visit(page, '/library');
});

test('another region’s file by guessing its id or hash is a 404, never a 500', async ({ page }) => {
	test.setTimeout(120_000);
	// The demo's North West induction pack, and a national entry the guesser may see.
	const [regional] = query<{ id: number; versionId: number; hash: string }>(
		`SELECT e.id, v.id AS versionId, v.hash FROM library_entry e JOIN library_file f ON f.entry_id = e.id JOIN library_version v ON v.file_id = f.id WHERE e.region_id = 'north-west' ORDER BY e.id LIMIT 1`
	);
	const [national] = query<{ id: number; versionId: number }>(
		`SELECT e.id, v.id AS versionId FROM library_entry e JOIN library_file f ON f.entry_id = e.id JOIN library_version v ON v.file_id = f.id WHERE e.region_id IS NULL AND e.hidden_at IS NULL ORDER BY e.id LIMIT 1`
	);
	await signIn(page, 'mentor@example.org'); // Yorkshire and the Humber
	expect((await page.request.get(`/library/${national.id}/versions/${national.versionId}`)).status()).toBe(200);
	const guesses = [
		`/library/${regional.id}`,
		`/library/${regional.id}/versions/${regional.versionId}`,
		`/library/${regional.id}/versions/${regional.versionId}?view=1`,
		`/library/${national.id}/versions/${regional.versionId}`,
		`/library/${national.id}/versions/${regional.versionId + 100000}`,
		`/library/${national.id}/versions/${regional.hash}`,
		`/library/${regional.id}/versions/${regional.hash}`,
		`/library/${regional.hash}`,
		`/library/${regional.hash}/versions/${regional.hash}`,
		`/library/99999999999999999999/versions/1`,
		`/library/-1/versions/-1`,
		`/library/1.5/versions/1`,
		`/library/${regional.id}/report`,
		`/library/${regional.id}/upload`,
		`/files/${regional.hash.slice(0, 2)}/${regional.hash}`
	];
	for (const path of guesses) {
		const r = await page.request.get(path, { maxRedirects: 0 });
		expect(r.status(), path).toBe(404);
		expect(r.headers()['content-disposition'], path).toBeUndefined();
	}
	expect((await page.request.head(`/library/${regional.id}/versions/${regional.versionId}`)).status()).toBe(404);
	await visit(page, `/library/${regional.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('admins see the network’s storage and each member’s use; members see only their own', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'member@example.org');
	await visit(page, '/library');
	await expect(page.getByText(/You have used [\d.]+ (bytes|KB|MB) of your 250 MB\./)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Storage (admins)' })).toHaveCount(0);
	await signOut(page);
	await signIn(page, 'admin@example.org');
	await visit(page, '/library');
	await expect(page.getByRole('heading', { name: 'Storage (admins)' })).toBeVisible();
	await expect(page.getByText(/The library holds [\d.]+ (KB|MB|GB) across the network\. Each member may store up to 250 MB\./)).toBeVisible();
	expect(await page.locator('section[aria-labelledby="usage-heading"] tbody tr').count()).toBeGreaterThan(0);
});
