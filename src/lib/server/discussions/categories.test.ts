import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as categories from './categories';
import { statusOf } from '../../../../tests/support/discussions';

describe('categories', () => {
	const admin = makeMember({ authority: 'Westminster', role: 'admin' });
	const member = makeMember({ authority: 'Lancashire' });
	const coordinator = makeMember({ authority: 'Salford', role: 'coordinator', coordinatorRegionId: 'north-west' });

	it('starts with the ten subjects of the network', () => {
		expect(categories.all().map((c) => c.slug)).toEqual(categories.DEFAULT_CATEGORIES.map((c) => c.slug));
		expect(categories.ensureDefaults()).toBe(false);
	});

	it('are managed by admins only', () => {
		for (const who of [member, coordinator]) {
			expect(statusOf(() => categories.create(who.actor, { name: 'Youth justice', description: '' }))).toBe(403);
			expect(statusOf(() => categories.move(who.actor, 1, 'down'))).toBe(403);
			expect(statusOf(() => categories.setArchived(who.actor, 1, true))).toBe(403);
			expect(statusOf(() => categories.update(who.actor, 1, { name: 'Renamed', description: '' }))).toBe(403);
		}
	});

	it('can be added, renamed (keeping the URL), reordered and archived', () => {
		const created = categories.create(admin.actor, { name: '  Youth   justice ', description: 'Youth offending teams' });
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		expect(created.value).toMatchObject({ name: 'Youth justice', slug: 'youth-justice' });
		expect(categories.all().at(-1)?.id).toBe(created.value.id);
		expect(categories.create(admin.actor, { name: 'youth JUSTICE', description: '' }).ok).toBe(false);
		expect(categories.create(admin.actor, { name: 'YJ', description: '' }).ok).toBe(false);

		expect(categories.update(admin.actor, created.value.id, { name: 'Youth justice and diversion', description: '' }).ok).toBe(true);
		expect(categories.byId(created.value.id)).toMatchObject({ name: 'Youth justice and diversion', slug: 'youth-justice' });

		const before = categories.all().map((c) => c.id);
		expect(categories.move(admin.actor, created.value.id, 'up')).toBe(true);
		const after = categories.all().map((c) => c.id);
		expect(after.at(-2)).toBe(created.value.id);
		expect(after.at(-1)).toBe(before.at(-2));
		expect(categories.move(admin.actor, after[0], 'up')).toBe(false);

		expect(categories.setArchived(admin.actor, created.value.id, true).ok).toBe(true);
		expect(categories.active().some((c) => c.id === created.value.id)).toBe(false);
		expect(categories.all().some((c) => c.id === created.value.id)).toBe(true);
		expect(categories.setArchived(admin.actor, created.value.id, false).ok).toBe(true);
		expect(categories.active().some((c) => c.id === created.value.id)).toBe(true);
	});

	it('keeps at least one category open', () => {
		const open = categories.active();
		for (const c of open.slice(1)) categories.setArchived(admin.actor, c.id, true);
		const last = categories.setArchived(admin.actor, open[0].id, true);
		expect(last.ok).toBe(false);
		for (const c of open) categories.setArchived(admin.actor, c.id, false);
	});
});
