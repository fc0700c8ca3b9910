// `--log-level`: checked when the option is read. pino throws on a level it does not know ("unknown
// level loud"), and it did so once the run had begun, as a stack trace.
import { InvalidArgumentError } from "commander";
import { didYouMean } from "../core/suggest.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === text);
  if (level) return level;
  const near = didYouMean(text, LOG_LEVELS);
  throw new InvalidArgumentError(`"${text}" is not a log level: use one of ${LOG_LEVELS.join(", ")}${near ? ` (${near})` : ""}`);
}
