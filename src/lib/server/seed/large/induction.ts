/**
 * "Your first 100 days" in the large network: each member within their first 100 days in the role
 * (400 of them: members.ts makes them) is on the current path and has ticked a few of the steps
 * they tick themselves, at times since they started; a few marked some not relevant.
 */
import { INDUCTION_PHASES } from '../../db/schema';
import * as templates from '../../induction/templates';
import { DAY, type LargeContext } from './context';

export function seedLargeInduction(ctx: LargeContext): { paths: number; progress: number } {
	const template = templates.current(ctx.now);
	const manual = templates.steps(template.id).filter((s) => s.rule == null);
	const since = new Date(ctx.now - 100 * DAY).toISOString().slice(0, 10);
	const fresh = ctx.people.filter((p) => p.role === 'member' && p.inRoleSince != null && p.inRoleSince >= since && p.email.endsWith('@lmn.example.net'));
	const insertPath = ctx.sqlite.prepare('INSERT OR IGNORE INTO induction_path (member_id, template_id, started_at) VALUES (?, ?, ?)');
	const insertProgress = ctx.sqlite.prepare("INSERT OR IGNORE INTO induction_progress (member_id, step_key, status, note, reason, at) VALUES (?, ?, ?, '', ?, ?)");
	let progress = 0;
	for (const p of fresh) {
		const start = Date.parse(`${p.inRoleSince}T09:00:00Z`);
		insertPath.run(p.id, template.id, Math.max(start, p.createdAt));
		const days = Math.max(1, Math.floor((ctx.now - start) / DAY));
		// Further in, more done: up to one step a fortnight, in path order.
		const done = Math.min(manual.length, Math.floor(ctx.random() * (days / 14 + 2)));
		const ordered = INDUCTION_PHASES.flatMap((ph) => manual.filter((s) => s.phase === ph));
		for (let i = 0; i < done; i++) {
			const at = start + Math.floor(ctx.random() * days) * DAY;
			const notRelevant = ctx.random() < 0.08;
			insertProgress.run(p.id, ordered[i].key, notRelevant ? 'not-relevant' : 'done', notRelevant ? 'Covered in my previous role' : '', at);
			progress++;
		}
	}
	return { paths: fresh.length, progress };
}
