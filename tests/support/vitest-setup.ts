// Vitest setup: every test file gets its own in-memory database (DATABASE_PATH=':memory:'),
// opened by src/lib/server/db/client.ts with the migrations applied, and the reference data
// (regions and authorities) seeded. Tests add what they need with the helpers in this folder
// (members.ts and the rest); a test that reaches both the training log and mentoring calls
// provideLinks() from src/lib/server/links.ts, as the server does at start.
import { db } from '../../src/lib/server/db/client';
import { seedReference } from '../../src/lib/server/seed/reference';
import { resetCache } from '../../src/lib/server/network/authorities';

seedReference(db);
resetCache();
