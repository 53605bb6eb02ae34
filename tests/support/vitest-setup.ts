// Vitest setup: every test file gets its own in-memory database (DATABASE_PATH=':memory:'),
// opened by src/lib/server/db/client.ts with the migrations applied, and the reference data
// (regions and authorities) seeded; the areas are introduced to each other as in the server
// (links.ts). Tests add what they need with the helpers in this folder (members.ts and the rest).
import { db } from '../../src/lib/server/db/client';
import { seedReference } from '../../src/lib/server/seed/reference';
import { resetCache } from '../../src/lib/server/network/authorities';
import { provideLinks } from '../../src/lib/server/links';

seedReference(db);
resetCache();
provideLinks();
