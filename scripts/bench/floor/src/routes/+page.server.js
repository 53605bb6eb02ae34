import { env } from '$env/dynamic/private';

const WORDS = 'lead members share what works for children in care and care leavers across every authority'.split(' ');

/** 20 posts whose text adds up to FLOOR_TEXT_BYTES (ASCII, so bytes = characters), built once. */
function makePosts() {
	const total = Number(env.FLOOR_TEXT_BYTES ?? 0);
	const each = Math.floor(total / 20);
	return Array.from({ length: 20 }, (_, i) => {
		let body = '';
		for (let w = i; body.length < each; w++) body += WORDS[w % WORDS.length] + ' ';
		return { id: i + 1, author: `Member ${i + 1}`, authority: 'Example County Council', at: `${i + 1} November 2026, 7:00am`, body: body.slice(0, i === 19 ? total - 19 * each : each) };
	});
}

let posts;

export function load() {
	posts ??= makePosts();
	return { title: 'Keeping in touch with care leavers', posts };
}
