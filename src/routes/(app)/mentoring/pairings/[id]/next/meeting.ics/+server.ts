import type { RequestHandler } from './$types';
import * as meetings from '$lib/server/mentoring/meetings';
import { actorOf } from '$lib/server/request';
import { idParam } from '../../../../ids';

/** The booked next meeting as an .ics file (the pair only; 404 when none is booked). */
export const GET: RequestHandler = ({ locals, params }) => {
	const { filename, body } = meetings.calendar(actorOf(locals), idParam(params.id));
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
