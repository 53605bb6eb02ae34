/**
 * Form handling for actions: one zod schema per form; errors keyed by field name with the
 * message to show; the values the user typed, to put back in the form (never passwords).
 */
import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { inFieldOrder } from '../field-order';
import { cleanText } from './validation';

export type FormValues = Record<string, string | string[]>;
export type FormErrors = Record<string, string>;

const SECRET = /password|code|token/i;

/** A field's text values, control characters removed (see cleanText) except in secrets, which must stay exactly as typed. */
function strings(data: FormData, key: string): string[] {
	const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
	return SECRET.test(key) ? all : all.map(cleanText);
}

/** The submitted values, arrays for repeated names (checkboxes), secrets left out. */
export function formValues(data: FormData, arrays: string[] = []): FormValues {
	const out: FormValues = {};
	for (const key of new Set(data.keys())) {
		if (SECRET.test(key)) continue;
		const all = strings(data, key);
		out[key] = arrays.includes(key) || all.length > 1 ? all : (all[0] ?? '');
	}
	for (const key of arrays) out[key] ??= [];
	return out;
}

export type Parsed<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FormErrors; values: FormValues };

/** Validates form data against a schema; the first message per field wins, fields in the form's order. */
export function parseForm<S extends z.ZodType>(schema: S, data: FormData, opts: { arrays?: string[] } = {}): Parsed<z.infer<S>> {
	const values = formValues(data, opts.arrays);
	const raw: Record<string, unknown> = {};
	for (const key of new Set(data.keys())) {
		const all = strings(data, key);
		raw[key] = opts.arrays?.includes(key) ? all : all[0];
	}
	for (const key of opts.arrays ?? []) raw[key] ??= [];
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data, values };
	const errors: FormErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors: inFieldOrder(errors, data.keys()), values };
}

/** `fail(400, { errors, values })` — the shape every form page expects, errors in the order of the form's fields. */
export function invalid(errors: FormErrors, values: FormValues, status = 400) {
	return fail(status, { errors: inFieldOrder(errors, Object.keys(values)), values });
}

/** Convenience: a parsed result's failure as an action response. */
export function failed(p: { errors: FormErrors; values: FormValues }) {
	return invalid(p.errors, p.values);
}
