/**
 * Trimming a reply to what the member wrote (issue 14): the quoted original, the signature, the
 * council's disclaimer and the "Sent from my iPhone" lines go; the words stay.
 *
 * email-reply-parser does the core (quote headers in many languages, "-- " signatures, "Sent
 * from …"). Measured on our corpus (inbound/corpus/, see trim.test.ts) it alone misses
 * Outlook's "From: … Sent: …" block when it is not preceded by a separator, "On … wrote:"
 * lines that Gmail and Apple Mail wrap over two lines, bottom-posted and interleaved replies,
 * the "CAUTION: external email" banners and the disclaimers councils append, and
 * sign-offs followed by a job title and phone number. So we cut those first (`preTrim`) and
 * after (`postTrim`), and keep the library for the rest.
 */
import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

/** Quote headers that start the quoted original in a top-posted reply. */
const SEPARATOR = /^\s*(?:-{2,}\s*(?:original message|forwarded message|message d'origine|ursprüngliche nachricht)\s*-{2,}|_{10,}|-{10,}|begin forwarded message:?)\s*$/i;
const FROM_LINE = /^\s*\*?(?:from|de|von|van|da)\s*:\*?\s*\S/i;
const SENT_LINE = /^\s*\*?(?:sent|date|envoyé|gesendet|datum|verzonden)\s*:\*?\s*\S/i;
const ON_WROTE = /^\s*(?:on|le|am|el|il|op)\s.{4,250}?(?:wrote|writes|a écrit|schrieb|escribió|ha scritto|schreef)\s*:?\s*$/i;
const ON_START = /^\s*on\s.{4,200}$/i;
const WROTE_END = /(?:wrote|writes)\s*:\s*$/i;

/** Banners that mail gateways put at the top of mail from outside the council. */
const BANNER = /^\s*\[?(?:caution|warning|external(?: email| sender)?|notice)\]?\s*[:!-]?\s*.{0,300}(?:outside|external|originated|do not click|unknown sender)/i;

/** Where a council's disclaimer or privacy notice begins. */
const DISCLAIMER =
	/^\s*(?:this\s+(?:e-?mail|message|communication)(?:\s+and\s+any\s+(?:files|attachments?)(?:\s+transmitted\s+with\s+it)?)?(?:\s*\([^)]*\))?\s+(?:is|are|may\s+be|contains?|and\s+any)\b|confidentiality\s+(?:notice|statement|warning)|disclaimer\s*:?|important\s*[:-]\s*this\s+e-?mail|the\s+information\s+(?:contained\s+)?in\s+this\s+(?:e-?mail|message)|any\s+views\s+or\s+opinions|if\s+you\s+(?:are\s+not|have\s+received\s+this)\b.{0,40}(?:intended|in\s+error)|please\s+consider\s+the\s+environment|privacy\s+notice\s*:?|how\s+we\s+use\s+your\s+(?:personal\s+)?(?:data|information)|this\s+e-?mail\s+has\s+been\s+scanned|\*{5,}\s*$|={5,}\s*$)/i;

/** Lines a phone or mail app adds. */
const SENT_FROM = /^\s*(?:sent\s+(?:from|via|with)\s+.{1,60}|get\s+outlook\s+for\s+\S+.*|sent\s+from\s+outlook.*|download\s+outlook\s+for\s+.*|sent\s+from\s+my\s+.{1,40})\s*$/i;

/** A sign-off line. */
const VALEDICTION =
	/^\s*(?:(?:kind|kindest|best|warm|warmest|many)\s+(?:regards|wishes|thanks)|regards|best|all\s+the\s+best|thanks(?:\s+(?:again|so\s+much))?|thank\s+you|many\s+thanks|cheers|yours\s+(?:sincerely|faithfully|ever)|with\s+(?:best\s+)?(?:thanks|wishes|regards)|speak\s+soon|take\s+care)\s*[,.!]?\s*$/i;

const lines = (s: string) => s.split('\n');

function normalise(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[\u00a0\u2007\u202f]/g, ' ')
		.replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
		.split('\n')
		.map((l) => l.replace(/[ \t]+$/, ''))
		.join('\n');
}

/** Index of the line where the quoted original starts (top-posting), or -1. */
export function quoteStart(ls: string[]): number {
	for (let i = 0; i < ls.length; i++) {
		const l = ls[i];
		if (SEPARATOR.test(l)) return i;
		if (ON_WROTE.test(l)) return i;
		if (ON_START.test(l) && !WROTE_END.test(l)) {
			// "On Mon, 2 Nov 2026 at 09:14, Lead Member Network <reply+…@…>\nwrote:" — wrapped.
			const joined = [l, ls[i + 1] ?? '', ls[i + 2] ?? ''];
			if (WROTE_END.test(joined[1]) || (joined[1].trim() !== '' && WROTE_END.test(joined[2]))) return i;
		}
		if (FROM_LINE.test(l)) {
			for (let j = i + 1; j <= i + 6 && j < ls.length; j++) if (SENT_LINE.test(ls[j])) return i;
		}
	}
	return -1;
}

const isQuoted = (l: string) => /^\s*>/.test(l);
const blank = (l: string) => l.trim() === '';

/**
 * Cuts the quoted original. Top-posting: everything from the first quote header. Bottom-posting
 * and interleaving (the header, then quoted lines, with the reply below or between): the header
 * and the quoted lines go, the rest stays.
 */
export function preTrim(text: string): string {
	let ls = lines(normalise(text));
	// Gateway banners at the top ("CAUTION: This email originated from outside …").
	while (ls.length && blank(ls[0])) ls.shift();
	if (ls.length && BANNER.test(ls[0])) {
		let end = 0;
		while (end < ls.length && !blank(ls[end])) end++;
		ls = ls.slice(end);
	}
	const q = quoteStart(ls);
	const before = q < 0 ? ls : ls.slice(0, q);
	const hasOwnText = before.some((l) => !blank(l) && !isQuoted(l));
	if (q >= 0 && hasOwnText && !ls.slice(q).some((l, i) => i > 0 && !blank(l) && !isQuoted(l) && !isHeaderish(l) && followsQuote(ls, q + i))) {
		return before.join('\n');
	}
	if (q >= 0 && hasOwnText) {
		// Own text above the header and more below the quote: an interleaved reply.
		return dropQuotes(ls).join('\n');
	}
	return dropQuotes(ls).join('\n');
}

/** Whether line i comes right after a quoted block (so it is an interleaved answer, not part of an Outlook quote). */
function followsQuote(ls: string[], i: number): boolean {
	for (let j = i - 1; j >= 0; j--) {
		if (blank(ls[j])) continue;
		return isQuoted(ls[j]);
	}
	return false;
}

function isHeaderish(l: string): boolean {
	return ON_WROTE.test(l) || WROTE_END.test(l) || FROM_LINE.test(l) || SENT_LINE.test(l) || SEPARATOR.test(l);
}

/** Drops quoted lines and the "On … wrote:" lines that introduce them. */
function dropQuotes(ls: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < ls.length; i++) {
		const l = ls[i];
		if (isQuoted(l)) continue;
		const nextNonBlank = ls.slice(i + 1).find((x) => !blank(x));
		if ((ON_WROTE.test(l) || WROTE_END.test(l) || (ON_START.test(l) && nextNonBlank != null && WROTE_END.test(nextNonBlank))) && (nextNonBlank == null || isQuoted(nextNonBlank) || WROTE_END.test(nextNonBlank))) continue;
		out.push(l);
	}
	return out;
}

/** Cuts disclaimers, app lines and a trailing signature block after the library has run. */
export function postTrim(text: string): string {
	let ls = lines(text);
	// A disclaimer: from its first line to the end (only below some text of the member's own).
	const d = ls.findIndex((l, i) => i > 0 && DISCLAIMER.test(l) && ls.slice(0, i).some((x) => !blank(x)));
	if (d > 0) ls = ls.slice(0, d);
	// "Sent from my iPhone" and friends, anywhere in the last lines.
	const s = ls.findIndex((l, i) => i > 0 && SENT_FROM.test(l) && ls.length - i <= 12);
	if (s > 0) ls = ls.slice(0, s);
	while (ls.length && blank(ls[ls.length - 1])) ls.pop();
	// A sign-off with at most eight short lines under it (name, role, council, phone).
	for (let i = ls.length - 1; i >= Math.max(1, ls.length - 10); i--) {
		if (VALEDICTION.test(ls[i])) {
			const tail = ls.slice(i + 1);
			const own = ls.slice(0, i).some((x) => !blank(x));
			if (own && tail.length <= 8 && tail.every((x) => x.length <= 80)) ls = ls.slice(0, i);
			break;
		}
	}
	return ls.join('\n');
}

/** The member's own words in a reply: quotes, signatures and disclaimers removed. */
export function trimReply(text: string): string {
	const pre = preTrim(text);
	let visible: string;
	try {
		visible = parser.parseReply(pre);
	} catch {
		visible = pre;
	}
	return postTrim(visible)
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** email-reply-parser alone (for measuring it against the corpus). */
export function libraryOnly(text: string): string {
	try {
		return parser.parseReply(text.replace(/\r\n?/g, '\n')).trim();
	} catch {
		return text.trim();
	}
}
