/**
 * Succession for the large network: every authority's checklist, started through the app's own
 * `ensure`, then worked on over the past year — statuses, owners, due dates, notes, election
 * dates — with each change in the history as the app would record it.
 */
import * as checklists from '../../succession/checklists';
import { isoDate } from '../../../time';
import { DAY, type LargeContext } from './context';
import { between, pick } from './text';

const OFFICERS = ['Director of Children’s Services', 'Cabinet support officer', 'Head of democratic services', 'Finance business partner', 'Corporate parenting lead officer'];
const NOTES = ['In the handover pack.', 'Agreed at the last group meeting.', 'Waiting for the officer’s draft.', 'Discussed with the deputy.', ''];

export function seedLargeSuccession(ctx: LargeContext): { checklists: number; changes: number } {
	const { sqlite, random, now } = ctx;
	const updateItem = sqlite.prepare('UPDATE checklist_item SET status = ?, owner_member_id = ?, owner_name = ?, due_date = ?, note = ?, version = version + 1, updated_at = ?, updated_by_id = ? WHERE id = ?');
	const insertChange = sqlite.prepare('INSERT INTO checklist_change (checklist_id, item_key, item_title, field, from_value, to_value, changed_by_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	const setChecklist = sqlite.prepare('UPDATE checklist SET election_date = ?, election_set_by_id = ?, election_set_at = ?, updated_at = ?, updated_by_id = ? WHERE id = ?');
	const itemsOf = sqlite.prepare(
		`SELECT ci.id, ci.item_key AS key, ci.status, ti.title FROM checklist_item ci JOIN template_item ti ON ti.id = ci.template_item_id WHERE ci.checklist_id = ? ORDER BY ti.position`
	);
	let changes = 0;
	for (const a of ctx.authorities) {
		const existing = checklists.existing(a.id);
		const members = ctx.byAuthority.get(a.id) ?? [];
		const by = members.length ? pick(random, members).id : null;
		const c = checklists.ensure(a.id, by, now - between(random, 60, 400) * DAY);
		if (existing) continue; // the demo network's checklists keep their story
		// How far along: a few have not started, most are part-way, some nearly done.
		const progress = pick(random, [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95]);
		let last = 0;
		let lastBy: number | null = null;
		for (const it of itemsOf.all(c.id) as { id: number; key: string; status: string; title: string }[]) {
			if (random() > progress + 0.1) continue;
			const status = random() < progress ? 'done' : random() < 0.15 ? 'not-applicable' : 'in-progress';
			const owner = members.length && random() < 0.6 ? pick(random, members) : null;
			const at = now - between(random, 1, 330) * DAY;
			const who = owner?.id ?? by;
			const due = status === 'done' ? null : isoDate(now + between(random, -30, 200) * DAY);
			updateItem.run(status, owner?.id ?? null, owner ? '' : pick(random, OFFICERS), due, pick(random, NOTES), at, who, it.id);
			insertChange.run(c.id, it.key, it.title, 'status', it.status, status, who, at);
			insertChange.run(c.id, it.key, it.title, 'owner', '', owner ? `m:${owner.id}` : `n:${pick(random, OFFICERS)}`, who, at);
			changes += 2;
			if (at > last) {
				last = at;
				lastBy = who;
			}
		}
		const election = random() < 0.85 ? pick(random, ['2027-05-06', '2028-05-04', '2029-05-03', '2030-05-02']) : null;
		const electionAt = now - between(random, 30, 300) * DAY;
		if (election) {
			insertChange.run(c.id, null, '', 'election', '', election, by, electionAt);
			changes++;
		}
		setChecklist.run(election, election ? by : null, election ? electionAt : null, last || (election ? electionAt : null), lastBy ?? by, c.id);
	}
	const count = (sqlite.prepare('SELECT count(*) AS n FROM checklist').get() as { n: number }).n;
	ctx.log(`succession: ${count} checklists, ${changes} changes recorded`);
	return { checklists: count, changes };
}
