/**
 * Where areas that answer each other's questions are introduced, so that neither imports the
 * other both ways: the training log asks the mentoring area who a member's mentor is through a
 * lookup mentoring provides. The server (hooks.server.ts), the seeds and the command line call
 * `provideLinks()` before they serve or write anything.
 */
import { registerWithTraining } from './mentoring/training-link';

export function provideLinks(): void {
	registerWithTraining();
}
