import type { RequestHandler } from './$types';
import * as serve from '$lib/server/library/serve';
import { actorOf } from '$lib/server/request';

export const GET: RequestHandler = ({ locals, params, request, url }) =>
	serve.respond(actorOf(locals), Number(params.id), Number(params.versionId), request, { view: url.searchParams.get('view') === '1' });

export const HEAD: RequestHandler = ({ locals, params, request, url }) =>
	serve.respond(actorOf(locals), Number(params.id), Number(params.versionId), request, { view: url.searchParams.get('view') === '1', head: true });
