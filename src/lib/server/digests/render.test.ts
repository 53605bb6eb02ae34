import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../markdown';
import { htmlToText, regionalEmail } from './render';

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
