import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { shareCaseStudy } from '../../../../tests/support/library';
import * as library from '../library/entries';
import type { Actor } from '../auth/policy';
import * as entries from './entries';
import * as fromLibrary from './library';
import { provideLinks } from '../links';

provideLinks();

const NOW = Date.parse('2026-11-23T10:00:00Z');

/** A Leeds case study about its Children in Care Council, shared the day before. */
const caseStudy = (actor: Actor, title: string, scope = 'national') =>
	shareCaseStudy(actor, title, {
		scope,
		authority: 'Leeds',
		summary: 'How we did it.',
		topics: ['corporate-parenting', 'participation'],
		situation: 'Attendance had fallen.',
		whatWeDid: 'We paid young people for their time.',
		whatChanged: 'Regular members rose from 4 to 19.',
		at: NOW - 86_400_000
	});

describe('"Add to my training log" from a library document', () => {
	it('starts an informal-learning entry from the document, which the member confirms and which stays linked', () => {
		const author = makeMember({ authority: 'Leeds' });
		const me = makeMember({ authority: 'Lancashire' });
		const id = caseStudy(author.actor, 'Giving the Children in Care Council real influence');
		const p = fromLibrary.prefill(me.actor, id, '2026-11-23')!;
		expect(p.document).toEqual({ id, title: 'Giving the Children in Care Council real influence', href: `/library/${id}`, kindLabel: 'Case study' });
		expect(p.values).toEqual({ startDate: '2026-11-23', title: 'Read: Giving the Children in Care Council real influence', provider: 'Leeds', kind: 'informal', topics: ['corporate-parenting', 'participation'], libraryEntryId: String(id) });

		const saved = entries.addEntry(me.actor, { ...p.values, topics: p.values.topics as string[], hours: '1.5', libraryEntryId: id } as never, NOW);
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		expect(saved.entry).not.toHaveProperty('libraryEntryId');
		const page = entries.get(me.actor, saved.entry.id);
		expect(page.entry).toMatchObject({ kind: 'informal', minutes: 90, title: 'Read: Giving the Children in Care Council real influence' });
		expect(page.document).toMatchObject({ id, title: 'Giving the Children in Care Council real influence' });

		// The document deleted: the log entry stays, without the link.
		library.remove(author.actor, id);
		expect(entries.get(me.actor, saved.entry.id).document).toBeNull();
	});

	it('refuses a document the member cannot see: no form, no link', () => {
		const ldn = makeMember({ authority: 'Camden' });
		const me = makeMember({ authority: 'Lancashire' });
		const id = caseStudy(ldn.actor, 'London panel handbook', 'london');
		expect(fromLibrary.prefill(me.actor, id, '2026-11-23')).toBeNull();
		expect(fromLibrary.prefill(me.actor, 999_999, '2026-11-23')).toBeNull();
		const r = entries.addEntry(me.actor, { startDate: '2026-11-20', title: 'Read the handbook', kind: 'informal', topics: [], hours: '1', libraryEntryId: id }, NOW);
		expect(r).toMatchObject({ ok: false, errors: { title: expect.stringContaining('no longer available') } });
		expect(entries.logPage(me.actor, entries.parseFilter(new URLSearchParams()), NOW).entries).toEqual([]);
	});
});
