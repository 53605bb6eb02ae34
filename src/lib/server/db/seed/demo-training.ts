import type { DemoContext } from './context';

/** Demo content for the training area. */
export function seedTraining(_ctx: DemoContext): void {}
