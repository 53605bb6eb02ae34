import type { DemoContext } from './context';
import * as preferences from '../mail/preferences';
import * as outbox from '../mail/outbox';
import { recordBounce } from '../mail/bounces';
import { recordSignIn } from '../mail/engagement';
import * as regional from '../digests/regional';
import { renderMarkdown } from '../markdown';
import { htmlToText } from '../digests/render';
import type { RegionalDigestSection } from '../db/schema';

const DAY = 86_400_000;

/** A coordinator's own section, as the compose page would store it. */
function custom(key: string, title: string, body: string): RegionalDigestSection {
	const bodyHtml = renderMarkdown(body);
	return { key, title, source: 'custom', items: [], body, bodyHtml, bodyText: htmlToText(bodyHtml), kept: true };
}

/**
 * Demo content for the digests area: a North West digest sent a fortnight ago and a national one
 * a month ago (with their emails recorded as sent, nothing delivered), a North West draft for the
 * coordinator to finish, and a spread of members' email choices.
 */
export function seedDigests(ctx: DemoContext): void {
	const coordinator = ctx.memberId('coordinator@example.org');
	const admin = ctx.memberId('admin@example.org');

	// Email choices: most keep the weekly Monday 7am default; some chose otherwise.
	const hours = [6, 7, 8, 12, 18];
	for (const m of ctx.members) {
		const r = ctx.random();
		if (m.email === 'member@example.org' || m.email === 'coordinator@example.org' || m.email === 'admin@example.org' || m.email === 'mentor@example.org') continue;
		if (r < 0.15) preferences.update(m.id, { digestFrequency: 'daily', digestHour: hours[Math.floor(ctx.random() * hours.length)] }, ctx.now - 60 * DAY);
		else if (r < 0.22) preferences.update(m.id, { digestFrequency: 'never' }, ctx.now - 60 * DAY);
		else if (r < 0.35) preferences.update(m.id, { digestWeekday: 1 + Math.floor(ctx.random() * 5) }, ctx.now - 60 * DAY);
		if (ctx.random() < 0.08) preferences.update(m.id, { regionalDigest: false }, ctx.now - 60 * DAY);
	}
	preferences.update(ctx.memberId('mentor@example.org'), { digestFrequency: 'daily', digestHour: 8 }, ctx.now - 60 * DAY);

	// Email that does not arrive (issue 14): Stuart Nicholson's council mailbox was closed, so
	// mail to him bounces and the North West coordinator sees him under Admin → Email addresses
	// that bounce. Janet Dobson has not been seen for 14 months: her next digest becomes one
	// "are you still there?" email.
	recordBounce(ctx.memberId('stuart.nicholson@example.org'), 'hard', '550 5.1.1 <stuart.nicholson@example.org>: Recipient address rejected: mailbox closed', ctx.now - 9 * DAY);
	recordSignIn(ctx.memberId('janet.dobson@example.org'), ctx.now - 425 * DAY);

	const nationalAt = ctx.now - 30 * DAY;
	regional.recordHistoric({
		regionId: null,
		title: 'Welcome to the Lead Member Network',
		intro:
			'Thank you for joining. This network is a place to **ask peers between meetings**, to find a mentor when you are new in the role, to keep your training record and to get your authority ready for the day someone else takes the portfolio.\n\n' +
			'Your regional coordinator will send a digest like this a few times a term. Your own weekly digest, with replies and questions for you, comes on Monday mornings unless you [change your email settings](/settings/email).',
		sections: [
			custom('s1', 'Three things to do this week', '- Fill in your [profile](/settings/profile), with the topics you know about\n- Ask the question you have been meaning to ask in [Discussions](/threads)\n- Log the last training you went to in your [training log](/training)'),
			...regional.suggestedSections(null, nationalAt - 30 * DAY, nationalAt).map((s, i) => ({ ...s, key: `s${i + 2}` }))
		],
		sentAt: nationalAt,
		createdById: admin,
		coversFrom: nationalAt - 30 * DAY
	});

	const northWestAt = ctx.now - 14 * DAY;
	regional.recordHistoric({
		regionId: 'north-west',
		title: 'Budget season and the new SEND inspection framework',
		intro:
			'Good morning all. With budget setting coming up, several of you have asked how others are protecting early help. The threads below are a good place to start, and the next network meeting has a session on it.\n\n' +
			'A warm welcome to the colleagues who joined us this month.',
		sections: [
			...regional.suggestedSections('north-west', northWestAt - 30 * DAY, northWestAt).map((s, i) => ({ ...s, key: `s${i + 1}` })),
			custom('s50', 'Dates for your diary', '- **Regional Lead Member network**: Thursday 10 December, 10am to 1pm, online\n- **Corporate parenting panel chairs**: Tuesday 19 January, Manchester')
		],
		sentAt: northWestAt,
		createdById: coordinator,
		coversFrom: northWestAt - 30 * DAY
	});

	// A draft the coordinator can finish in the demo.
	regional.create({ id: coordinator, role: 'coordinator', authorityId: 0, regionId: 'north-west', coordinatorRegionId: 'north-west' }, 'north-west', ctx.now - DAY);

	// One email the mail server never answered, twice (Admin → Mail delivery, "No answer: may have arrived").
	const mentor = ctx.members.find((m) => m.email === 'mentor@example.org')!;
	outbox.recordUncertain(
		{
			key: `demo:uncertain:${mentor.id}`,
			kind: 'notification',
			to: mentor.email,
			recipientId: mentor.id,
			subject: 'New reply in “Protecting early help in budget season”',
			text: 'There is a new reply in a thread you follow.',
			html: '<p>There is a new reply in a thread you follow.</p>'
		},
		ctx.now - 3 * DAY
	);
}
