import type { SessionMember } from '$lib/server/auth/session';
import type { Session } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Locals {
			user: SessionMember | null;
			session: Session | null;
			requestId: string;
		}
		interface Error {
			message: string;
			requestId?: string;
		}
		interface PageState {}
	}
}

export {};
