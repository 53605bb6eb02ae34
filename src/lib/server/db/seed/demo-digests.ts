import type { DemoContext } from './context';

/** Demo content for the digests area. */
export function seedDigests(_ctx: DemoContext): void {}
