/** Paths that accept cross-site form posts: RFC 8058 one-click unsubscribe (signed token in the URL) and the inbound mail webhook (shared secret). */
const EXEMPT = [/^\/unsubscribe\/[^/]+\/one-click$/, /^\/mail\/inbound$/];

function isFormContentType(request: Request): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	return ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'].includes(type);
}

/** True for a form POST/PUT/PATCH/DELETE whose Origin is not this site (as SvelteKit's own check). */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
	if (!isFormContentType(request)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !EXEMPT.some((re) => re.test(url.pathname));
}
