/**
 * "Download my data": one JSON document with everything the network holds about a member —
 * the network's own part (./network-data.ts) and each area's (./areas.ts) — and a readable
 * HTML summary of the same document (./export-html.ts). Members may export only their own data.
 */
import { authorize, type Actor } from '../auth/policy';
import * as audit from '../auth/audit';
import * as members from '../network/members';
import { AREAS } from './areas';
import { exportNetworkData } from './network-data';
import { renderSummaryHtml } from './export-html';
import { log } from '../log';

export const EXPORT_FORMAT = 'lead-member-network/member-data';
export const EXPORT_VERSION = 1;

export type ExportDocument = {
	format: typeof EXPORT_FORMAT;
	version: number;
	exportedAt: string;
	about: { name: string; email: string };
	/** Section title → its data. The network's sections first, then one per area. */
	sections: Record<string, Record<string, unknown>>;
	/** Areas whose part could not be gathered (the rest of the export is still complete). */
	problems: string[];
};

/** Assembles the document (no permission check, no audit: see `exportFor`). */
export function buildExport(memberId: number, now = Date.now()): ExportDocument | null {
	const m = members.byId(memberId);
	if (!m) return null;
	const problems: string[] = [];
	const sections: Record<string, Record<string, unknown>> = { 'Your account': exportNetworkData(memberId, now) };
	for (const area of AREAS) {
		try {
			sections[area.title] = area.rights.exportMemberData(memberId);
		} catch (err) {
			log.error('data export: an area failed', { area: area.key, error: err instanceof Error ? err.stack : String(err) });
			problems.push(`${area.title}: this part could not be gathered. Try again later, or ask a network admin.`);
		}
	}
	return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), about: { name: m.name, email: m.email }, sections, problems };
}

export type ExportFile = { filename: string; contentType: string; body: string };

/**
 * The member's own data as a file (JSON or a readable HTML page). Refuses anyone else's data
 * (403), and records the export in the audit trail.
 */
export function exportFor(actor: Actor, memberId: number, format: 'json' | 'html', meta: { ip: string }, now = Date.now()): ExportFile {
	authorize(actor, 'member.exportData', { id: memberId });
	const doc = buildExport(memberId, now);
	if (!doc) throw new Error('No such member');
	audit.record({ actorId: actor.id, action: 'member.data-exported', subjectType: 'member', subjectId: memberId, regionId: actor.regionId, ipAddress: meta.ip, detail: { format } }, now);
	const day = doc.exportedAt.slice(0, 10);
	if (format === 'json') {
		return { filename: `lead-member-network-data-${day}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(doc, null, 2) };
	}
	return { filename: `lead-member-network-data-${day}.html`, contentType: 'text/html; charset=utf-8', body: renderSummaryHtml(doc) };
}

export type Overview = { section: string; items: { label: string; count: number }[] }[];

/** How much there is in each part of the export (for the "Your data" page). */
export function overview(actor: Actor, now = Date.now()): Overview {
	authorize(actor, 'member.exportData', { id: actor.id });
	const doc = buildExport(actor.id, now);
	if (!doc) return [];
	return Object.entries(doc.sections).map(([section, data]) => ({
		section,
		items: Object.entries(data)
			.filter(([, v]) => Array.isArray(v))
			.map(([k, v]) => ({ label: words(k), count: (v as unknown[]).length }))
	}));
}

/** "emailsSentToYouInTheLast90Days" → "Emails sent to you in the last 90 days". */
export function words(key: string): string {
	const spaced = key
		.replace(/([a-z])([A-Z0-9])/g, '$1 $2')
		.replace(/([0-9])([A-Za-z])/g, '$1 $2')
		.toLowerCase();
	return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
