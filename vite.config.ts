import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	// No "[PLUGIN_TIMINGS]" warning after every build: SvelteKit's adapter step always trips it.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/support/vitest-setup.ts'],
		env: { DATABASE_PATH: ':memory:', DATA_DIR: '.test-data', LOG_LEVEL: 'silent', DURABILITY_BUILD_DIR: process.env.DURABILITY_BUILD_DIR ?? 'build' },
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
