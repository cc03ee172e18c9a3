/**
 * A tiny seeded PRNG (mulberry32): the same seed gives the same sequence on every machine, which is
 * what makes `cab mutate --seed S` and `cab check --fresh N --seed S` repeatable. Not for cryptography.
 */
export type Random = () => number;

/** Largest seed accepted on the command line (seeds are unsigned 32-bit integers). */
export const MAX_SEED = 0xffff_ffff;

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed for a sub-stream (per task, per language…): FNV-1a over the parent seed and a label. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const char of `${seed}:${label}`) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A shuffled copy (Fisher–Yates); the input order matters, so callers sort first. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
