/**
 * The child-identification check for posts: a pure function of the text (no database, no
 * request), so the web forms and posts arriving by email run the same rules.
 *
 * It looks, sentence by sentence, for the shapes that identify a child:
 * - a person's name next to an age, a named school, a date of birth, a placement or care
 *   detail, or a street;
 * - an initial with an age ("J, 12", "K (aged 9)");
 * - a date of birth on its own ("born 3 March 2012");
 * - an age next to a named school ("a 14-year-old at St Mary's Primary").
 *
 * Names come from `compromise` (people it recognises, less adults with a title such as
 * "Councillor Brown") and from "called …"/"named …"; the other shapes are our own patterns.
 * The check warns; it never blocks: the author changes the words or confirms that no child
 * can be identified (and the post is then flagged to the moderators).
 */
import nlp from 'compromise';

export type ChildSafetyWarning = {
	/** The words that triggered the warning, as written. */
	words: string[];
	/** Why, in plain English: "A name next to an age and a school". */
	reason: string;
};

export type ChildSafetyResult = { warnings: ChildSafetyWarning[] };

type Kind = 'name' | 'age' | 'school' | 'dob' | 'care' | 'street' | 'initialAge';
type Signal = { kind: Kind; start: number; end: number; text: string };

/** Ages that may be a child's or a young care leaver's (up to 25). */
const CHILD_AGE_MAX = 25;

/** Words after a number that make it a quantity, not an age. */
const UNIT = /^\s*(?:%|(?:per\s?cent|members?|people|children|young|pupils|councils?|authorities|days?|weeks?|months?|hours?|minutes?|mins?|pm|am|miles?|km|places?|beds?|homes?|schools?|families|cases|times|percent|new|more|of|to)\b)/i;

/** Titles that mark an adult (officers, councillors, officials). */
const ADULT_TITLE = /^(?:councillor|cllr|mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|baroness|baron|minister|professor|prof|judge|justice|inspector|the\s+rt|rt|hon|mp|mayor|bishop|reverend|rev)\.?\s/i;

const NUM = '(\\d{1,2})';
const AGE_PATTERNS: RegExp[] = [
	new RegExp(`\\b(?:aged|age)\\s*:?\\s*${NUM}\\b`, 'gi'),
	new RegExp(`\\b${NUM}[\\s-]*(?:year|yr)s?[\\s-]*old\\b`, 'gi'),
	new RegExp(`\\b${NUM}\\s*(?:yo|y\\.o\\.|yrs)\\b`, 'gi'),
	/\b(?:year|yr)\s+(?:[1-9]|1[0-3])\b/gi,
	/\b(?:in|at)\s+reception\b/gi
];

/** A number right after a name: "Tyler, 10," "Tyler (10)", "Tyler is 10", "Tyler who is 10". */
const AGE_AFTER_NAME = /^(?:\s*,\s*|\s*\(\s*|\s+(?:who\s+)?(?:is|was|turned|turns)\s+(?:now\s+)?)(\d{1,2})(?!\d)/i;

const SCHOOL_WORD = '(?:Primary|Junior|Juniors|Infant|Infants|Nursery|Academy|School|College|High|Grammar|Secondary|Sixth Form|PRU|Pupil Referral Unit)';
const SCHOOL = new RegExp(
	`\\b(?:St\\.?\\s+|Saint\\s+)?(?:[A-Z][\\w'’.-]*\\s+){1,4}${SCHOOL_WORD}(?:\\s+(?:School|Academy|College))?\\b`,
	'g'
);
/** Names of things that end like a school but are not one a child attends. */
const NOT_A_SCHOOL = /\b(?:virtual\s+school|leadership\s+academy|academy\s+trust|the\s+school|this\s+school|our\s+school|their\s+school|social\s+work\s+academy|(?:LGA|Local Government|Children’s|Children's|Practice)\s+Academy|High\s+Court|High\s+Street|Royal\s+College|College\s+of\s+Policing|Further\s+Education\s+College)\b/i;

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DATE = `(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|${MONTH}\\s+\\d{4}|(?:19|20)\\d{2})`;
const DOB_PATTERNS: RegExp[] = [
	new RegExp(`\\bborn\\s+(?:on\\s+|in\\s+)?${DATE}`, 'gi'),
	new RegExp(`\\b(?:date\\s+of\\s+birth|d\\.?o\\.?b\\.?)\\s*(?:is|:|-|–)?\\s*${DATE}`, 'gi'),
	/\b(?:date\s+of\s+birth|d\.o\.b\.?|DOB)\b/g
];

const CARE_PATTERNS: RegExp[] = [
	/\b(?:was|is|been|being|were|got|be)\s+(?:recently\s+|then\s+|now\s+)?(?:placed|moved\s+to\s+(?:a|another|new)\s+\w+|fostered|adopted|excluded|accommodated|taken\s+into\s+care|remanded|reported\s+missing)\b/gi,
	/\bplaced\s+(?:out\s+of\s+(?:county|area|borough)|with\s+(?:foster|kinship|family|her|his|their|a|an|grand\w+)|in\s+(?:a|an|foster|residential|secure))\b/gi,
	/\b(?:lives?|living|stays?|staying|lived)\s+(?:with|in|at)\s+(?:(?:his|her|their|a|an|the)\s+)?(?:foster|kinship|residential|children['’]s\s+home|care\s+home|secure|supported\s+(?:lodgings|accommodation)|grandparents?|aunt|uncle|semi-independent)\b/gi,
	/\b(?:his|her|their)\s+(?:foster\s+(?:carers?|family|placement|home|mum|dad|mother|father)|placement|social\s+worker|care\s+plan|care\s+order|birth\s+(?:mum|dad|mother|father|family)|personal\s+adviser|IRO|EHCP|pathway\s+plan)\b/gi,
	/\b(?:on|under)\s+(?:a|an|an\s+interim)\s+(?:full\s+)?(?:care|supervision|placement|special\s+guardianship)\s+order\b/gi,
	/\b(?:section|s\.?)\s?20\b/gi,
	/\bon\s+a\s+child\s+protection\s+plan\b/gi,
	/\b(?:in|into)\s+(?:foster\s+care|residential\s+care|a\s+secure\s+(?:unit|children['’]s\s+home)|a\s+children['’]s\s+home|kinship\s+care)\b/gi,
	/\b(?:is|was|became)\s+(?:a\s+)?(?:looked[\s-]after|in\s+care|a\s+care\s+leaver|an\s+unaccompanied)\b/gi,
	/\bmissing\s+from\s+(?:home|care|(?:his|her|their)\s+placement)\b/gi
];

const STREET_WORD = '(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Terrace|Gardens|Grove|Place|Court|Row|Walk|Rise|Square|Mews|Parade|Estate)';
const STREET_PATTERNS: RegExp[] = [
	new RegExp(`\\b\\d{1,4}[a-z]?,?\\s+(?:[A-Z][\\w'’-]*\\s+){1,3}${STREET_WORD}\\b\\.?`, 'g'),
	new RegExp(`\\b(?:on|in|off|from|at|near)\\s+((?:[A-Z][\\w'’-]*\\s+){1,3}${STREET_WORD})\\b`, 'g')
];
const NOT_A_STREET = /^(?:High|Main|Church|Station|Market|Downing|Fleet|Wall|Harley|Whitehall)\s+(?:Street|St|Road)$|^Smith\s+Square$|^Marsham\s+Street$/;

/** An initial (J, J., J.S., JS) followed by an age: "J, 12", "J (12)", "K aged 9", "Child A (aged 9)". */
const INITIAL_AGE = /(?<![\w'’@])((?:[A-Z]\.\s?){1,2}|[A-Z]{1,2}(?![\w'’]))(?:\s*,\s*|\s*\(\s*|\s+(?=aged?\b|is\b|was\b))(?:(?:is|was)\s+)?(?:aged?\s*:?\s*)?(\d{1,2})(?!\d)/g;
/** Capitals that are words, not initials. */
const NOT_INITIAL = new Set(['I', 'OK', 'UK', 'US', 'EU', 'MP', 'HM', 'NE', 'NW', 'SE', 'SW', 'AM', 'PM', 'GP', 'TV', 'IT', 'HR', 'PE', 'RE', 'DT', 'SEN', 'FE', 'HE', 'NO']);

/** Nouns compromise sometimes takes for people, and words that are never a child's name here. */
const NOT_A_NAME = /^(?:foster|carers?|social|workers?|children|child|parents?|members?|lead|member|ofsted|chair|director|dcs|mum|dad|mother|father|grand\w*|the|our|their|his|her)\b/i;

const SENTENCE = /(?:[^.!?\n]|[.!?](?!\s|$))+(?:[.!?]+(?=\s|$)|\n|$)/g;

/** A capitalised word that, by what follows, is someone's name: "Ruby is in Year 9", "Leo attends …". */
const NAME_BY_CONTEXT = /(?<![\w'’@])([A-Z][a-z'’-]{1,20}(?:\s+[A-Z][a-z'’-]{1,20})?)\s+(?=(?:is|was|has\s+been)\s+(?:now\s+)?(?:in\s+[Yy]ear\s+\d|aged?\s+\d|\d{1,2}\b)|(?:attends|goes\s+to|lives\s+(?:with|in|at|on)|was\s+(?:placed|moved|fostered|adopted|excluded)))/g;
/** Capitalised words that begin sentences but are no one's name. */
const NOT_NAME_WORDS = new Set(
	'he she they it this that these those our we i the a an each every one who which someone everyone nobody everybody anyone another child boy girl baby sibling brother sister mum dad mother father young person pupil student teenager nobody none she’s what where when why how there here each either neither also then now today yesterday'.split(' ')
);

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (m[0].length === 0) {
			re.lastIndex++;
			continue;
		}
		yield m;
	}
}

function ageOk(n: string): boolean {
	const v = Number(n);
	return v >= 0 && v <= CHILD_AGE_MAX;
}

/** Splits into sentences, keeping offsets; "St. Mary's" and "Mr. Jones" do not end a sentence. */
function sentences(text: string): { start: number; text: string }[] {
	const out: { start: number; text: string }[] = [];
	let pending: { start: number; text: string } | null = null;
	for (const m of matches(SENTENCE, text)) {
		const piece = { start: m.index, text: m[0] };
		if (pending) {
			pending = { start: pending.start, text: text.slice(pending.start, piece.start + piece.text.length) };
		} else pending = piece;
		if (/\b(?:St|Mr|Mrs|Ms|Dr|Cllr|Prof|Rev|No|[A-Z])\.$/.test(pending.text.trimEnd()) && !/\n$/.test(pending.text)) continue;
		out.push(pending);
		pending = null;
	}
	if (pending) out.push(pending);
	return out;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
	return a.start < b.end && b.start < a.end;
}

/** The people compromise finds in a sentence, less adults with a title and words that are not names. */
function names(sentence: string, schools: Signal[], streets: Signal[]): Signal[] {
	const out: Signal[] = [];
	const doc = nlp(sentence);
	const people = doc.people().json({ offset: true }) as { text: string; offset: { start: number; length: number } }[];
	for (const p of people) {
		let text = p.text.replace(/[\s,;:.!?()"“”]+$/, '').replace(/^[\s("“]+/, '');
		text = text.replace(/['’]s$/, '');
		const start = sentence.indexOf(text, p.offset.start);
		if (start < 0 || !text) continue;
		const s: Signal = { kind: 'name', start, end: start + text.length, text };
		if (!/^[A-Z]/.test(text) || NOT_A_NAME.test(text)) continue;
		if (ADULT_TITLE.test(`${text} `) || ADULT_TITLE.test(sentence.slice(Math.max(0, start - 16), start).replace(/^.*?\b(?=\w+\.?\s*$)/, ''))) continue;
		if (/(?:St\.?|Saint)\s+$/.test(sentence.slice(Math.max(0, start - 7), start))) continue;
		if (/^@/.test(sentence.slice(Math.max(0, start - 1), start + 1))) continue;
		if (schools.some((x) => overlaps(x, s)) || streets.some((x) => overlaps(x, s))) continue;
		out.push(s);
	}
	for (const m of matches(NAME_BY_CONTEXT, sentence)) {
		const words = m[1].split(/\s+/);
		if (words.some((w) => NOT_NAME_WORDS.has(w.toLowerCase()))) continue;
		const s: Signal = { kind: 'name', start: m.index, end: m.index + m[1].length, text: m[1] };
		if (ADULT_TITLE.test(sentence.slice(Math.max(0, m.index - 16), m.index).replace(/^.*?\b(?=\w+\.?\s*$)/, ''))) continue;
		if (schools.some((x) => overlaps(x, s)) || streets.some((x) => overlaps(x, s))) continue;
		if (!out.some((x) => overlaps(x, s))) out.push(s);
	}
	for (const m of matches(/\b(?:called|named|known\s+as)\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)/g, sentence)) {
		const start = m.index + m[0].length - m[1].length;
		const s: Signal = { kind: 'name', start, end: start + m[1].length, text: m[1] };
		if (!out.some((x) => overlaps(x, s))) out.push(s);
	}
	return out;
}

function collect(sentence: string): Signal[] {
	const signals: Signal[] = [];
	const add = (kind: Kind, start: number, text: string) => signals.push({ kind, start, end: start + text.length, text });

	const schools: Signal[] = [];
	for (const m of matches(SCHOOL, sentence)) {
		if (NOT_A_SCHOOL.test(m[0])) continue;
		// "Lancashire County Council's High Needs" etc. are not schools: require a name before the school word.
		schools.push({ kind: 'school', start: m.index, end: m.index + m[0].length, text: m[0] });
	}
	const streets: Signal[] = [];
	for (const re of STREET_PATTERNS) {
		for (const m of matches(re, sentence)) {
			const text = m[1] ?? m[0];
			const start = m.index + m[0].length - text.length;
			if (NOT_A_STREET.test(text.trim())) continue;
			if (/^\d/.test(m[0]) && !m[1] && /\b(?:St|Dr)$/.test(text) && !/\bSt$/.test(text)) continue;
			streets.push({ kind: 'street', start, end: start + text.replace(/\.$/, '').length, text: text.replace(/\.$/, '') });
		}
	}
	signals.push(...schools, ...streets);

	for (const re of AGE_PATTERNS) {
		for (const m of matches(re, sentence)) {
			if (m[1] !== undefined && !ageOk(m[1])) continue;
			add('age', m.index, m[0]);
		}
	}
	for (const re of DOB_PATTERNS) {
		for (const m of matches(re, sentence)) {
			const s = { start: m.index, end: m.index + m[0].length };
			if (signals.some((x) => x.kind === 'dob' && overlaps(x, s))) continue;
			add('dob', m.index, m[0]);
		}
	}
	for (const re of CARE_PATTERNS) for (const m of matches(re, sentence)) add('care', m.index, m[0]);
	for (const m of matches(INITIAL_AGE, sentence)) {
		const initial = m[1].trim();
		if (NOT_INITIAL.has(initial.replace(/\./g, '').replace(/\s/g, ''))) continue;
		if (!ageOk(m[2])) continue;
		const after = sentence.slice(m.index + m[0].length);
		if (UNIT.test(after)) continue;
		// "A 15-year-old" is an article; "Plan A, 14" is a label: an initial stands alone before a comma or bracket.
		const before = sentence.slice(Math.max(0, m.index - 12), m.index);
		if (/\b(?:Plan|Option|Section|Schedule|Part|Appendix|Annex|Table|Figure|Stage|Tier|Level|Grade|Band|Year|Key\s+Stage|Article|Category|Type|Class|Room|Block|Ward|Unit|Route)\s*$/i.test(before)) continue;
		add('initialAge', m.index, m[0]);
	}
	for (const n of names(sentence, schools, streets)) {
		signals.push(n);
		const after = sentence.slice(n.end);
		const m = AGE_AFTER_NAME.exec(after);
		if (m && ageOk(m[1]) && !UNIT.test(after.slice(m[0].length))) {
			const text = m[0].replace(/^[\s,(]+/, '');
			add('age', n.end + m[0].length - text.length, text);
		}
	}
	return signals;
}

const LABEL: Record<Exclude<Kind, 'name' | 'initialAge'>, string> = {
	age: 'an age',
	school: 'a school',
	dob: 'a date of birth',
	care: 'a placement or care detail',
	street: 'a street'
};

function list(parts: string[]): string {
	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function uniqueWords(signals: Signal[]): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const s of [...signals].sort((a, b) => a.start - b.start)) {
		const w = s.text.trim();
		if (!seen.has(w)) {
			seen.add(w);
			out.push(w);
		}
	}
	return out;
}

/** The rules, sentence by sentence: what warns and why. */
function judge(signals: Signal[]): ChildSafetyWarning[] {
	const of = (k: Kind) => signals.filter((s) => s.kind === k);
	const warnings: ChildSafetyWarning[] = [];
	const nameSignals = of('name');
	const details = (['age', 'school', 'dob', 'care', 'street'] as const).filter((k) => of(k).length > 0);
	if (nameSignals.length > 0 && details.length > 0) {
		const used = signals.filter((s) => s.kind === 'name' || (details as readonly Kind[]).includes(s.kind));
		warnings.push({ words: uniqueWords(used), reason: `A person’s name next to ${list(details.map((k) => LABEL[k]))}` });
		return warnings;
	}
	if (of('initialAge').length > 0) {
		const extra = (['school', 'care', 'street', 'dob'] as const).filter((k) => of(k).length > 0);
		warnings.push({
			words: uniqueWords(signals.filter((s) => s.kind === 'initialAge' || (extra as readonly Kind[]).includes(s.kind))),
			reason: extra.length ? `An initial with an age, next to ${list(extra.map((k) => LABEL[k]))}` : 'An initial with an age'
		});
		return warnings;
	}
	const dated = of('dob').filter((s) => /\d/.test(s.text));
	if (dated.length > 0) {
		warnings.push({ words: uniqueWords(dated), reason: 'A date of birth' });
		return warnings;
	}
	if (of('age').length > 0 && of('school').length > 0) {
		warnings.push({ words: uniqueWords([...of('age'), ...of('school')]), reason: 'An age next to a named school' });
		return warnings;
	}
	if (of('street').length > 0 && (of('age').length > 0 || of('care').length > 0)) {
		warnings.push({ words: uniqueWords([...of('street'), ...of('age'), ...of('care')]), reason: 'A street next to an age or a care detail' });
	}
	return warnings;
}

/** Text longer than this is checked in its first part only (posts are at most 50,000 characters). */
const CHECK_MAX = 60_000;

/**
 * Checks a post (title and body, as Markdown or plain text) for shapes that may identify a
 * child. Pure: the same text gives the same warnings. Empty when nothing was found.
 */
export function checkChildSafety(text: string): ChildSafetyResult {
	const plain = (text ?? '')
		.slice(0, CHECK_MAX)
		.replace(/```[\s\S]*?```/g, ' ')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`>#~|]+/g, ' ')
		.replace(/[ \t]+/g, ' ');
	const warnings: ChildSafetyWarning[] = [];
	const seen = new Set<string>();
	for (const s of sentences(plain)) {
		if (!/[A-Za-z]/.test(s.text)) continue;
		for (const w of judge(collect(s.text))) {
			const key = `${w.reason}|${w.words.join('|')}`;
			if (seen.has(key)) continue;
			seen.add(key);
			warnings.push(w);
		}
	}
	return { warnings };
}

/** All the words of several warnings, once each (for a short note to moderators). */
export function warnedWords(warnings: ChildSafetyWarning[]): string[] {
	return [...new Set(warnings.flatMap((w) => w.words))];
}
