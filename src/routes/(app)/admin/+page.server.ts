import type { PageServerLoad } from './$types';
import { authorize, can } from '$lib/server/auth/policy';
import { regionName } from '$lib/server/network/authorities';
import * as joinRequests from '$lib/server/network/join-requests';
import * as placeChanges from '$lib/server/trust/place-changes';
import { actorOf } from '$lib/server/request';
import { config } from '$lib/server/config';

type Tool = { href: string; title: string; description: string; badge?: string };

export const load: PageServerLoad = ({ locals }) => {
	const actor = actorOf(locals);
	authorize(actor, 'admin.access', {});
	// Coordinators act for their region; admins for everyone (regionId null = national).
	const scope = actor.role === 'admin' ? null : actor.coordinatorRegionId;
	const home = scope ?? actor.regionId;
	const pending = can(actor, 'joinRequest.list', { regionId: scope }) ? joinRequests.listPending(actor).length : 0;
	const where = scope ? ` in the ${regionName(scope)}` : '';
	const tools: Tool[] = [];
	if (can(actor, 'joinRequest.list', { regionId: scope }))
		tools.push({ href: '/admin/join-requests', title: 'Requests to join', description: `Approve people who asked to join${where}, or decline politely.`, badge: pending ? `${pending} waiting` : undefined });
	if (can(actor, 'placeChange.list', { regionId: scope })) {
		const waiting = placeChanges.waitingCount(actor);
		tools.push({
			href: '/admin/place-changes',
			title: 'Changes of authority or role',
			description: `Approve members moving into${where || ' a region'}, or changing their position, or decline with a reason.`,
			badge: waiting ? `${waiting} waiting` : undefined
		});
	}
	if (can(actor, 'member.invite', { regionId: home }))
		tools.push({ href: '/admin/invite', title: 'Invite a member', description: `Send someone${where} a link to join the network.` });
	if (can(actor, 'member.administer', {})) {
		tools.push({ href: '/admin/users', title: 'Users', description: 'Find any account; change roles and authorities; deactivate and reactivate.' });
		tools.push({ href: '/admin/coordinators', title: 'Coordinators', description: 'Who runs the network in each of the nine regions.' });
	}
	if (can(actor, 'thread.moderate', { regionId: scope }))
		tools.push({ href: '/admin/moderation', title: 'Moderation', description: `Reported posts and hidden, locked and pinned threads${where}.` });
	if (can(actor, 'category.manage', {})) tools.push({ href: '/admin/categories', title: 'Discussion categories', description: 'Add, rename and order the categories for discussions.' });
	if (can(actor, 'template.manage', {})) tools.push({ href: '/admin/template', title: 'Succession checklist template', description: 'The items every authority’s succession checklist starts from.' });
	if (can(actor, 'induction.manageTemplate', {})) tools.push({ href: '/admin/induction', title: 'The first 100 days path', description: 'The steps every new Lead Member’s induction path starts from, in versions.' });
	if (can(actor, 'mail.viewBouncing', { regionId: scope }))
		tools.push({ href: '/admin/bouncing', title: 'Email addresses that bounce', description: `Members${where} whose email comes back undelivered, so they get no digests or notifications.` });
	if (can(actor, 'mail.manage', {})) tools.push({ href: '/admin/mail', title: 'Mail delivery', description: 'What is queued, sent and failed, and retrying failures.' });
	if (can(actor, 'mailbox.read', {}) && !config().smtpUrl)
		tools.push({ href: '/admin/mailbox', title: 'Local mailbox', description: 'No mail server is set up, so every email the network sends is kept here. Read them as recipients would.' });
	if (can(actor, 'audit.read', { regionId: scope })) tools.push({ href: '/admin/audit', title: 'Audit trail', description: `Who did what and when: sign-ins, role changes, invitations, moderation${where}.` });
	return { tools, scopeName: scope ? regionName(scope) : null };
};
