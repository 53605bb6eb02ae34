import { z } from 'zod';

const field = z.string().optional().default('');
/** The step form: every field a string; templates.checkStep says what is wrong. */
export const stepForm = z.object({ key: field, phase: field, title: field, body: field, link: field, linkText: field, rule: field });
