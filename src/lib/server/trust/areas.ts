/**
 * Every area's part of data rights, in the order they appear in an export. Each area exports
 * from its `data-rights.ts`: `exportMemberData(memberId)` (everything of the member's there)
 * and `eraseMember(memberId)` (deletes personal data, anonymises what must stay). Both must
 * be synchronous so the whole deletion runs in one transaction.
 */
import * as discussions from '../discussions/data-rights';
import * as mentoring from '../mentoring/data-rights';
import * as training from '../training/data-rights';
import * as succession from '../succession/data-rights';
import * as digests from '../digests/data-rights';
import * as library from '../library/data-rights';
import * as induction from '../induction/data-rights';

export type DataRights = {
	exportMemberData(memberId: number): Record<string, unknown>;
	eraseMember(memberId: number): void;
};

export type Area = { key: string; title: string; rights: DataRights };

/** The areas with personal data, as the export names them. */
export const AREAS: Area[] = [
	{ key: 'discussions', title: 'Discussions', rights: discussions },
	{ key: 'mentoring', title: 'Mentoring', rights: mentoring },
	{ key: 'training', title: 'Training', rights: training },
	{ key: 'succession', title: 'Succession', rights: succession },
	{ key: 'digests', title: 'Digests', rights: digests },
	{ key: 'library', title: 'Library', rights: library },
	{ key: 'induction', title: 'Your first 100 days', rights: induction }
];
