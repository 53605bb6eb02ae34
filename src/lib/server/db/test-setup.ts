// Vitest setup: every test file gets its own in-memory database (DATABASE_PATH=':memory:'),
// opened by ./client.ts with the migrations applied, and the reference data (regions and
// authorities) seeded. Tests add what they need with the helpers in ../testing.ts.
import { db } from './client';
import { seedReference } from './seed/reference';
import { resetCache } from '../network/authorities';

seedReference(db);
resetCache();
