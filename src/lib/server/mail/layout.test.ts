import { describe, expect, it } from 'vitest';
import { absoluteUrl, emailBytes, renderEmail } from './layout';
import { config } from '../config';

describe('renderEmail', () => {
	const e = renderEmail({
		heading: 'Your weekly digest',
		preheader: 'Three replies',
		blocks: [
			{ kind: 'paragraph', text: 'Hello <Jo> & friends' },
			{ kind: 'heading', text: 'Discussions' },
			{ kind: 'subheading', text: 'Replies' },
			{ kind: 'list', items: [{ text: 'A thread', href: '/threads/1', note: '2 replies' }], more: 'And 4 more: replies', moreHref: '/threads?following=1' },
			{ kind: 'button', text: 'Open the site', href: '/' }
		],
		reason: 'You chose a weekly digest.',
		footerLinks: [{ text: 'Unsubscribe from your digest email', href: '/unsubscribe/abc' }]
	});

	it('writes accessible HTML: lang, headings in order, escaped text, no images, absolute links only', () => {
		expect(e.html).toMatch(/<html lang="en-GB">/);
		const headings = [...e.html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
		expect(headings).toEqual([1, 2, 3]);
		expect(e.html).toContain('Hello &lt;Jo&gt; &amp; friends');
		expect(e.html).not.toMatch(/<img/i);
		const hrefs = [...e.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
		expect(hrefs.length).toBeGreaterThan(3);
		for (const h of hrefs) expect(h.startsWith(config().origin + '/')).toBe(true);
		expect(e.html).toMatch(/role="presentation"/);
	});

	it('writes the same content as plain text with the links spelled out', () => {
		expect(e.text).toContain('Your weekly digest');
		expect(e.text).toContain(`* A thread – 2 replies\n  ${absoluteUrl('/threads/1')}`);
		expect(e.text).toContain(`And 4 more: replies: ${absoluteUrl('/threads?following=1')}`);
		expect(e.text).toContain(`Unsubscribe from your digest email: ${absoluteUrl('/unsubscribe/abc')}`);
		expect(e.text).toContain('Hello <Jo> & friends');
		expect(e.text).not.toMatch(/<(p|a|ul|li|h[1-6]|div|table)[\s>]/i);
	});

	it('measures size in bytes', () => {
		expect(emailBytes({ html: 'é', text: 'a' })).toBe(3);
	});
});

describe('absoluteUrl', () => {
	const viaUrl = (path: string) => new URL(path, config().origin + '/').toString();

	it('is what URL makes of a path on the site, for plain paths and every tricky one', () => {
		const origin = new URL(config().origin).origin;
		const paths = [
			'/',
			'/threads/12',
			'/threads?view=following',
			'/succession/4/items/a%20b',
			'/unsubscribe/NDI6ZGlnZXN0.abc-_DEF/one-click',
			'/threads/12#post-3',
			'/a b',
			'/a/./b',
			'/a/../b',
			'/a/%2e%2E/b',
			'/.hidden',
			'/a/.',
			"/q?x='y'",
			'/q?x=<y>',
			'/caf\u00e9',
			'/a\\b',
			'//evil.example/x',
			'/a`b{c}',
			'/a^b|c',
			'threads/1',
			'?x=1',
			'#top',
			'',
			'https://elsewhere.example/x',
			`${origin}/unsubscribe/abc/one-click`,
			`${origin}/a/../b`,
			`${origin}//x`,
			`${origin.toUpperCase()}/x`,
			'mailto:someone@example.org'
		];
		for (const p of paths) expect(absoluteUrl(p), p).toBe(viaUrl(p));
	});
});
