// Every number the CLI takes goes through readNumber, so none means "off" by accident: Number() reads
// "" as 0, "0x10" as 16 and "Infinity" as a number, and a duration past what a timer holds used to end
// a run after 1 ms (`--duration 2200000` exited 0 at once). Commander prints what a parser throws after
// the option's name ("option '--duration <seconds>' argument '2200000' is invalid. ...") and the
// program exits 2 (main.ts).
import { InvalidArgumentError } from "commander";
import { MAX_SEED, MAX_TIMER_S } from "../core/number-limits.js";

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** The minimum itself is not allowed (a duration must be > 0). */
  readonly aboveMin?: boolean;
  readonly integer?: boolean;
  /** What the number is, for the message: "seconds", "a port". */
  readonly what: string;
  /** Said after a value out of range: what to do instead. */
  readonly hint?: string;
}

// Decimal only: no hex, no "Infinity", no empty string, no spaces.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number `text` says when it is one in `range`, else why not (one sentence). */
export function readNumber(text: string, range: NumberRange): number | { readonly why: string } {
  const expected = describeRange(range);
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n)) return { why: `"${text}" is not a finite decimal number; expected ${expected}` };
  if (range.integer && !Number.isInteger(n)) return { why: `${text} is not a whole number; expected ${expected}` };
  const low = range.aboveMin ? n <= range.min : n < range.min;
  if (low || n > range.max) return { why: `${text} is out of range; expected ${expected}${range.hint ? `. ${range.hint}` : ""}` };
  return n;
}

/** A commander option parser for numbers in `range`. */
export function numberOption(range: NumberRange): (text: string) => number {
  return (text) => {
    const n = readNumber(text, range);
    if (typeof n !== "number") throw new InvalidArgumentError(n.why);
    return n;
  };
}

function describeRange(r: NumberRange): string {
  const kind = r.integer ? "an integer" : "a number";
  const low = r.aboveMin ? `> ${r.min}` : `>= ${r.min}`;
  return `${r.what}: ${kind} ${low} and <= ${r.max}`;
}

/** `--duration <seconds>`: a timer must hold it. */
export const parseDurationS = numberOption({
  min: 0,
  aboveMin: true,
  max: MAX_TIMER_S,
  what: "seconds",
  hint: `${MAX_TIMER_S} s (about 24.8 days) is the longest a timer can wait; leave --duration out to run until Ctrl-C or SIGTERM`,
});

/** `--port <n>`: 0 asks for any free port. */
export const parsePortOption = numberOption({ min: 0, max: 65535, integer: true, what: "a TCP port (0 = any free port)" });

/** A seed: 32 bits, as every seed in a config (sdk/core/number-limits.ts). */
export const parseSeedOption = numberOption({ min: 0, max: MAX_SEED, integer: true, what: "a seed" });
