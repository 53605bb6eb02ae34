// Vitest setup: each test file gets its own in-memory database (DATABASE_PATH=':memory:'),
// opened lazily by ./client.ts with the migrations applied.
export {};
