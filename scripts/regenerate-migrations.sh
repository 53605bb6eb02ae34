#!/usr/bin/env bash
# Pre-release only (nothing deployed yet): rebuilds drizzle/ from the schema as one initial
# migration plus the hand-written SQL in src/lib/server/db/custom/*.sql (FTS tables and
# triggers), each as a drizzle-kit custom migration. Serialised with flock so parallel
# work can't interleave. Once a release ships, use `npm run db:generate` for new migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/lead-member-network-drizzle.lock
flock 9
rm -rf drizzle
npx drizzle-kit generate --name initial >/dev/null
for f in src/lib/server/db/custom/*.sql; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .sql)
	npx drizzle-kit generate --custom --name "$name" >/dev/null
	target=$(ls drizzle/*_"$name".sql)
	cp "$f" "$target"
done
ls drizzle
