import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { xssCorpus } from '../../../../tests/support/xss-corpus';
import { makeMember } from '../../../../tests/support/members';
import * as threads from './threads';
import * as posts from './posts';
import { startThread, tick } from '../../../../tests/support/discussions';

const SAFE_TAGS = new Set(['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

/** Anything script-capable in stored HTML: unknown elements, event handlers, dangerous URLs. */
function dangers(html: string): string[] {
	const found: string[] = [];
	const parser = new Parser(
		{
			onopentag(name, attrs) {
				if (!SAFE_TAGS.has(name)) found.push(`<${name}>`);
				for (const [k, v] of Object.entries(attrs)) {
					if (k.startsWith('on') || k === 'style' || k === 'src' || k === 'srcdoc') found.push(`${k}=`);
					if (k === 'href' && !/^(https?:|mailto:|\/(?![/\\]))/i.test(v)) found.push(`href=${v}`);
				}
			}
		},
		{ decodeEntities: true }
	);
	parser.write(html);
	parser.end();
	return found;
}

describe('the sanitizer on the way into the database', () => {
	it(`stores nothing script-capable for any of the ${xssCorpus.length} known XSS payloads`, () => {
		expect(xssCorpus.length).toBeGreaterThanOrEqual(100);
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor);
		for (const payload of xssCorpus) {
			if (payload.trim() === '') continue;
			const r = posts.reply(m.actor, id, { body: payload }, tick());
			expect(r.ok, payload).toBe(true);
			if (!r.ok) continue;
			const page = threads.view(m.actor, id, { post: r.value.number })!;
			const stored = page.posts.find((p) => p.id === r.value.id)!;
			expect(dangers(stored.html ?? ''), payload).toEqual([]);
		}
	});

	it('adds rel="nofollow ugc noopener noreferrer" to links and keeps http, https and mailto only', () => {
		const m = makeMember({ authority: 'Lancashire' });
		const id = startThread(m.actor, { body: '[LGA](https://www.local.gov.uk) [mail](mailto:a@example.org) [bad](data:text/html,x) [ftp](ftp://x.example)' });
		const html = threads.view(m.actor, id)!.posts[0].html!;
		expect(html).toContain('<a href="https://www.local.gov.uk" rel="nofollow ugc noopener noreferrer">LGA</a>');
		expect(html).toContain('href="mailto:a@example.org"');
		expect(html).not.toContain('data:');
		expect(html).not.toContain('ftp:');
	});
});
