/**
 * Svelte 5 drops the whitespace at the start and end of an element's or a block's content, so
 * a space written just inside a tag or a block never reaches the page:
 *
 *   saved.{#if next} Your next digest…{/if}        → "saved.Your next digest…"
 *   <a>…</a>{#if note}<span> – {note}</span>{/if}    → "link– 3 new replies"
 *   Update<span class="visually-hidden"> status</span> → a button named "Updatestatus"
 *
 * Put the space outside the tag or block instead ("saved. {#if next}Your next…{/if}"). This
 * reads every component and fails on a space on the same line just inside a tag or a block,
 * with text beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname);

function components(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? components(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
	);
}

type Node = { type: string; name?: string; data?: string; start: number; nodes?: Node[]; [key: string]: unknown };

/** Where a space is lost: the first or last text of a tag's or block's content, space on the text's side of the edge. */
export function lostSpaces(source: string): string[] {
	const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
	const found: string[] = [];
	const line = (at: number) => source.slice(0, at).split('\n').length;
	const visit = (node: unknown, parent: Node | null) => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((n) => visit(n, parent));
		const n = node as Node;
		if (n.type === 'Fragment' && Array.isArray(n.nodes) && parent && !(parent.type === 'RegularElement' && ['pre', 'textarea'].includes(parent.name ?? ''))) {
			const nodes = n.nodes;
			const first = nodes[0];
			const last = nodes[nodes.length - 1];
			// A space (not a line break) at the start, with text after it on the same line, or before a tag or block.
			if (first?.type === 'Text' && (/^[ \t]+\S/.test(first.data ?? '') || (/^[ \t]+$/.test(first.data ?? '') && nodes.length > 1)))
				found.push(`line ${line(first.start)}: “${(first.data ?? '').split('\n')[0]}” starts with a space that Svelte drops`);
			if (last?.type === 'Text' && (/\S[ \t]+$/.test(last.data ?? '') || (/^[ \t]+$/.test(last.data ?? '') && nodes.length > 1)))
				found.push(`line ${line(last.start)}: “${(last.data ?? '').split('\n').at(-1)}” ends with a space that Svelte drops`);
		}
		for (const [key, value] of Object.entries(n)) {
			if (key === 'parent' || key === 'metadata' || key === 'instance' || key === 'module' || key === 'css') continue;
			if (value && typeof value === 'object') visit(value, n.type === 'Fragment' ? parent : n);
		}
	};
	visit(ast.fragment.nodes, ast.fragment);
	return found;
}

describe('spaces beside tags and blocks', () => {
	it('finds the spaces Svelte would drop', () => {
		expect(lostSpaces('<p>saved.{#if next} Your next digest{/if}</p>')).toHaveLength(1);
		expect(lostSpaces('<li><a href="/">t</a>{#if note}<span> – {note}</span>{/if}</li>')).toHaveLength(1);
		expect(lostSpaces('{#each xs as x, i}{#if i > 0}, {/if}{x}{/each}')).toHaveLength(1);
		expect(lostSpaces('<button>Update<span class="visually-hidden"> status</span></button>')).toHaveLength(1);
		expect(lostSpaces('<p>saved. {#if next}Your next digest{/if}</p>')).toEqual([]);
		expect(lostSpaces('<p>\n\t{#if next}\n\t\tYour next digest\n\t{/if}\n</p>')).toEqual([]);
		expect(lostSpaces('<pre> as typed </pre>')).toEqual([]);
	});

	it('no component loses a space', () => {
		const lost = components(src).flatMap((file) => lostSpaces(readFileSync(file, 'utf8')).map((m) => `${relative(src, file)} ${m}`));
		expect(lost).toEqual([]);
	});
});
