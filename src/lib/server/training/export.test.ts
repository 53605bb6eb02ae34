import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_HEADER, csvFilename, entriesCsv, type CsvEntry } from './export';

const entry = (over: Partial<CsvEntry> = {}): CsvEntry => ({
	startDate: '2026-10-14',
	endDate: '2026-10-14',
	title: 'Network meeting',
	provider: 'North West network',
	kind: 'regional-network',
	topics: ['send', 'inspection'],
	minutes: 150,
	reflection: '',
	link: '',
	...over
});

function rows(csv: string): string[][] {
	return parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
}

describe('training log CSV', () => {
	it('starts with a BOM, uses CRLF and writes the header, words and numbers', () => {
		const csv = entriesCsv([entry()]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.split('\r\n')[0]).toBe('\uFEFF' + CSV_HEADER.join(','));
		expect(csv.endsWith('\r\n')).toBe(true);
		const [header, row] = rows(csv);
		expect(header).toEqual(CSV_HEADER);
		expect(row).toEqual(['2026-10-14', '2026-10-14', 'Network meeting', 'North West network', 'Regional Lead Member network meeting', 'SEND; The inspection framework for children’s services', '2.5', '', '']);
	});

	it('quotes commas, quotes and line breaks so they survive a round trip', () => {
		const tricky = 'Visit, with "Ofsted"\nthen a debrief\r\nand notes';
		const [, row] = rows(entriesCsv([entry({ title: 'A, B', reflection: tricky, provider: 'The "best" provider' })]));
		expect(row[2]).toBe('A, B');
		expect(row[3]).toBe('The "best" provider');
		expect(row[7]).toBe(tricky);
		const raw = entriesCsv([entry({ title: 'A, B', provider: 'say "hi"' })]);
		expect(raw).toContain('"A, B"');
		expect(raw).toContain('"say ""hi"""');
	});

	it('neutralises cells that a spreadsheet would run as formulas', () => {
		const payloads = ['=HYPERLINK("http://evil.example","x")', '+SUM(A1:A2)', '-2+3', '@cmd', '\t=1+1', '\r=1+1'];
		const csv = entriesCsv(payloads.map((p) => entry({ title: p, reflection: p })));
		const data = rows(csv).slice(1);
		for (const [i, p] of payloads.entries()) {
			expect(data[i][2]).toBe(`'${p}`);
			expect(data[i][7]).toBe(`'${p}`);
		}
		// Hours are numbers, never prefixed.
		expect(data.every((r) => /^\d+(\.\d+)?$/.test(r[6]))).toBe(true);
	});

	it('writes UTF-8 text as it is', () => {
		const [, row] = rows(entriesCsv([entry({ title: 'Café – children’s home visit' })]));
		expect(row[2]).toBe('Café – children’s home visit');
	});

	it('names the file by date', () => {
		expect(csvFilename('2026-11-23')).toBe('training-log-2026-11-23.csv');
	});
});
