import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as events from '$lib/server/training/events';
import { idParam } from '$lib/server/training/forms';
import { config } from '$lib/server/config';
import { actorOf } from '$lib/server/request';

/** The event as an .ics calendar file. */
export const GET: RequestHandler = ({ locals, params }) => {
	const id = idParam(params.id);
	if (id == null) error(404, 'Page not found');
	const { filename, body } = events.calendar(actorOf(locals), id, config().origin);
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
