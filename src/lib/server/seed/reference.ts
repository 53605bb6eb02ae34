/** Reference data: the nine regions and the 153 authorities (from authorities.csv, copied from the design pack). */
import { parse } from 'csv-parse/sync';
import type { Db } from '../db/client';
import { authority, region } from '../db/schema';
import { REGIONS } from '../../vocab';
import csvText from './authorities-csv';

type Row = { ons_code: string; dfe_code: string; name: string; kind: string; region: string };

/** Parses the authorities list. */
export function readAuthorities(text: string = csvText): Row[] {
	return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Row[];
}

/** Inserts the regions and authorities when the tables are empty. Returns whether it did. */
export function seedReference(db: Db): boolean {
	if (db.select({ id: region.id }).from(region).limit(1).get()) return false;
	const ids = new Map<string, string>(REGIONS.map(([id, name]) => [name, id]));
	db.transaction((tx) => {
		tx.insert(region)
			.values(REGIONS.map(([id, name], i) => ({ id, name, sortOrder: i + 1 })))
			.run();
		for (const r of readAuthorities()) {
			const regionId = ids.get(r.region);
			if (!regionId) throw new Error(`Unknown region "${r.region}" for ${r.name} in authorities.csv`);
			tx.insert(authority).values({ onsCode: r.ons_code, dfeCode: r.dfe_code, name: r.name, kind: r.kind, regionId }).run();
		}
	});
	return true;
}

