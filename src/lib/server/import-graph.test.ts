/**
 * The house rules about imports, read from the code itself (ARCHITECTURE.md, "Rules"):
 *
 *   1. No circle between the folders of src/lib/server/ (an area, or a foundation such as db/):
 *      imports run one way — digests/inbound → areas → mail → auth → db.
 *   2. The foundations (db/, mail/, auth/) import no area.
 *   3. Only the network area reads the network's tables (member, authority, region, …); every
 *      other area asks network/ through its functions. Exceptions, each for a reason: db/ (it
 *      defines them), the seeds (they write the demo network), trust's export and erase (they
 *      read and remove everything about one member), the session check in auth/session.ts
 *      (one query per request reads the session with its member), and mail's bounce state in
 *      mail/bounces.ts (kept against the member's current address, compared in one statement;
 *      mail may not import network/).
 *   4. Server code never imports test material (tests/, vitest).
 *
 * New area folders (inbound/, files/, library/, induction/ …) need no entry here: they pass
 * when they follow the rules.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const server = resolve(import.meta.dirname);
const root = resolve(server, '../../..');

const FOUNDATIONS = ['db', 'mail', 'auth'];
const NETWORK_TABLES_MAY_BE_READ_BY = ['network/', 'db/', 'seed/', 'trust/export.ts', 'trust/erase.ts', 'trust/network-data.ts', 'auth/session.ts', 'mail/bounces.ts'];

type Import = { from: string; to: string; names: string[]; typeOnly: boolean };

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|js)$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

function resolveSpecifier(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else if (spec.startsWith('$lib/')) base = join(root, 'src/lib', spec.slice(5));
	else return spec === 'vitest' || spec.startsWith('vitest/') ? 'vitest' : null;
	for (const c of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
	return base;
}

/** Every import and re-export (static or dynamic, types included) of the server's modules. */
function imports(): Import[] {
	const out: Import[] = [];
	for (const file of sourceFiles(server)) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const add = (spec: string, names: string[], typeOnly: boolean) => {
			const to = resolveSpecifier(file, spec);
			if (to) out.push({ from: file, to, names, typeOnly });
		};
		const visit = (node: ts.Node) => {
			if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
				const clause = node.importClause;
				const names: string[] = [];
				if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
					for (const el of clause.namedBindings.elements) if (!el.isTypeOnly) names.push((el.propertyName ?? el.name).text);
				} else if (clause?.namedBindings) names.push('*');
				add(node.moduleSpecifier.text, clause?.isTypeOnly ? [] : names, !!clause?.isTypeOnly);
			} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
				const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : ['*'];
				add(node.moduleSpecifier.text, node.isTypeOnly ? [] : names, node.isTypeOnly);
			} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
				add(node.arguments[0].text, ['*'], false);
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return out;
}

/** The folder (`mentoring/`) or top-level file (`jobs.ts`) a server module belongs to; null outside the server. */
function part(file: string): string | null {
	const r = relative(server, file);
	if (r.startsWith('..')) return null;
	const [first, ...rest] = r.split(sep);
	return rest.length ? `${first}/` : first;
}

const all = imports();
const edges = all.flatMap((i) => {
	const a = part(i.from);
	const b = part(i.to);
	return a && b && a !== b ? [{ ...i, a, b }] : [];
});
const where = (e: Import) => `${relative(server, e.from)} → ${relative(server, e.to)}`;

/** Groups of parts that import each other, directly or round a longer circle (Tarjan). */
function circles(): string[][] {
	const next = new Map<string, Set<string>>();
	for (const e of edges) (next.get(e.a) ?? next.set(e.a, new Set()).get(e.a)!).add(e.b);
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const found: string[][] = [];
	let n = 0;
	const connect = (v: string) => {
		index.set(v, n);
		low.set(v, n++);
		stack.push(v);
		for (const w of next.get(v) ?? []) {
			if (!index.has(w)) {
				connect(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const group: string[] = [];
			let w: string;
			do group.push((w = stack.pop()!));
			while (w !== v);
			if (group.length > 1) found.push(group.sort());
		}
	};
	for (const v of next.keys()) if (!index.has(v)) connect(v);
	return found;
}

function networkTables(): string[] {
	const schema = readFileSync(join(server, 'db/schema/network.ts'), 'utf8');
	return [...schema.matchAll(/export const (\w+) = sqliteTable\(/g)].map((m) => m[1]);
}

describe('the import graph of src/lib/server/', () => {
	it('reads the modules it is about', () => {
		expect(edges.length).toBeGreaterThan(100);
		expect(networkTables()).toEqual(expect.arrayContaining(['member', 'authority', 'region']));
	});

	it('has no circle between folders', () => {
		const found = circles().map((group) => {
			const inside = edges.filter((e) => group.includes(e.a) && group.includes(e.b));
			return `${group.join(' ⇄ ')}\n    ${inside.map(where).join('\n    ')}`;
		});
		expect(found, 'these import each other; decide which way the dependency runs').toEqual([]);
	});

	it('keeps the foundations (db/, mail/, auth/) free of areas', () => {
		const wrong = edges.filter((e) => FOUNDATIONS.includes(e.a.replace(/\/$/, '')) && e.b.endsWith('/') && !FOUNDATIONS.includes(e.b.replace(/\/$/, ''))).map(where);
		expect(wrong, 'a foundation imports an area').toEqual([]);
	});

	it('lets only the network area read the network’s tables', () => {
		const tables = new Set(networkTables());
		const schema = join(server, 'db/schema');
		const wrong = all
			.filter((i) => i.to === schema || i.to.startsWith(schema + sep))
			.filter((i) => !NETWORK_TABLES_MAY_BE_READ_BY.some((p) => relative(server, i.from).startsWith(p)))
			.filter((i) => i.names.some((n) => n === '*' || tables.has(n)))
			.map((i) => `${where(i)} { ${i.names.filter((n) => n === '*' || tables.has(n)).join(', ')} }`);
		expect(wrong, 'ask network/ (members.people(ids) and the rest) instead').toEqual([]);
	});

	it('never imports test material into server code', () => {
		const tests = join(root, 'tests');
		const wrong = all.filter((i) => i.to === 'vitest' || i.to.startsWith(tests + sep)).map(where);
		expect(wrong).toEqual([]);
	});
});
