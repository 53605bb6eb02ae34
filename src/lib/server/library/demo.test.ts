// The library part of the demo network: documents with real files, a case study, a regional induction pack.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { seedDemo } from '../seed/demo';
import * as members from '../network/members';
import { useFilesDir } from '../files/store';
import * as library from './entries';
import { provideLinks } from '../links';

provideLinks();

const NOW = Date.parse('2026-11-23T09:00:00Z');
let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'lmn-library-demo-'));
	useFilesDir(dir);
});
afterAll(() => {
	useFilesDir(null);
	rmSync(dir, { recursive: true, force: true });
});

describe('library demo data', () => {
	it('shows the North West its induction pack and everyone the national entries', async () => {
		await seedDemo(db, NOW);
		const tom = members.actorById(members.findByEmail('member@example.org')!.id)!;
		const leeds = members.actorById(members.findByEmail('mentor@example.org')!.id)!;
		const nw = library.list(tom).entries.map((e) => e.title);
		expect(nw).toContain('Induction pack for new Lead Members – North West');
		expect(nw).toContain('Corporate parenting strategy 2026 to 2029');
		const y = library.list(leeds).entries.map((e) => e.title);
		expect(y).not.toContain('Induction pack for new Lead Members – North West');
		expect(y).toContain('Giving the Children in Care Council real influence');
		const strategy = library.list(tom).entries.find((e) => e.title.startsWith('Corporate parenting strategy'))!;
		expect(strategy.usefulCount).toBe(2);
		expect(library.view(tom, strategy.id).files[0].current.kindLabel).toBe('PDF');
	});
});
