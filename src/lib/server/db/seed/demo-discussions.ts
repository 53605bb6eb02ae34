import type { DemoContext } from './context';

/** Demo content for the discussions area. */
export function seedDiscussions(_ctx: DemoContext): void {}
