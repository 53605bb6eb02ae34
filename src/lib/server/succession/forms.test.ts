import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import * as forms from './forms';

function fd(values: Record<string, string>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.append(k, v);
	return f;
}

describe('succession forms', () => {
	it('reports every problem with an item at once, in words that say what to do', () => {
		const r = parseForm(forms.itemForm, fd({ version: '3', status: 'finished', ownerMemberId: 'drop', dueDate: '2099-01-01', note: 'x'.repeat(5_001) }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			status: 'Choose a status from the list',
			ownerMemberId: 'Choose a member from the list',
			dueDate: expect.stringMatching(/^Enter a due date between \d+ \w+ \d{4} and \d+ \w+ \d{4}$/),
			note: 'Enter an evidence note of at most 5,000 characters'
		});
		expect(r.values.note).toHaveLength(5_001);
	});

	it('counts a new line as one character and turns empty fields into nothing', () => {
		const r = parseForm(forms.itemForm, fd({ version: '1', status: 'done', ownerMemberId: '', ownerName: '', dueDate: '', note: 'a\r\n'.repeat(2_000) }));
		expect(r.ok && r.data).toMatchObject({ ownerMemberId: null, ownerName: '', dueDate: null, note: 'a\n'.repeat(2_000) });
	});

	it('refuses a missing version, a past election and an unknown move', () => {
		expect(parseForm(forms.statusForm, fd({ key: 'x', status: 'done' })).ok).toBe(false);
		const e = parseForm(forms.electionForm, fd({ electionDate: '2001-05-03' }));
		expect(!e.ok && e.errors.electionDate).toMatch(/today or in the future/);
		expect(parseForm(forms.electionForm, fd({ electionDate: '' }))).toMatchObject({ ok: true, data: { electionDate: null } });
		expect(parseForm(forms.moveForm, fd({ kind: 'table', key: 'x', direction: 'up' })).ok).toBe(false);
		expect(parseForm(forms.templateItemForm, fd({ sectionKey: 's', title: 'T', weight: '2.5' }))).toMatchObject({ ok: false, errors: { weight: 'Enter a whole number from 1 to 10' } });
	});
});
