import type { Db } from '../db/client';
import { seedReference } from './reference';
import { seedDemo } from './demo';
import { resetCache } from '../network/authorities';
import { provideLinks } from '../links';

/** Seeds an empty database: reference data always, the demo network when asked. Idempotent. */
export async function seedDatabase(db: Db, opts: { demo: boolean; now?: number }) {
	provideLinks();
	const reference = seedReference(db);
	if (reference) resetCache();
	const demo = opts.demo ? await seedDemo(db, opts.now) : false;
	return { reference, demo };
}
