// Shared by the transport tests: a log you can read back, sample bodies of every message type, a
// bounded wait for a condition (a bound on a hang, not a speed claim), and links that are closed after.
import { rm } from "node:fs/promises";
import pino, { type Logger } from "pino";
import { messageNames, type MessageName } from "../../sdk/messages/index.js";
import descriptor from "../../sdk/messages/generated/descriptor.json" with { type: "json" };
import { appendSpan, type Msg, type Trace } from "../../sdk/core/message.js";
import { ipcEndpoint, LinkReceiver, LinkSender, makeRunDir, type LinkReceiverOptions, type LinkSenderOptions } from "../../sdk/transport/index.js";

export interface LogLine {
  level: number;
  msg: string;
  count?: number;
  [key: string]: unknown;
}

export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: "debug" }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { logger, lines };
}

/** Polls `cond` until it holds; fails naming `what` after `timeoutMs` (a hang guard, not a timing check). */
export async function until(cond: () => boolean, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const trace: Trace = appendSpan(appendSpan(undefined, "camera", 100, 120, ""), "policy", 300, 450, "gpu");

interface FieldDef {
  type: string;
  id: number;
  rule?: string;
}
interface Def {
  nested?: Record<string, Def>;
  fields?: Record<string, FieldDef>;
  values?: Record<string, number>;
}
const defs = new Map<string, Def>();
(function walk(ns: Def, prefix: string): void {
  for (const [name, def] of Object.entries(ns.nested ?? {})) {
    const full = prefix ? `${prefix}.${name}` : name;
    defs.set(full, def);
    walk(def, full);
  }
})(descriptor as Def, "");

function sampleValue(type: string, pkg: string, salt: number, depth: number): unknown {
  switch (type) {
    case "string":
      return `s${salt}-✓`;
    case "bool":
      return true;
    case "double":
    case "float":
      return 1.5 + salt;
    case "int32":
    case "sint32":
    case "sfixed32":
      return -3 - salt;
    case "uint32":
    case "fixed32":
      return 7 + salt;
    case "int64":
    case "sint64":
    case "sfixed64":
      return -(2 ** 40) - salt;
    case "uint64":
    case "fixed64":
      return 2 ** 40 + salt;
    case "bytes":
      return new Uint8Array(200 + salt).map((_, i) => (i * 7 + salt) & 0xff);
  }
  const full = type.includes(".") ? type : `${pkg}.${type}`;
  const def = defs.get(full);
  if (def?.values) return Object.values(def.values).at(-1);
  if (def?.fields && depth < 4) return sampleOf(full, depth + 1);
  throw new Error(`no sample for field type ${type}`);
}

function sampleOf(full: string, depth: number): Record<string, unknown> {
  const def = defs.get(full);
  if (!def?.fields) throw new Error(`${full} is not a message`);
  const pkg = full.slice(0, full.lastIndexOf("."));
  const body: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(def.fields)) {
    body[name] = f.rule === "repeated" ? [sampleValue(f.type, pkg, f.id, depth), sampleValue(f.type, pkg, f.id + 1, depth)] : sampleValue(f.type, pkg, f.id, depth);
  }
  return body;
}

/**
 * A body with every field set (from descriptor.json, so a message type added to the .proto files is
 * covered without editing the tests). Bytes fields are 200+ bytes so ZeroMQ sends them zero-copy.
 */
export function sampleBody(type: MessageName): Record<string, unknown> {
  return sampleOf(type, 0);
}

export const allTypes: readonly MessageName[] = messageNames;

export function sampleMsg(type: MessageName, seq = 1, topic = `test/${type}`): Msg {
  return { header: { topic, seq, captureNs: 1_234_567_890 + seq, type, trace }, body: sampleBody(type) };
}

export function tickMsg(topic: string, seq: number): Msg {
  return { header: { topic, seq, captureNs: seq * 1000, type: "reflex.Tick", trace: undefined }, body: { index: seq } };
}

/** Plain-data view of a decoded body (class instances and Buffers to plain objects and arrays). */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** Opens links on a fresh ipc endpoint and closes every one (and the run dir) in `dispose`. */
export class LinkScope {
  readonly senders: LinkSender[] = [];
  readonly receivers: LinkReceiver[] = [];
  private runDir: string | undefined;

  async endpoint(name: string): Promise<string> {
    this.runDir ??= await makeRunDir();
    return ipcEndpoint(this.runDir, name);
  }

  async sender(opts: LinkSenderOptions): Promise<LinkSender> {
    const s = new LinkSender(opts);
    this.senders.push(s);
    await s.open();
    return s;
  }

  receiver(opts: LinkReceiverOptions): LinkReceiver {
    const r = new LinkReceiver(opts);
    this.receivers.push(r);
    r.open();
    return r;
  }

  async dispose(): Promise<void> {
    for (const r of this.receivers) await r.close();
    for (const s of this.senders) await s.close();
    this.receivers.length = 0;
    this.senders.length = 0;
    if (this.runDir) await rm(this.runDir, { recursive: true, force: true });
    this.runDir = undefined;
  }
}
