/** Reads a header from a raw message exactly as sent (mailparser folds List-* headers into one object). */
export function rawHeader(raw: string, name: string): string | undefined {
	const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
	const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
	return line?.slice(name.length + 1).trim();
}
