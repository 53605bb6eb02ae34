import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from './parse';
import { libraryOnly, trimReply } from './trim';

const dir = join(import.meta.dirname, 'corpus');
const names = readdirSync(dir)
	.filter((n) => n.endsWith('.eml'))
	.map((n) => n.replace(/\.eml$/, ''))
	.sort();

describe('the reply corpus', () => {
	it('has at least 30 real-shaped replies', () => {
		expect(names.length).toBeGreaterThanOrEqual(30);
	});

	it.each(names)('%s trims to what the member wrote', async (name) => {
		const parsed = await parseMail(readFileSync(join(dir, `${name}.eml`)));
		expect(parsed).not.toBeNull();
		const expected = readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/\n$/, '');
		expect(trimReply(parsed!.text)).toBe(expected);
	});

	it('measures email-reply-parser alone against the same corpus (our rules must do at least as well)', async () => {
		let library = 0;
		let ours = 0;
		const misses: string[] = [];
		for (const name of names) {
			const parsed = (await parseMail(readFileSync(join(dir, `${name}.eml`))))!;
			const expected = readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/\n$/, '');
			if (libraryOnly(parsed.text) === expected) library++;
			else misses.push(name);
			if (trimReply(parsed.text) === expected) ours++;
		}
		console.info(`email-reply-parser alone: ${library}/${names.length}; with our rules: ${ours}/${names.length}. Library misses: ${misses.join(', ')}`);
		expect(ours).toBe(names.length);
		expect(ours).toBeGreaterThanOrEqual(library);
	});
});
