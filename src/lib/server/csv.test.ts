import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsv } from './csv';

const BOM = '\uFEFF';

/** Drop the BOM and split into physical lines (the last CRLF ends the file). */
const body = (csv: string) => csv.slice(BOM.length);

describe('toCsv', () => {
	it('starts with a UTF-8 byte-order mark', () => {
		const csv = toCsv(['Name'], [['Alex']]);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.indexOf(BOM, 1)).toBe(-1);
		const bytes = new TextEncoder().encode(csv);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('writes the header then each row, every line ending CRLF', () => {
		const csv = toCsv(['Name', 'Council'], [
			['Alex Smith', 'Kent'],
			['Sam Jones', 'Leeds']
		]);
		expect(body(csv)).toBe('Name,Council\r\nAlex Smith,Kent\r\nSam Jones,Leeds\r\n');
	});

	it('writes just the header when there are no rows', () => {
		expect(body(toCsv(['Name', 'Council'], []))).toBe('Name,Council\r\n');
	});

	it('quotes fields containing commas', () => {
		expect(body(toCsv(['A'], [['Room 1, Town Hall']]))).toBe('A\r\n"Room 1, Town Hall"\r\n');
	});

	it('quotes fields containing quotes and doubles the quotes', () => {
		expect(body(toCsv(['A'], [['The "Staying Close" pilot']]))).toBe(
			'A\r\n"The ""Staying Close"" pilot"\r\n'
		);
	});

	it('quotes fields containing line breaks and keeps them', () => {
		expect(body(toCsv(['A'], [['Line one\nLine two']]))).toBe('A\r\n"Line one\nLine two"\r\n');
		expect(body(toCsv(['A'], [['Line one\r\nLine two']]))).toBe('A\r\n"Line one\r\nLine two"\r\n');
	});

	it('leaves plain fields unquoted', () => {
		expect(body(toCsv(['A', 'B'], [['plain text', "Children's services"]]))).toBe(
			"A,B\r\nplain text,Children's services\r\n"
		);
	});

	it('keeps unicode as written', () => {
		const csv = toCsv(['Name', 'Note'], [['Zoë Brontë', 'Lead Member’s report – café']]);
		expect(body(csv)).toBe('Name,Note\r\nZoë Brontë,Lead Member’s report – café\r\n');
	});

	it('writes numbers as numbers, negative ones included', () => {
		expect(body(toCsv(['A', 'B', 'C', 'D'], [[42, -5, 0, -0.25]]))).toBe('A,B,C,D\r\n42,-5,0,-0.25\r\n');
	});

	it('writes null and undefined as empty cells', () => {
		expect(body(toCsv(['A', 'B', 'C', 'D'], [[null, 'x', undefined, '']]))).toBe('A,B,C,D\r\n,x,,\r\n');
	});

	describe('spreadsheet injection', () => {
		it.each([
			['=SUM(A1:A9)', "'=SUM(A1:A9)"],
			['+44 20 7946 0000', "'+44 20 7946 0000"],
			['-5', "'-5"],
			['-2+3+cmd|" /C calc"!A0', `"'-2+3+cmd|"" /C calc""!A0"`],
			['@SUM(1,1)', `"'@SUM(1,1)"`],
			['\t=1+1', "'\t=1+1"],
			['\r=1+1', `"'\r=1+1"`],
			['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`]
		])('neutralises %j', (input, expected) => {
			expect(body(toCsv(['A'], [[input]]))).toBe(`A\r\n${expected}\r\n`);
		});

		it('also neutralises header cells', () => {
			expect(body(toCsv(['=cmd'], []))).toBe("'=cmd\r\n");
		});

		it('leaves a formula character that is not first alone', () => {
			expect(body(toCsv(['A'], [['a=b', 'x-y', 'me@example.com']]))).toBe(
				'A\r\na=b,x-y,me@example.com\r\n'
			);
		});

		it('does not prefix negative numbers', () => {
			expect(body(toCsv(['A'], [[-12]]))).toBe('A\r\n-12\r\n');
		});
	});

	it('round-trips through csv-parse', () => {
		const header = ['Name', 'Council', 'Notes', 'Count', 'Score'];
		const rows = [
			['Zoë Brontë', 'Kent, County', 'Said "yes"\nthen left', 3, -1.5],
			['Sam O’Neill', 'Leeds; City', '', 0, null],
			['Priya', 'Hull', 'Multi\r\nline', 12345, undefined]
		];
		const parsed: string[][] = parse(toCsv(header, rows), { bom: true, record_delimiter: '\r\n' });
		const asText = (cell: string | number | null | undefined) => (cell == null ? '' : String(cell));
		expect(parsed).toEqual([header, ...rows.map((row) => row.map(asText))]);
	});

	it('round-trips injected cells as their neutralised text', () => {
		const parsed: string[][] = parse(toCsv(['A'], [['=1+1'], ['@x'], [-3]]), { bom: true });
		expect(parsed).toEqual([['A'], ["'=1+1"], ["'@x"], ['-3']]);
	});
});
