import { describe, expect, it } from 'vitest';
import { contentDisposition, safeName } from './names';

describe('safeName', () => {
	it('keeps only the last part of a path', () => {
		expect(safeName('../../etc/passwd')).toBe('passwd');
		expect(safeName('C:\\Users\\cllr\\Strategy.pdf')).toBe('Strategy.pdf');
	});
	it('removes right-to-left overrides and control characters', () => {
		expect(safeName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
		expect(safeName('a\u0000b\u0007c\r\n.pdf')).toBe('abc.pdf');
		expect(safeName('\u2066report\u2069.pdf')).toBe('report.pdf');
	});
	it('cuts 300 characters to 120, keeping the extension', () => {
		const name = safeName('x'.repeat(300) + '.pdf');
		expect(name.length).toBe(120);
		expect(name.endsWith('.pdf')).toBe(true);
	});
	it('gives a name to one made only of dots or nothing', () => {
		expect(safeName('...')).toBe('document');
		expect(safeName('..', 'pdf')).toBe('document.pdf');
		expect(safeName('', 'docx')).toBe('document.docx');
		expect(safeName('.pdf')).toBe('pdf');
	});
	it('drops quotes and characters Windows refuses', () => {
		expect(safeName('a"b<c>d|e?.pdf')).toBe('abcde.pdf');
	});
});

describe('contentDisposition', () => {
	it('plain names are quoted once', () => {
		expect(contentDisposition('Strategy 2026.pdf')).toBe('attachment; filename="Strategy 2026.pdf"');
	});
	it('other names get an ASCII fallback and an RFC 5987 filename*', () => {
		const v = contentDisposition('Stratégie – 2026.pdf', 'inline');
		expect(v).toBe(`inline; filename="Strategie  2026.pdf"; filename*=UTF-8''Strat%C3%A9gie%20%E2%80%93%202026.pdf`);
	});
	it('never lets a name break out of the header', () => {
		const v = contentDisposition('a";\r\nSet-Cookie: x=1.pdf');
		expect(v).not.toMatch(/[\r\n]/);
		expect(v.match(/"/g)?.length).toBe(2);
	});
});
