import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../markdown';
import { htmlToText, personalEmail, regionalEmail } from './render';

describe('plain text of a digest', () => {
	it('writes every bullet of a list the same way, the second as the first', () => {
		expect(htmlToText(renderMarkdown('What we agreed:\n\n- One\n- Two\n- Three'))).toBe('What we agreed:\n\n* One\n* Two\n* Three');
	});

	it('has no stray space before a bullet of a regional digest’s introduction or section', () => {
		const introHtml = renderMarkdown('This term:\n\n- Ofsted framework changes\n- Corporate parenting week');
		const bodyHtml = renderMarkdown('- Respite beds\n- Foster carer pay');
		const email = regionalEmail(
			{
				id: 1,
				title: 'Autumn update',
				regionName: 'North West',
				introHtml,
				introText: htmlToText(introHtml),
				sections: [{ key: 'news', title: 'News', kept: true, source: 'custom', items: [], bodyHtml, bodyText: htmlToText(bodyHtml) }]
			} as Parameters<typeof regionalEmail>[0],
			{ id: 1 }
		);
		expect(email.text).toContain('* Ofsted framework changes\n* Corporate parenting week');
		expect(email.text).toContain('* Respite beds\n* Foster carer pay');
		expect(email.text).not.toMatch(/^ +\* /m);
	});
});

describe('a digest shown as a preview', () => {
	const body = { id: 7, title: 'Autumn update', regionName: 'North West', introHtml: '<p>Hello</p>', introText: 'Hello', sections: [] } as Parameters<typeof regionalEmail>[0];

	it('has an unsubscribe link that unsubscribes no one; the email sent has the member’s own', () => {
		const preview = regionalEmail(body, { id: 42 }, { preview: true });
		expect(preview.html).toMatch(/href="[^"]*\/unsubscribe\/preview"/);
		expect(preview.text).toMatch(/Unsubscribe from regional digests: \S*\/unsubscribe\/preview$/m);
		const sent = regionalEmail(body, { id: 42 });
		expect(sent.text).not.toContain('/unsubscribe/preview');
		expect(sent.text).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/m);
	});

	it('does the same for a member’s personal digest', () => {
		const sections = [{ area: 'discussions', title: 'Discussions', groups: [{ title: 'Replies', items: [{ text: 'A thread', href: '/threads/1' }] }] }] as Parameters<typeof personalEmail>[2];
		const preview = personalEmail({ id: 42, name: 'Aisha Patel' }, 'weekly', sections, Date.now(), undefined, { preview: true });
		expect(preview.text).toMatch(/Unsubscribe from your digest email: \S*\/unsubscribe\/preview$/m);
		expect(personalEmail({ id: 42, name: 'Aisha Patel' }, 'weekly', sections, Date.now()).text).not.toContain('/unsubscribe/preview');
	});
});
