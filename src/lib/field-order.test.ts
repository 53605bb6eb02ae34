import { describe, expect, it } from 'vitest';
import { inFieldOrder } from './field-order';

describe('inFieldOrder', () => {
	it('lists errors in the order of the form’s fields, not the schema’s', () => {
		const errors = { title: 'Enter a title', body: 'Write your post', categoryId: 'Choose a category' };
		expect(Object.keys(inFieldOrder(errors, ['title', 'categoryId', 'scope', 'body']))).toEqual(['title', 'categoryId', 'body']);
	});

	it('keeps an error for a field the browser did not send just after the one it followed', () => {
		const errors = { title: 'Enter a title', body: 'Write your post', categoryId: 'Choose a category', scope: 'Choose who can see it' };
		expect(Object.keys(inFieldOrder(errors, ['title', 'categoryId', 'body']))).toEqual(['title', 'categoryId', 'scope', 'body']);
	});

	it('keeps several unsent fields together, before the next field sent', () => {
		expect(Object.keys(inFieldOrder({ a: '1', x: '2', y: '3', b: '4' }, ['a', 'b']))).toEqual(['a', 'x', 'y', 'b']);
	});

	it('puts an error about the whole form first and keeps the messages', () => {
		const ordered = inFieldOrder({ name: 'Enter your name', form: 'Reload the page' }, ['name']);
		expect(ordered).toEqual({ form: 'Reload the page', name: 'Enter your name' });
		expect(Object.keys(ordered)).toEqual(['form', 'name']);
	});

	it('leaves errors as they are when no field is known', () => {
		expect(Object.keys(inFieldOrder({ b: '1', a: '2' }, []))).toEqual(['b', 'a']);
	});
});
