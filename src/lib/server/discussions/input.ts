/** Limits and checks on what members write in discussions, shared by forms and server functions. */
import { cleanLine, cleanText } from '../validation';

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const BODY_MAX = 50_000;
export const REASON_MAX = 500;

/** Posts (threads and replies) a member may write per minute. */
export const POSTS_PER_MINUTE = 10;

/** The message for a title that breaks the rules, or null when it is fine. */
export function titleError(title: string): string | null {
	const t = title.trim();
	if (t.length === 0) return 'Enter a title';
	if (t.length < TITLE_MIN) return `Enter a title of at least ${TITLE_MIN} characters`;
	if (t.length > TITLE_MAX) return `Enter a title of at most ${TITLE_MAX} characters`;
	return null;
}

/** The message for a post body that breaks the rules, or null when it is fine. */
export function bodyError(body: string, what = 'your post'): string | null {
	if (body.trim().length === 0) return `Write ${what} – it cannot be empty`;
	if (body.length > BODY_MAX) return `Shorten ${what} to at most ${BODY_MAX.toLocaleString('en-GB')} characters (it has ${body.length.toLocaleString('en-GB')})`;
	return null;
}

/** Normalises a title: one line (validation's cleanLine: control characters removed, whitespace made single spaces, trimmed). */
export const cleanTitle = cleanLine;

/** Normalises a body: Windows line endings, NUL and other C0 controls (except tab and newline) removed (validation's cleanText). */
export const cleanBody = cleanText;
