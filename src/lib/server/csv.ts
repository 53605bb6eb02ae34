/**
 * CSV exports (RFC 4180) that open cleanly in Excel and can't smuggle in formulas.
 */
import { stringify } from 'csv-stringify/sync';

/** A cell: text, a number, or empty (null / undefined). */
export type CsvCell = string | number | null | undefined;

/**
 * A CSV document: a UTF-8 byte-order mark (so Excel reads "é" and "’" correctly), the header
 * row, then the rows; CRLF line endings; fields containing commas, quotes or line breaks are
 * quoted with quotes doubled. Spreadsheet injection is neutralised: a text cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) gets a leading
 * `'`, so it shows as text rather than running as a formula. Number cells are left alone, so
 * -5 stays a number. null and undefined become empty cells.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
	return stringify([header, ...rows], {
		bom: true,
		record_delimiter: 'windows',
		escape_formulas: true,
		// Quote a lone \n or \r too; by default only the CRLF record delimiter itself is quoted.
		quote_record_delimiter: true,
		eof: true
	});
}
