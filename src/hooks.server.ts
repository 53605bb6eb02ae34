import { error, json, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/client';
import { seedDatabase } from '$lib/server/seed';
import { SESSION_COOKIE, endSession, validateSessionToken } from '$lib/server/auth/session';
import * as twoFactor from '$lib/server/network/two-factor';
import { DEVICE_COOKIE } from '$lib/server/auth/trusted-devices';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookies';
import { isCrossSiteForm } from '$lib/server/auth/csrf';
import { startJobs } from '$lib/server/jobs';
import { startReceivers } from '$lib/server/mail/receivers';
import { recordVisit } from '$lib/server/mail/engagement';
import { log } from '$lib/server/log';
import { safeNext } from '$lib/server/request';
import { provideLinks } from '$lib/server/links';
import { takeTurn } from '$lib/server/turns';
import { explainWrongMethod, FORM_BODY_LIMIT, htmlPage, readFormsSafely, requestErrorMessage, tooLarge } from '$lib/server/http-errors';

/** Before the first request: migrations (on opening), seeding, the scheduler. (`npm start` prints the demo sign-ins: scripts/setup.js.) */
export const init: ServerInit = async () => {
	provideLinks();
	const cfg = config(); // throws a clear message for a bad SMTP_URL
	const seeded = await seedDatabase(db, { demo: cfg.demo });
	if (cfg.jobs) startJobs();
	const receivers = await startReceivers();
	log.info('ready', { origin: cfg.origin, database: cfg.databasePath, mail: cfg.smtpUrl ? 'smtp' : 'local mailbox', seeded, scheduler: cfg.jobs, mailIn: receivers, pid: process.pid });
};

/**
 * Routes that read their own (streamed, size-checked) upload body — every action of the route, or
 * only the named ones (`?/reply`) where a page has other forms; everything else takes at most 512 KB.
 */
const UPLOAD_ROUTES: Record<string, true | string[]> = {
	'/(app)/library/new': true,
	'/(app)/library/[id]/upload': true,
	'/(app)/threads/new': ['post', 'preview'],
	'/(app)/threads/[id]': ['reply', 'preview'],
	'/(app)/threads/[id]/posts/[postId]/edit': ['save', 'preview']
};
const BODY_LIMIT = FORM_BODY_LIMIT;

/** Only a multipart body is streamed to disk by these routes; any other form there keeps the 512 KB limit. */
function readsOwnUpload(routeId: string | null, url: URL, request: Request): boolean {
	if (!/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) return false;
	const actions = routeId ? UPLOAD_ROUTES[routeId] : undefined;
	if (actions === true) return true;
	if (!actions) return false;
	// A named action is the query's first key, `?/reply`.
	const action = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	return action != null && actions.includes(action.slice(1));
}

/**
 * The request body limit per route. adapter-node's BODY_SIZE_LIMIT applies to every route, so
 * `npm start`, `node serve.js` and the tests set it to Infinity and the limit is kept here:
 * 512 KB (adapter-node's default) everywhere but the upload routes, which stream the file to
 * disk and stop at UPLOAD_MAX_BYTES themselves.
 */
const bodyLimit: Handle = async ({ event, resolve }) => {
	const method = event.request.method;
	if (method === 'GET' || method === 'HEAD' || readsOwnUpload(event.route.id, event.url, event.request)) return resolve(event);
	const length = event.request.headers.get('content-length');
	if (length == null) {
		if (event.request.headers.has('transfer-encoding')) return new Response('Length Required', { status: 411 });
	} else if (Number(length) > BODY_LIMIT) {
		return tooLarge(event.request); // a page that says so and gives the limit
	}
	return resolve(event);
};

const requestId: Handle = async ({ event, resolve }) => {
	event.locals.requestId = crypto.randomUUID().slice(0, 8);
	readFormsSafely(event.request); // an unreadable form is a 400, not a 500
	return resolve(event);
};

/**
 * The same origin check SvelteKit makes for form posts, done here so that one path can be
 * exempt: RFC 8058 one-click unsubscribe, which mail providers POST without an Origin header
 * and which carries its own signed token (no cookie is trusted there).
 */
const csrf: Handle = async ({ event, resolve }) => {
	if (isCrossSiteForm(event.request, event.url)) {
		return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, { status: 403 });
	}
	return resolve(event);
};

const auth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const result = validateSessionToken(token);
	// A member with two-factor on is signed in only once a code was given in this session (or
	// on a remembered browser). Until then the session is pending: `user` stays null and
	// `session` is kept, so only /login/two-factor (and sign out) can use it.
	const gate = result ? twoFactor.sessionGate(result.member.id, result.session, event.cookies.get(DEVICE_COOKIE)) : null;
	if (result && gate === 'expired') endSession(result.session.id);
	if (result && gate !== 'expired') {
		event.locals.user = gate === 'ok' ? result.member : null;
		if (gate === 'ok') recordVisit(result.member.id); // for digests that respect the inbox (mail/engagement.ts)
		event.locals.session = result.session;
		if (result.renewed) setSessionCookie(event.cookies, token!, result.session.expiresAt);
	} else {
		event.locals.user = null;
		event.locals.session = null;
		if (token) clearSessionCookie(event.cookies);
	}
	return resolve(event);
};

/** Where a coordinator or admin without two-factor may go: setting it up (and re-authenticating for it). */
const SETUP_ROUTES = ['/(app)/settings/two-factor', '/(app)/settings/reauth'];

/**
 * Everything in the (app) group needs a signed-in member; the rest is public. A session
 * waiting for a two-factor code goes to /login/two-factor; a coordinator or admin who has not
 * set up two-factor can reach only the set-up page until they do.
 */
export const guard: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	if (!routeId?.startsWith('/(app)')) return resolve(event);
	const next = event.url.pathname + event.url.search;
	const user = event.locals.user;
	if (!user) {
		const pending = event.locals.session != null;
		if (event.request.method === 'GET') redirect(303, `${pending ? '/login/two-factor' : '/login'}?next=${encodeURIComponent(next)}`);
		return signedOut(event.request, event.url, pending);
	}
	if (twoFactor.setupRequired(user) && !SETUP_ROUTES.some((r) => routeId === r || routeId.startsWith(r + '/'))) {
		if (event.request.method === 'GET') redirect(303, `/settings/two-factor?required=1&next=${encodeURIComponent(next)}`);
		error(403, 'Set up two-factor authentication before you continue.');
	}
	return resolve(event);
};

/**
 * The 401 answer to a form sent to a members' page without a signed-in session (GET requests
 * are redirected instead). Nothing was done with what was sent. A browser gets a short page
 * with a link to sign in (or to enter the two-factor code) and come back to the page; an
 * enhanced form gets an action error, which shows the app's error page with the same link;
 * anything else gets one line of text.
 */
export function signedOut(request: Request, url: URL, pending: boolean): Response {
	const message = pending ? 'Enter the code from your authenticator app to finish signing in.' : 'Your session has ended. Sign in again.';
	if (request.headers.get('x-sveltekit-action') === 'true') return json({ type: 'error', error: { message } }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
	const accept = request.headers.get('accept');
	if (accept != null && !/text\/html|application\/xhtml\+xml/i.test(accept)) {
		return new Response(message, { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
	}
	const href = `${pending ? '/login/two-factor' : '/login'}?next=${encodeURIComponent(safeNext(url.pathname))}`;
	const title = pending ? 'Finish signing in' : 'You need to sign in';
	const body = pending
		? `<p>You have not entered the code from your authenticator app yet, so what you sent has not been saved.</p>
<p><a href="${href}">Enter your code</a> and you will come back to this page.</p>`
		: `<p>Your session has ended, so what you sent has not been saved.</p>
<p><a href="${href}">Sign in again</a> and you will come back to this page.</p>`;
	return htmlPage(401, title, body);
}

const headers: Handle = async ({ event, resolve }) => {
	const response = explainWrongMethod(event.request, await resolve(event));
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!h.has('X-Frame-Options')) h.set('X-Frame-Options', 'DENY');
	if (config().secureCookies) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	if (event.locals.user && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
	return response;
};

// `headers` wraps `guard`, so the pages the guard answers itself carry the security headers too.
/** At most a couple of requests start per turn of the event loop, so new connections are taken in while busy (turns.ts). */
const turns: Handle = async ({ event, resolve }) => {
	await takeTurn();
	return resolve(event);
};

export const handle = sequence(turns, bodyLimit, requestId, csrf, auth, headers, guard);

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	if (status === 404) return { message: 'Page not found' };
	// The sender's mistake (a post too large, a wrong method …): say what happened, log nothing.
	const told = requestErrorMessage(status, message);
	if (told) return { message: told };
	log.error('unexpected error', { requestId: event.locals.requestId, path: event.url.pathname, status, error: err instanceof Error ? err.stack : String(err) });
	return { message: 'Sorry, something went wrong on our side', requestId: event.locals.requestId };
};
