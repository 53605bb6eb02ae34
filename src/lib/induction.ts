/** Words the induction pages share with the server (progress is "steps done of steps", never a grade). */
export function progressText(done: number, total: number): string {
	return `${done} of ${total} ${total === 1 ? 'step' : 'steps'} done`;
}
