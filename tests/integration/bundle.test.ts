/**
 * Test material stays out of the product: the built server (what `node build` runs) contains no
 * text of the test helpers in tests/support/ — the XSS corpus, the member and area helpers, the
 * fixtures. A helper's fingerprint is its phrases (string literals with a space) and the names it
 * exports, those that appear nowhere in the server's own code; none may be found in build/server.
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

/**
 * A module's phrases — string and template-literal texts long enough to be distinctive, with a
 * space, plain enough to find as written (not import paths, which no bundle keeps) — and the
 * names of the functions and constants it exports (as words), when long enough.
 */
function marks(file: string): { phrases: string[]; names: string[] } {
	const phrases: string[] = [];
	const names: string[] = [];
	const visit = (node: ts.Node) => {
		if ((ts.isFunctionDeclaration(node) || ts.isVariableStatement(node)) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
			const declared = ts.isFunctionDeclaration(node) ? [node.name] : node.declarationList.declarations.map((d) => d.name);
			for (const n of declared) if (n && ts.isIdentifier(n) && n.text.length >= 8) names.push(n.text);
		}
		const specifier = !!node.parent && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || (ts.isCallExpression(node.parent) && node.parent.expression.kind === ts.SyntaxKind.ImportKeyword));
		if (!specifier && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))) {
			const text = node.text.trim();
			if (text.length >= 12 && text.includes(' ') && /^[\x20-\x7e]+$/.test(text) && !/['"\\`$]/.test(text)) phrases.push(text);
		}
		ts.forEachChild(node, visit);
	};
	visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
	return { phrases, names };
}

const helpers = files(join(root, 'tests/support'), (n) => n.endsWith('.ts'));
/** The server's own code: what may be in the bundle (tests are not). */
const source = files(join(root, 'src'), (n) => /\.(ts|js|svelte)$/.test(n) && !n.endsWith('.test.ts'))
	.map((f) => readFileSync(f, 'utf8'))
	.join('\n');
const word = (name: string) => new RegExp(`\\b${name}\\b`);

type Mark = { text: string; in: (bundle: string) => boolean };
const fingerprints = new Map<string, Mark[]>(
	helpers.map((f) => {
		const { phrases, names } = marks(f);
		const byPhrase = [...new Set(phrases)].filter((t) => !source.includes(t)).map((t) => ({ text: t, in: (b: string) => b.includes(t) }));
		const byName = [...new Set(names)].filter((n) => !word(n).test(source)).map((n) => ({ text: n, in: (b: string) => word(n).test(b) }));
		return [relative(root, f), [...byPhrase, ...byName]];
	})
);

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
		const found = [...fingerprints].flatMap(([file, marks]) => marks.filter((m) => m.in(bundle)).map((m) => `${file}: ${m.text}`));
		expect(found).toEqual([]);
	});
});
