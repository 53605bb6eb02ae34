/**
 * Requests the app cannot take, answered with a page that says what happened rather than
 * "Sorry, there is a problem with the service": a form that cannot be read (400), a post over
 * the size limit (413), a method the page does not take (405).
 */
import { error } from '@sveltejs/kit';

export const UNREADABLE_FORM =
	'What was sent could not be read as a form (it was cut short or badly made), so nothing has been saved. Go back to the page, check what you entered and send it again.';

/**
 * Makes `request.formData()` fail with a 400 ("the form could not be read") instead of a 500
 * when the body is not a form it can read: a multipart body with no boundary, or one that never
 * closes, or another content type. Every action reads its form through this method, so every
 * action is covered; nothing is read here (a streamed upload stays streamed). A body over the
 * size limit keeps its own error (413).
 */
export function readFormsSafely(request: Request): void {
	const read = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await read();
		} catch (err) {
			if ((err as { status?: unknown }).status === 413) throw err;
			error(400, UNREADABLE_FORM);
		}
	};
}

/** The largest request body the server takes, in bytes: BODY_SIZE_LIMIT as adapter-node reads it (default 512K). */
export function bodySizeLimit(value = process.env.BODY_SIZE_LIMIT ?? '512K'): number {
	const multiplier = ({ K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 } as Record<string, number>)[value.slice(-1).toUpperCase()] ?? 1;
	return Number(multiplier !== 1 ? value.slice(0, -1) : value) * multiplier;
}

/** "512 KB", "2 MB": a size as a person reads it. */
export function describeSize(bytes: number): string {
	if (!Number.isFinite(bytes)) return 'no limit';
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

/**
 * The message for an error SvelteKit raises itself about the request (not a fault of ours), or
 * null for a real fault. 4xx errors are the sender's; they are not logged as faults.
 */
export function requestErrorMessage(status: number, message: string): string | null {
	if (status === 413) {
		return `What you sent is too large for the site to take: the limit is ${describeSize(bodySizeLimit())} for everything in one form. Nothing has been saved. Go back, shorten what you wrote or send a smaller file, and try again.`;
	}
	if (status === 405) {
		return 'This page cannot take what was sent to it: it has no form that could have sent it. Nothing has been saved. Go back to the page you were on and try again from there.';
	}
	if (status >= 400 && status < 500) return message;
	return null;
}
