import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/client';
import { seedDatabase } from '$lib/server/db/seed';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookies';
import { isCrossSiteForm } from '$lib/server/auth/csrf';
import { startJobs } from '$lib/server/jobs';
import { log } from '$lib/server/log';
import { DEMO_PASSWORD } from '$lib/server/db/seed/demo-members';

/** Before the first request: migrations (on opening), seeding, the scheduler. */
export const init: ServerInit = async () => {
	const cfg = config(); // throws a clear message for a bad SMTP_URL
	const seeded = await seedDatabase(db, { demo: cfg.demo });
	if (cfg.jobs) startJobs();
	log.info('ready', { origin: cfg.origin, database: cfg.databasePath, mail: cfg.smtpUrl ? 'smtp' : 'local mailbox', seeded });
	if (seeded.demo) {
		console.log(
			`\nLead Member Network demo is ready at ${cfg.origin}\nSign in with any of these (password "${DEMO_PASSWORD}"):\n` +
				'  admin@example.org        national admin\n' +
				'  coordinator@example.org  coordinator, North West\n' +
				'  mentor@example.org       Lead Member and mentor, Yorkshire and The Humber\n' +
				'  member@example.org       new Lead Member, North West\n'
		);
	}
};

const requestId: Handle = async ({ event, resolve }) => {
	event.locals.requestId = crypto.randomUUID().slice(0, 8);
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
	if (result) {
		event.locals.user = result.member;
		event.locals.session = result.session;
		if (result.renewed) setSessionCookie(event.cookies, token!, result.session.expiresAt);
	} else {
		event.locals.user = null;
		event.locals.session = null;
		if (token) clearSessionCookie(event.cookies);
	}
	return resolve(event);
};

/** Everything in the (app) group needs a signed-in member; the rest is public. */
const guard: Handle = async ({ event, resolve }) => {
	if (event.route.id?.startsWith('/(app)') && !event.locals.user) {
		if (event.request.method === 'GET') {
			const next = event.url.pathname + event.url.search;
			redirect(303, `/login?next=${encodeURIComponent(next)}`);
		}
		error(401, 'Your session has ended. Sign in again.');
	}
	return resolve(event);
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!h.has('X-Frame-Options')) h.set('X-Frame-Options', 'DENY');
	if (config().secureCookies) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	if (event.locals.user && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(requestId, csrf, auth, guard, headers);

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	if (status === 404) return { message: 'Page not found' };
	log.error('unexpected error', { requestId: event.locals.requestId, path: event.url.pathname, status, error: err instanceof Error ? err.stack : String(err) });
	return { message: 'Sorry, something went wrong on our side', requestId: event.locals.requestId };
};
