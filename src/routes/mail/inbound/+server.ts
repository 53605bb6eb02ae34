import type { RequestHandler } from './$types';
import * as webhook from '$lib/server/mail/receivers/webhook';

/** Raw mail in (issue 14): a Postfix pipe or a provider's inbound hook, with the shared secret. */
export const POST: RequestHandler = ({ request, url }) => webhook.receive(request, url);
