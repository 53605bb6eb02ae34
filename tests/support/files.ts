/**
 * Uploaded files in unit tests: a temporary files folder for one test file, a file received
 * through the real checks (or the test fails), and a library entry's form input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import * as files from '../../src/lib/server/files';
import { useFilesDir } from '../../src/lib/server/files/store';
import type { EntryInput } from '../../src/lib/server/library/input';

/** Stores this test file's uploads in a new temporary folder, removed after its tests; returns the folder. */
export function useTemporaryFilesDir(name: string): () => string {
	let dir = '';
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), `lmn-${name}-`));
		useFilesDir(dir);
	});
	afterAll(() => {
		useFilesDir(null);
		rmSync(dir, { recursive: true, force: true });
	});
	return () => dir;
}

/** A file taken in through the upload checks (at most `maxBytes`); throws with the refusal's message. */
export async function received(bytes: Buffer, name: string, maxBytes?: number) {
	const r = await files.receive(bytes, name, maxBytes);
	if (!r.ok) throw new Error(r.message);
	return r.file;
}

/** A library entry's input: national, no review date, no case-study fields, unless given. */
export function entryInput(fields: Pick<EntryInput, 'kind' | 'title' | 'summary' | 'topics' | 'authorityId'> & Partial<EntryInput>): EntryInput {
	return { scope: 'national', reviewBy: null, situation: '', whatWeDid: '', whatChanged: '', differently: '', contact: '', ...fields };
}
