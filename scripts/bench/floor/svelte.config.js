import adapter from '@sveltejs/adapter-node';

/** The app's CSP mode, so both pay for the same per-request nonce. */
export default {
	kit: {
		adapter: adapter({ out: 'build' }),
		csp: { mode: 'auto', directives: { 'default-src': ['self'], 'script-src': ['self'], 'style-src': ['self', 'unsafe-inline'] } }
	}
};
