/**
 * Where a mentoring meeting happens, as typed when booking it: a place, a phone number or the
 * link to join online. Only an http or https address ever becomes a link (on the page and in
 * the calendar file); an online meeting must have one, and any other kind of address
 * (javascript:, data:, ftp://, a Teams "msteams:" link …) is refused when it is typed.
 */

/** The location as a web link (http or https only), or null when it is not one. */
export function meetingLink(location: string): string | null {
	const text = location.trim();
	if (!/^https?:\/\/\S+$/i.test(text)) return null;
	try {
		const url = new URL(text);
		if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return null;
		return url.href;
	} catch {
		return null;
	}
}

/** An address with a scheme ("xyz:"), a "//" or "www." in front: something meant as a link. */
const LINKISH = /(^|\s)([a-z][a-z0-9+.-]*:\/\/|(javascript|data|vbscript|file|mailto|tel|sms|msteams|zoommtg|skype):|www\.)/i;

/** Why this location cannot be used for a meeting held this way, or null when it can. */
export function locationProblem(mode: string, location: string): string | null {
	const text = location.trim();
	if (mode === 'online') {
		return meetingLink(text) ? null : 'Enter the link to join the online meeting, starting with https://';
	}
	if (LINKISH.test(text) && !meetingLink(text)) {
		return 'Enter a place or a phone number, or a web link on its own starting with https://';
	}
	return null;
}
