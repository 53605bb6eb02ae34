import type { PageServerLoad } from './$types';
import { AUDIT_DAYS, EMAIL_BODY_DAYS, SESSION_IDLE_DAYS, backupsKept } from '$lib/server/trust/retention';
import { DEVICE_TTL_MS } from '$lib/server/auth/trusted-devices';
import { config } from '$lib/server/config';
import { BOUNCE_SCORE_RESET_MS } from '$lib/server/mail/bounces';

export const load: PageServerLoad = () => ({
	retention: {
		emailBodyDays: EMAIL_BODY_DAYS,
		auditMonths: Math.round(AUDIT_DAYS / 30.4),
		sessionIdleDays: SESSION_IDLE_DAYS,
		rememberedBrowserDays: Math.round(DEVICE_TTL_MS / 86_400_000),
		backupsKept: backupsKept(),
		inboundRawDays: config().inbound.rawDays,
		inactiveMonths: config().inactiveMonths,
		bounceForgetDays: Math.round(BOUNCE_SCORE_RESET_MS / 86_400_000)
	}
});
