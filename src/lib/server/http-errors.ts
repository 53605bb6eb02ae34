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

/** The largest form post outside the upload routes (hooks' bodyLimit), in bytes. */
export const FORM_BODY_LIMIT = 512 * 1024;

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
		return `What you sent is too large for the site to take: the limit is ${describeSize(Math.min(bodySizeLimit(), FORM_BODY_LIMIT))} for everything in one form. Nothing has been saved. Go back, shorten what you wrote or send a smaller file, and try again.`;
	}
	if (status === 405) {
		return 'This page cannot take what was sent to it: it has no form that could have sent it. Nothing has been saved. Go back to the page you were on and try again from there.';
	}
	if (status >= 400 && status < 500) return message;
	return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page of the site's own look, for answers made outside the app's pages, around the given (already escaped) HTML. */
export function htmlPage(status: number, title: string, bodyHtml: string, headers: Record<string, string> = {}): Response {
	const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Lead Member Network</title>
<style>
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Arial, sans-serif; font-size: 1.1875rem; line-height: 1.5; color: #0b0c0c; background: #fff; }
header { background: #1d4f91; border-bottom: 8px solid #12345f; padding: 0.75rem 1rem; }
header a, header a:visited { color: #fff; font-weight: 700; font-size: 1.25rem; text-decoration: none; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { line-height: 1.2; margin: 0 0 1rem; }
a { color: #1d4f91; }
a:focus { outline: 3px solid transparent; background-color: #ffdd00; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; color: #0b0c0c; text-decoration: none; }
@media (max-width: 40rem) { body { font-size: 1rem; } }
</style>
</head>
<body>
<header><a href="/">Lead Member Network</a></header>
<main id="main">
<h1>${escapeHtml(title)}</h1>
${bodyHtml}
</main>
</body>
</html>
`;
	return new Response(html, {
		status,
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Cache-Control': 'no-store',
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
			...headers
		}
	});
}

/** A small page of the site's own look, for answers made outside the app's pages (as for a signed-out form post). */
export function plainPage(status: number, title: string, paragraphs: string[], headers: Record<string, string> = {}): Response {
	return htmlPage(status, title, `${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}\n<p><a href="/">Go to your home page</a></p>`, headers);
}

/**
 * SvelteKit answers a method a page or endpoint does not take (PUT to a page, POST to /healthz …)
 * with one line of text; a browser gets a page that says what happened instead (same 405 and Allow).
 */
export function explainWrongMethod(request: Request, response: Response): Response {
	// SvelteKit's own answer has no Content-Type (a plain text body); a page's or endpoint's own 405 is left alone.
	const type = response.headers.get('content-type');
	if (response.status !== 405 || (type != null && !type.startsWith('text/plain'))) return response;
	const accept = request.headers.get('accept');
	if (accept != null && !/text\/html|application\/xhtml\+xml/i.test(accept)) return response;
	const allow = response.headers.get('allow');
	return plainPage(405, 'This page cannot take that request', [requestErrorMessage(405, '')!], allow ? { Allow: allow } : {});
}

/**
 * The answer to a post over the size limit, refused before it is read: a page that says so and
 * gives the limit (an enhanced form gets an action error, which shows the app's error page).
 */
export function tooLarge(request: Request): Response {
	const message = requestErrorMessage(413, 'Payload Too Large')!;
	// The body was not read, so the connection cannot carry another request: close it.
	const close = { Connection: 'close', 'Cache-Control': 'no-store' };
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return new Response(JSON.stringify({ type: 'error', status: 413, error: { message } }), { status: 413, headers: { 'Content-Type': 'application/json', ...close } });
	}
	const accept = request.headers.get('accept');
	if (accept != null && !/text\/html|application\/xhtml\+xml/i.test(accept)) {
		return new Response(message, { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...close } });
	}
	return plainPage(413, 'What you sent is too large', [message], { Connection: 'close' });
}
