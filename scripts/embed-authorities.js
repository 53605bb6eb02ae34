// Embeds src/lib/server/seed/authorities.csv as a module, so the list ships inside the build.
import { readFileSync, writeFileSync } from 'node:fs';
const dir = new URL('../src/lib/server/seed/', import.meta.url);
const csv = readFileSync(new URL('authorities.csv', dir), 'utf8');
writeFileSync(
	new URL('authorities-csv.ts', dir),
	`// Generated from authorities.csv by scripts/embed-authorities.js — edit the CSV, then run \`node scripts/embed-authorities.js\`.\nexport default ${JSON.stringify(csv)};\n`
);
