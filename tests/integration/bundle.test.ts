/**
 * Test material stays out of the product: the built server (what `node build` runs) contains no
 * text of the test helpers in tests/support/ — the XSS corpus, the member and area helpers, the
 * fixtures. Each helper's distinctive strings (literals that appear nowhere under src/) are its
 * fingerprint; none may be found in build/server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIsStale } from '../../scripts/build-state.js';
import { ensureBuilt, root } from './built-app';

const shared = resolve(root, process.env.DURABILITY_BUILD_DIR || 'build');
// A stale shared build is left to the tests that build it; this one then builds its own.
const buildDir = buildIsStale(shared) ? resolve(root, 'build-bundle-check') : shared;

function files(dir: string, keep: (name: string) => boolean): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path, keep) : keep(name) ? [path] : [];
	});
}

/** The string and template-literal texts of a module (long enough to be distinctive, plain enough to find as written; not import paths, which no bundle keeps). */
function literals(file: string): string[] {
	const out: string[] = [];
	const visit = (node: ts.Node) => {
		const specifier = !!node.parent && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || (ts.isCallExpression(node.parent) && node.parent.expression.kind === ts.SyntaxKind.ImportKeyword));
		if (!specifier && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))) {
			const text = node.text.trim();
			if (text.length >= 16 && /^[\x20-\x7e]+$/.test(text) && !/['"\\`$]/.test(text)) out.push(text);
		}
		ts.forEachChild(node, visit);
	};
	visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
	return out;
}

const helpers = files(join(root, 'tests/support'), (n) => n.endsWith('.ts'));
const source = files(join(root, 'src'), (n) => /\.(ts|js|svelte)$/.test(n))
	.map((f) => readFileSync(f, 'utf8'))
	.join('\n');
const fingerprints = new Map(helpers.map((f) => [relative(root, f), [...new Set(literals(f))].filter((t) => !source.includes(t))]));

let bundle = '';

beforeAll(() => {
	ensureBuilt(buildDir, '.svelte-kit-bundle-check');
	bundle = files(join(buildDir, 'server'), (n) => n.endsWith('.js'))
		.map((f) => readFileSync(f, 'utf8'))
		.join('\n');
}, 600_000);

describe('the built server', () => {
	it('has a fingerprint for every test helper of the server code', () => {
		for (const name of ['members.ts', 'xss-corpus.ts', 'mentoring.ts', 'training.ts', 'discussions.ts', 'digest-areas.ts', 'trust.ts']) {
			expect(fingerprints.get(`tests/support/${name}`)?.length ?? 0, name).toBeGreaterThan(0);
		}
		expect(bundle.length).toBeGreaterThan(100_000);
	});

	it('contains none of the test material', () => {
		const found = [...fingerprints].flatMap(([file, texts]) => texts.filter((t) => bundle.includes(t)).map((t) => `${file}: ${t}`));
		expect(found).toEqual([]);
	});
});
