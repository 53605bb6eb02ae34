import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { seedDemo } from './demo';
import * as store from '../mail/inbound';
import * as categories from '../discussions/categories';
import { bounceStatus } from '../mail/bounces';
import * as members from '../network/members';

describe('the demo’s mail in', () => {
	it('has emails of each outcome, processed as real ones are', async () => {
		categories.ensureDefaults();
		await seedDemo(db, Date.UTC(2026, 10, 23, 9));
		const counts = store.outcomeCounts();
		for (const o of ['posted', 'held', 'refused', 'rejected', 'auto-reply', 'bounce'] as const) expect(counts[o], o).toBeGreaterThan(0);
		expect(counts.pending).toBe(0);
		expect(counts.posted).toBe(2);
		expect(bounceStatus(members.findByEmail('craig.robson@example.org')!.id).bouncing).toBe(true);
	});
});
