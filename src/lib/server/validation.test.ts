import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from './forms';
import { LIMITS, email, isoDate, optionalText, text, topics } from './validation';

const form = (entries: [string, string][]) => {
	const d = new FormData();
	for (const [k, v] of entries) d.append(k, v);
	return d;
};

describe('field rules', () => {
	it('requires a text field, trimmed, and says what to enter', () => {
		const name = text('your full name');
		expect(name.safeParse('  Jane Smith ').data).toBe('Jane Smith');
		expect(name.safeParse('   ').error?.issues[0].message).toBe('Enter your full name');
		expect(name.safeParse(undefined).error?.issues[0].message).toBe('Enter your full name');
		expect(text('a title', { min: 5 }).safeParse('abc').error?.issues[0].message).toBe('Enter a title of at least 5 characters');
	});

	it('limits names to 200 characters and free text to 20,000', () => {
		expect(LIMITS).toMatchObject({ name: 200, text: 20_000 });
		expect(text('your full name').safeParse('x'.repeat(200)).success).toBe(true);
		expect(text('your full name').safeParse('x'.repeat(201)).error?.issues[0].message).toBe('Enter your full name of at most 200 characters');
		expect(optionalText('your bio').safeParse('x'.repeat(20_000)).success).toBe(true);
		expect(optionalText('your bio').safeParse('x'.repeat(20_001)).error?.issues[0].message).toBe('Enter your bio of at most 20,000 characters');
		expect(optionalText('your bio').safeParse(undefined).data).toBe('');
	});

	it('checks email addresses and lower-cases them', () => {
		expect(email.safeParse(' Jane.Smith@Council.GOV.uk ').data).toBe('jane.smith@council.gov.uk');
		expect(email.safeParse('').error?.issues[0].message).toBe('Enter an email address');
		expect(email.safeParse('jane at council').error?.issues[0].message).toMatch(/right format/);
		expect(email.safeParse(`${'a'.repeat(250)}@x.org`).error?.issues[0].message).toMatch(/at most 254/);
	});

	it('checks dates are real', () => {
		const d = isoDate('the date', { minYear: 1970, maxYear: 2100 });
		expect(d.safeParse('2026-02-28').data).toBe('2026-02-28');
		expect(d.safeParse('').data).toBeNull();
		expect(d.safeParse('2026-02-30').success).toBe(false);
		expect(d.safeParse('1900-01-01').success).toBe(false);
		expect(d.safeParse('next tuesday').success).toBe(false);
	});

	it('accepts only known topics', () => {
		expect(topics.safeParse(['send', 'budgets']).success).toBe(true);
		expect(topics.safeParse(['send', 'astrology']).success).toBe(false);
	});
});

describe('parseForm', () => {
	const schema = z.object({ name: text('your full name'), password: z.string(), expertise: topics });

	it('keeps what was typed on error, except secrets, with one message per field', () => {
		const r = parseForm(schema, form([['name', ''], ['password', 'hunter2 hunter2'], ['expertise', 'send'], ['expertise', 'nonsense']]), { arrays: ['expertise'] });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({ name: 'Enter your full name', expertise: 'Choose topics from the list' });
		expect(r.values).toEqual({ name: '', expertise: ['send', 'nonsense'] });
	});

	it('gives an empty list for checkboxes left unticked', () => {
		const r = parseForm(schema, form([['name', 'Jane'], ['password', 'x']]), { arrays: ['expertise'] });
		expect(r.ok && r.data.expertise).toEqual([]);
	});
});

describe('control characters', () => {
	it('are removed from every text field centrally, keeping tabs and new lines in text', async () => {
		const { cleanText, cleanLine } = await import('./validation');
		expect(cleanText('Jane\u0000 Smith\u0007\u001b[31m\u007f')).toBe('Jane Smith[31m');
		expect(cleanText('line one\r\nline two\rline three\tend')).toBe('line one\nline two\nline three\tend');
		expect(cleanLine('  A\u0000title\twith\r\nbreaks  ')).toBe('A title with breaks');
		expect(text('your full name').safeParse('\u0000Jane\u0000 Smith\u0000').data).toBe('Jane Smith');
		expect(text('your full name').safeParse('\u0000\u0000').error?.issues[0].message).toBe('Enter your full name');
		expect(optionalText('a message').safeParse('Hello\u0000\r\nthere').data).toBe('Hello\nthere');
	});

	it('are removed by parseForm from every field, whatever its schema, but never from a password', () => {
		const schema = z.object({ name: z.string(), note: z.string(), password: z.string() });
		const parsed = parseForm(schema, form([['name', 'Jane\u0000Smith'], ['note', 'a\u0008b\nc'], ['password', 'pass\u0000word']]));
		expect(parsed.ok && parsed.data).toEqual({ name: 'JaneSmith', note: 'ab\nc', password: 'pass\u0000word' });
		expect(parsed.values).toEqual({ name: 'JaneSmith', note: 'ab\nc' });
	});

	it('keep unchecked text short and quoted where it must be, such as a subject line', async () => {
		const { quoted } = await import('./validation');
		expect(quoted('Jane Smith')).toBe('“Jane Smith”');
		expect(quoted('FREE MONEY\r\nBcc: everyone@example.org click here now please')).toBe('“FREE MONEY Bcc: everyone@example.org cl…”');
		expect(quoted('x'.repeat(100), 40)).toHaveLength(42);
	});
});

describe('role start dates', () => {
	const NOW = Date.parse('2026-11-23T12:00:00Z');
	it('refuses a date in the future or more than 40 years ago, with a message that says what to do', async () => {
		const { roleStartProblem, roleStartDate } = await import('./validation');
		expect(roleStartProblem('2026-11-23', NOW)).toBeNull();
		expect(roleStartProblem('1986-11-23', NOW)).toBeNull();
		expect(roleStartProblem('2026-11-24', NOW)).toBe('The date you took on the role must be today or in the past');
		expect(roleStartProblem('1986-11-22', NOW, 'they')).toBe('The date they took on the role must be within the last 40 years: check the year');
		const field = roleStartDate('the date you took on the role', 'you');
		expect(field.safeParse('').success).toBe(true);
		expect(field.safeParse('2099-01-01').error?.issues[0].message).toBe('The date you took on the role must be today or in the past');
		expect(field.safeParse('1901-01-01').error?.issues[0].message).toBe('The date you took on the role must be within the last 40 years: check the year');
		expect(field.safeParse('2026-02-30').error?.issues[0].message).toBe('Enter the date you took on the role as a real date');
	});
});
