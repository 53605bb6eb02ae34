/**
 * Progressive enhancement for create forms (see $lib/server/once.ts): `use:enhance={submitOnce()}`
 * disables the form's buttons while it is being sent, so a double click sends once, and on
 * success clears its text areas, so the text cannot be posted again by mistake. Without
 * JavaScript the form posts as usual and the one-time token does the same job on the server.
 */
import type { SubmitFunction } from '@sveltejs/kit';

export function submitOnce(opts: { clear?: boolean; reset?: boolean } = {}): SubmitFunction {
	const clear = opts.clear ?? true;
	return ({ formElement, submitter }) => {
		// Only "create" submits are guarded; a secondary button (Preview) posts to another action.
		const buttons = [...formElement.querySelectorAll<HTMLButtonElement>('button:not([type]), button[type="submit"]')];
		for (const b of buttons) b.disabled = true;
		formElement.setAttribute('aria-busy', 'true');
		const previewing = submitter instanceof HTMLButtonElement && /[?&]\/preview\b/.test(submitter.getAttribute('formaction') ?? '');
		return async ({ result, update }) => {
			try {
				if (clear && !previewing && (result.type === 'success' || result.type === 'redirect')) {
					for (const t of formElement.querySelectorAll('textarea')) t.value = '';
					// A file sent with the post is not sent again with the next one.
					for (const f of formElement.querySelectorAll<HTMLInputElement>('input[type="file"]')) f.value = '';
				}
				await update({ reset: opts.reset ?? false });
			} finally {
				for (const b of buttons) b.disabled = false;
				formElement.removeAttribute('aria-busy');
			}
		};
	};
}
