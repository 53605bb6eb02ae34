/** Library entries in unit tests, shared through the library's own function as a member would. */
import type { Actor } from '../../src/lib/server/auth/policy';
import * as library from '../../src/lib/server/library/entries';
import type { EntryInput } from '../../src/lib/server/library/input';
import { entryInput } from './files';
import { authorityId } from './members';

export type CaseStudyFields = Partial<Omit<EntryInput, 'authorityId'>> & { authority?: string; at?: number };

/**
 * Shares a case study (no file) as `actor`, or fails the test; returns the entry's id.
 * National, from Lancashire, about corporate parenting, unless `fields` say otherwise.
 */
export function shareCaseStudy(actor: Actor, title: string, fields: CaseStudyFields = {}): number {
	const { authority = 'Lancashire', at = Date.now(), ...over } = fields;
	const input = entryInput({
		kind: 'case-study',
		title,
		summary: 'What we did.',
		topics: ['corporate-parenting'],
		authorityId: authorityId(authority),
		situation: 'Where we started.',
		whatWeDid: 'What we did.',
		whatChanged: 'What changed.',
		...over
	});
	const r = library.create(actor, input, null, {}, at);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value.id;
}
