// The largest numbers a duration, a rate and a seed may take, and TypeBox fields that carry them, so
// that no number in a config means "off" by accident: Node fires a timer whose delay is past 2^31-1 ms
// after 1 ms, so `--duration 2200000` used to end a run at once, and a rate so slow that its period
// does not fit a timer is the same trap. Infinity and NaN never get this far: the config loader
// rejects every non-finite number (sdk/config/finite-numbers.ts).
import { Type, type IntegerOptions, type NumberOptions, type TInteger, type TNumber } from "@sinclair/typebox";

/** The longest delay setTimeout holds (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** MAX_TIMER_MS in seconds. */
export const MAX_TIMER_S = MAX_TIMER_MS / 1000;
/**
 * The slowest rate, in Hz: a period of 10^9 ms still fits a timer. A round figure reads better in an
 * error than 1000 / MAX_TIMER_MS.
 */
export const MIN_RATE_HZ = 1e-6;
/** Seeds are 32-bit: the PRNG (sfc32) takes 32-bit words, a larger seed would alias a smaller one. */
export const MAX_SEED = 2 ** 32 - 1;
export const SEED_RANGE = `0..${MAX_SEED}`;

/** A duration in ms (a delay, a deadline, a period): at most MAX_TIMER_MS; `exclusiveMinimum: 0` unless told. */
export function DurationMs(opts: NumberOptions = {}): TNumber {
  return Type.Number({ ...lowerBound(opts), ...opts, maximum: Math.min(opts.maximum ?? MAX_TIMER_MS, MAX_TIMER_MS) });
}

/** A duration in s: at most MAX_TIMER_S; `exclusiveMinimum: 0` unless told. */
export function DurationS(opts: NumberOptions = {}): TNumber {
  return Type.Number({ ...lowerBound(opts), ...opts, maximum: Math.min(opts.maximum ?? MAX_TIMER_S, MAX_TIMER_S) });
}

/** A rate in Hz (ticks, frames, messages per second): at least MIN_RATE_HZ, so its period fits a timer. */
export function RateHz(opts: Omit<NumberOptions, "minimum" | "exclusiveMinimum"> = {}): TNumber {
  return Type.Number({ ...opts, minimum: MIN_RATE_HZ });
}

/** A PRNG seed: an integer in SEED_RANGE (said in the description, so `reflex nodes` and editors show it). */
export function Seed(opts: IntegerOptions = {}): TInteger {
  const description = `${opts.description ?? "seed"} (${SEED_RANGE})`;
  return Type.Integer({ ...opts, minimum: 0, maximum: MAX_SEED, description });
}

function lowerBound(opts: NumberOptions): NumberOptions {
  return opts.minimum === undefined && opts.exclusiveMinimum === undefined ? { exclusiveMinimum: 0 } : {};
}
