import { isPathological } from './markdown';
import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import {
	LINK_REL,
	extractMentions,
	plainExcerpt,
	excerptOfSafeHtml,
	quoteMarkdown,
	renderMarkdown
} from './markdown';
import { xssCorpus } from '../../../tests/support/xss-corpus';

/** Elements the output may contain, with the attributes each may carry. */
const ALLOWED: Record<string, readonly string[]> = {
	p: [], br: [], strong: [], em: [], del: [], code: [], pre: [], blockquote: [],
	ul: [], ol: ['start'], li: [], a: ['href', 'title', 'rel'],
	h3: [], h4: [], h5: [], h6: [], hr: [],
	table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align']
};

const FORBIDDEN_ATTRIBUTES = new Set(['style', 'class', 'srcdoc', 'formaction', 'src', 'action']);

/** A tag opener or closer for an allowed element; every `<` in the output must start one. */
const ALLOWED_TAG_START = new RegExp(`^</?(?:${Object.keys(ALLOWED).join('|')})(?=[\\s/>])`, 'i');

/** The scheme-relevant form of a URL, with everything a browser ignores removed. */
function compactUrl(url: string): string {
	return url.replace(/[\u0000-\u0020\u007f-\u009f\s]/gu, '').toLowerCase();
}

function isSafeHref(href: string): boolean {
	const compact = compactUrl(href);
	if (/^(?:javascript|vbscript|data|livescript|file):/.test(compact)) return false;
	if (compact !== href.toLowerCase()) return false;
	return /^(?:https?:|mailto:)/.test(compact) || /^\/(?![/\\])/.test(compact);
}

/**
 * Checks rendered HTML independently of sanitize-html: parses it with htmlparser2 and
 * returns a list of problems (empty when the HTML is safe for `{@html}`).
 */
function findProblems(html: string): string[] {
	const problems: string[] = [];
	for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
		if (!ALLOWED_TAG_START.test(html.slice(i))) {
			problems.push(`stray "<" at ${i}: ${html.slice(i, i + 20)}`);
		}
	}
	const parser = new Parser(
		{
			onopentag(name, attribs) {
				const allowedAttributes = ALLOWED[name];
				if (!allowedAttributes) {
					problems.push(`element <${name}>`);
					return;
				}
				for (const [attribute, value] of Object.entries(attribs)) {
					if (attribute.startsWith('on')) problems.push(`event handler ${attribute}`);
					if (FORBIDDEN_ATTRIBUTES.has(attribute)) problems.push(`attribute ${attribute}`);
					if (!allowedAttributes.includes(attribute)) {
						problems.push(`attribute ${attribute} on <${name}>`);
					}
					if (attribute === 'href' && !isSafeHref(value)) problems.push(`href ${value}`);
					if (attribute === 'align' && !['left', 'center', 'right'].includes(value)) {
						problems.push(`align ${value}`);
					}
					if (attribute === 'start' && !/^\d+$/.test(value)) problems.push(`start ${value}`);
				}
				if (name === 'a' && attribs.rel !== LINK_REL) problems.push(`<a> rel ${attribs.rel}`);
			},
			oncomment(data) {
				problems.push(`comment ${data}`);
			},
			oncdatastart() {
				problems.push('CDATA section');
			},
			onprocessinginstruction(name) {
				problems.push(`processing instruction ${name}`);
			}
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
	);
	parser.write(html);
	parser.end();
	return problems;
}

const members = new Set(['bob', 'carol-jones', 'x1']);
const mentionHref = (handle: string) => (members.has(handle) ? `/members/${handle}` : null);

describe('XSS corpus', () => {
	it('holds at least 120 distinct payloads', () => {
		expect(xssCorpus.length).toBeGreaterThanOrEqual(120);
		expect(new Set(xssCorpus).size).toBe(xssCorpus.length);
	});

	it('checker flags unsafe HTML (self-test)', () => {
		expect(findProblems('<p onclick="x">a</p>')).not.toEqual([]);
		expect(findProblems('<img src=x>')).not.toEqual([]);
		expect(findProblems(`<a href="jav&#x09;ascript:alert(1)" rel="${LINK_REL}">x</a>`)).not.toEqual([]);
		expect(findProblems(`<a href="//evil.example" rel="${LINK_REL}">x</a>`)).not.toEqual([]);
		expect(findProblems('<a href="https://example.org">x</a>')).not.toEqual([]);
		expect(findProblems('<p style="color:red">x</p>')).not.toEqual([]);
		expect(findProblems('<!-- x --><p>x</p>')).not.toEqual([]);
		expect(findProblems(`<p>ok <a href="/x" rel="${LINK_REL}">y</a></p>`)).toEqual([]);
	});

	it.each(xssCorpus.map((payload, index) => [index, payload] as const))(
		'payload %i renders without anything script-capable',
		(_index, payload) => {
			for (const opts of [{}, { mentionHref }]) {
				const html = renderMarkdown(payload, opts);
				expect(findProblems(html), html).toEqual([]);
				expect(html).not.toMatch(/<\s*(?:script|style|iframe|img|svg|math|object|embed|form)/i);
			}
		}
	);

	it('keeps raw HTML as visible text rather than dropping it silently', () => {
		const html = renderMarkdown('Hello <b>bold</b> <img src=x onerror=alert(1)>');
		expect(html).toBe(
			'<p>Hello &lt;b&gt;bold&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</p>'
		);
		expect(renderMarkdown('<script>alert(1)</script>')).toBe(
			'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
		);
	});

	it('turns dangerous links into plain link text', () => {
		for (const source of [
			'[x](javascript:alert(1))',
			'[x](JaVaScRiPt:alert(1))',
			'[x](&#106;avascript:alert(1))',
			'[x]( javascript:alert(1))',
			'[x](java&#x09;script:alert(1))',
			'[x](<java script:alert(1)>)',
			'[x](data:text/html,hi)',
			'[x](vbscript:msgbox(1))',
			'[x][1]\n\n[1]: javascript:alert(1)'
		]) {
			expect(renderMarkdown(source), source).toBe('<p>x</p>');
		}
		expect(renderMarkdown('<javascript:alert(1)>')).toBe('<p>javascript:alert(1)</p>');
	});
});

describe('renderMarkdown', () => {
	it('returns an empty string for empty or blank input', () => {
		expect(renderMarkdown('')).toBe('');
		expect(renderMarkdown('  \n\t\n')).toBe('');
	});

	it('renders paragraphs, emphasis and GFM line breaks', () => {
		expect(renderMarkdown('Some **strong**, *em* and ~~del~~ text.\nNext line')).toBe(
			'<p>Some <strong>strong</strong>, <em>em</em> and <del>del</del> text.<br />Next line</p>'
		);
	});

	it('maps level 1 and 2 headings to h3 and keeps h3–h6', () => {
		const html = renderMarkdown('# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six\n\nSetext\n===');
		expect(html.match(/<h\d>[^<]*<\/h\d>/g)).toEqual([
			'<h3>One</h3>',
			'<h3>Two</h3>',
			'<h3>Three</h3>',
			'<h4>Four</h4>',
			'<h6>Six</h6>',
			'<h3>Setext</h3>'
		]);
	});

	it('renders lists, keeping the start of ordered lists', () => {
		const html = renderMarkdown('- one\n- two\n\n3. three\n4. four\n\n- [ ] todo\n- [x] done');
		expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
		expect(html).toContain('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
		expect(html).toContain('<li>[ ] todo</li>');
		expect(html).toContain('<li>[x] done</li>');
		expect(html).not.toContain('<input');
	});

	it('renders tables with alignment only', () => {
		const html = renderMarkdown('| Name | Count |\n|:--|--:|\n| <b>A</b> | 2 |');
		expect(html).toContain('<th align="left">Name</th>');
		expect(html).toContain('<th align="right">Count</th>');
		expect(html).toContain('<td align="left">&lt;b&gt;A&lt;/b&gt;</td>');
		expect(findProblems(html)).toEqual([]);
	});

	it('keeps code escaped and drops the language class', () => {
		expect(renderMarkdown('```html\n<script>alert("x")</script>\n```')).toBe(
			'<pre><code>&lt;script&gt;alert("x")&lt;/script&gt;\n</code></pre>'
		);
		expect(renderMarkdown('Use `<b>` & `a && b`')).toBe(
			'<p>Use <code>&lt;b&gt;</code> &amp; <code>a &amp;&amp; b</code></p>'
		);
	});

	it('renders blockquotes and horizontal rules', () => {
		expect(renderMarkdown('> quoted\n\n---\n\nafter')).toBe(
			'<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />\n<p>after</p>'
		);
	});

	it('adds rel to every allowed link and keeps titles', () => {
		expect(renderMarkdown('[site](https://example.org/a?b=1&c=2 "Title")')).toBe(
			`<p><a href="https://example.org/a?b=1&amp;c=2" rel="${LINK_REL}" title="Title">site</a></p>`
		);
		expect(renderMarkdown('<https://example.org> and www.example.org')).toBe(
			`<p><a href="https://example.org" rel="${LINK_REL}">https://example.org</a> and ` +
				`<a href="http://www.example.org" rel="${LINK_REL}">www.example.org</a></p>`
		);
		expect(renderMarkdown('[mail](mailto:jo@example.org) and jo@example.org')).toBe(
			`<p><a href="mailto:jo@example.org" rel="${LINK_REL}">mail</a> and ` +
				`<a href="mailto:jo@example.org" rel="${LINK_REL}">jo@example.org</a></p>`
		);
	});

	it('allows site-absolute paths but not other relative or protocol-relative links', () => {
		expect(renderMarkdown('[thread](/threads/12)')).toBe(
			`<p><a href="/threads/12" rel="${LINK_REL}">thread</a></p>`
		);
		for (const href of ['//evil.example/', 'threads/12', '#top', '?q=1', 'ftp://x.example']) {
			expect(renderMarkdown(`[x](${href})`), href).toBe('<p>x</p>');
		}
		// A backslash is percent-encoded, so it cannot turn into a protocol-relative URL.
		expect(renderMarkdown('[x](/\\evil.example)')).toBe(
			`<p><a href="/%5Cevil.example" rel="${LINK_REL}">x</a></p>`
		);
		expect(renderMarkdown('[x](java\nscript:alert(1))')).not.toContain('<a');
	});

	it('turns images into links to the image, never <img>', () => {
		expect(renderMarkdown('![A chart](https://example.org/c.png)')).toBe(
			`<p><a href="https://example.org/c.png" rel="${LINK_REL}">A chart</a></p>`
		);
		expect(renderMarkdown('![](https://example.org/c.png)')).toBe(
			`<p><a href="https://example.org/c.png" rel="${LINK_REL}">https://example.org/c.png</a></p>`
		);
		expect(renderMarkdown('![alt](javascript:alert(1))')).toBe('<p>alt</p>');
	});

	it('links mentions of known members only', () => {
		const html = renderMarkdown('Thanks @Bob, @carol-jones and @nobody!', { mentionHref });
		expect(html).toBe(
			`<p>Thanks <a href="/members/bob" rel="${LINK_REL}">@bob</a>, ` +
				`<a href="/members/carol-jones" rel="${LINK_REL}">@carol-jones</a> and @nobody!</p>`
		);
	});

	it('leaves mentions as text without a resolver, in code, emails and link text', () => {
		expect(renderMarkdown('Hi @bob')).toBe('<p>Hi @bob</p>');
		const html = renderMarkdown('`@bob` bob@example.org x@bob [@bob](https://example.org)', {
			mentionHref
		});
		expect(html).not.toContain('/members/');
	});

	it('ignores a resolver result that is not a site path', () => {
		for (const result of ['javascript:alert(1)', 'https://evil.example/', '//evil.example', 'members/bob']) {
			const html = renderMarkdown('Hi @bob', { mentionHref: () => result });
			expect(html, result).toBe('<p>Hi @bob</p>');
		}
	});

	it('falls back to safe escaped text when marked cannot parse the input', () => {
		const source = `${'>'.repeat(5000)} deep <script>alert(1)</script>`;
		const html = renderMarkdown(source, { mentionHref });
		expect(html.startsWith('<p>&gt;&gt;&gt;')).toBe(true);
		expect(html).toContain('deep &lt;script&gt;');
		expect(findProblems(html)).toEqual([]);
		expect(extractMentions(source)).toEqual([]);
	});

	it('handles long runs of mention-like text quickly', () => {
		const started = performance.now();
		const html = renderMarkdown('@a-'.repeat(20000), { mentionHref });
		expect(performance.now() - started).toBeLessThan(5000);
		expect(findProblems(html)).toEqual([]);
	});

	it('is deterministic', () => {
		const source = '# Title\n\nHi @bob, see [this](https://example.org).\n\n| a |\n|---|\n| 1 |';
		expect(renderMarkdown(source, { mentionHref })).toBe(renderMarkdown(source, { mentionHref }));
	});
});

describe('extractMentions', () => {
	it('returns distinct lowercased handles in order of first appearance', () => {
		expect(extractMentions('@Bob and @carol-jones, then @BOB again, and @x1.')).toEqual([
			'bob',
			'carol-jones',
			'x1'
		]);
	});

	it('ignores code spans, code blocks and email addresses', () => {
		const source = [
			'Ask @alice about `@bob`.',
			'',
			'```',
			'@carol in a block',
			'```',
			'',
			'    @dave indented code',
			'',
			'Email eve@example.org or frank.smith@example.org, not @grace-h.'
		].join('\n');
		expect(extractMentions(source)).toEqual(['alice', 'grace-h']);
	});

	it('accepts mentions after punctuation and refuses them after path or URL characters', () => {
		const source =
			"(@alice) @bob's, \\@escaped https://example.org/@carol www.example.org/@dave " +
			'x/@erin a@frank @grace@example.org **@heidi**';
		expect(extractMentions(source)).toEqual(['alice', 'bob', 'heidi']);
	});

	it('applies the handle rules', () => {
		expect(extractMentions('@a @ab @-ab @ab_c @' + 'x'.repeat(41) + ' @' + 'y'.repeat(42))).toEqual([
			'ab',
			'x'.repeat(41)
		]);
	});

	it('finds mentions inside emphasis, lists, quotes and tables', () => {
		const source = '**@one**\n\n- @two\n\n> @three\n\n| h |\n|---|\n| @four |';
		expect(extractMentions(source)).toEqual(['one', 'two', 'three', 'four']);
	});

	it('returns an empty list for empty input', () => {
		expect(extractMentions('')).toEqual([]);
	});
});

describe('excerptOfSafeHtml', () => {
	it('reads the stored HTML as plainExcerpt reads the Markdown, without parsing it again', () => {
		for (const source of [
			'Our **strategy**, agreed with the _Children in Care Council_ – see [the pledge](https://example.org/pledge).',
			'Children’s services & SEND: "high needs" < 5% of the budget > 3 years\n\nA second paragraph.',
			'Caf\u00e9 &amp; tea: it\'s `code` & more',
			'x '.repeat(200)
		])
			expect(excerptOfSafeHtml(renderMarkdown(source), 120)).toBe(plainExcerpt(source, 120));
	});
	it('keeps list items’ words and never returns markup', () => {
		const out = excerptOfSafeHtml(renderMarkdown('What worked:\n\n- a **trusted** adult\n- <script>alert(1)</script> quick answers'), 200);
		expect(out).toContain('a trusted adult');
		expect(out).toContain('quick answers');
		expect(out).not.toMatch(/<\/?(strong|li|ul|p)>/);
	});
});

describe('plainExcerpt', () => {
	it('strips all markup and collapses whitespace', () => {
		const source =
			'# Budget update\n\nThis is **important** — see [the report](https://example.org).\n\n' +
			'- first\n- second\n\n> quoted <b>raw</b>\n\n`code` &amp; more';
		expect(plainExcerpt(source)).toBe(
			'Budget update This is important — see the report. first second quoted <b>raw</b> code & more'
		);
	});

	it('leaves short text whole', () => {
		expect(plainExcerpt('Short post.', 200)).toBe('Short post.');
		expect(plainExcerpt('')).toBe('');
	});

	it('cuts at a word boundary and adds an ellipsis within the limit', () => {
		const source = 'The quick brown fox jumps over the lazy dog again and again.';
		const excerpt = plainExcerpt(source, 25);
		expect(excerpt).toBe('The quick brown fox…');
		expect(excerpt.length).toBeLessThanOrEqual(25);
	});

	it('hard-cuts a single overlong word', () => {
		const excerpt = plainExcerpt('a'.repeat(50), 10);
		expect(excerpt).toBe(`${'a'.repeat(9)}…`);
	});

	it('defaults to 200 characters', () => {
		const excerpt = plainExcerpt('word '.repeat(100));
		expect(excerpt.length).toBeLessThanOrEqual(200);
		expect(excerpt.endsWith('word…')).toBe(true);
	});
});

describe('quoteMarkdown', () => {
	it('quotes every line under an attribution', () => {
		expect(quoteMarkdown('First line\nsecond\n\nNew paragraph\n', 'Jo Bloggs')).toBe(
			'> *Jo Bloggs wrote:*\n>\n> First line\n> second\n>\n> New paragraph\n\n'
		);
	});

	it('nests existing quotes and normalises line endings', () => {
		expect(quoteMarkdown('> earlier\r\nreply', 'Sam')).toBe(
			'> *Sam wrote:*\n>\n> > earlier\n> reply\n\n'
		);
	});

	it('escapes Markdown in the author name', () => {
		const quoted = quoteMarkdown('Hi', 'Jo *the* _Boss_ <b>');
		expect(quoted.split('\n')[0]).toBe('> *Jo \\*the\\* \\_Boss\\_ \\<b\\> wrote:*');
		expect(renderMarkdown(quoted)).toBe(
			'<blockquote>\n<p><em>Jo *the* _Boss_ &lt;b&gt; wrote:</em></p>\n<p>Hi</p>\n</blockquote>'
		);
	});

	it('handles an empty post', () => {
		expect(quoteMarkdown('', 'Jo')).toBe('> *Jo wrote:*\n\n');
	});

	it('renders back to a blockquote', () => {
		const html = renderMarkdown(quoteMarkdown('**Bold** point', 'Jo'));
		expect(html).toBe(
			'<blockquote>\n<p><em>Jo wrote:</em></p>\n<p><strong>Bold</strong> point</p>\n</blockquote>'
		);
	});
});

describe('hostile shapes that would make marked slow', () => {
	it('renders thousands of emphasis delimiters as plain text, quickly and safely', () => {
		const source = '*a _'.repeat(12_500);
		expect(isPathological(source)).toBe(true);
		const html = renderMarkdown(source);
		expect(html).not.toContain('<em>');
		expect(html).toContain('*a _');
	});

	it('renders lists nested absurdly deep as plain text', () => {
		const source = Array.from({ length: 60 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n');
		expect(isPathological(source)).toBe(true);
		expect(renderMarkdown(source)).not.toContain('<ul>');
	});

	it('leaves ordinary posts alone', () => {
		const source = 'We use **two** panels:\n\n- one\n  - nested once\n    - nested twice\n\n_Thanks_';
		expect(isPathological(source)).toBe(false);
		expect(renderMarkdown(source)).toContain('<strong>two</strong>');
	});
});
