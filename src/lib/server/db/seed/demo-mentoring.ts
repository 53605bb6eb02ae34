import type { DemoContext } from './context';

/** Demo content for the mentoring area. */
export function seedMentoring(_ctx: DemoContext): void {}
