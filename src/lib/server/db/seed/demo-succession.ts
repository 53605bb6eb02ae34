import type { DemoContext } from './context';

/** Demo content for the succession area. */
export function seedSuccession(_ctx: DemoContext): void {}
