// The WebSocket to the server: `/ws` on the page's own host, with the page's `token` query parameter
// passed through; reconnects with exponential backoff (250 ms doubling to 5 s) and reports its state.
import type { DashboardMessage } from "../sdk/telemetry/snapshot-types.js";

export type ConnState =
  | { readonly kind: "connecting"; readonly attempt: number }
  | { readonly kind: "open" }
  | { readonly kind: "closed"; readonly retryInMs: number; readonly reason: string };

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5000;

export function wsUrl(loc: Location): string {
  const proto = loc.protocol === "https:" ? "wss:" : "ws:";
  const token = new URLSearchParams(loc.search).get("token");
  // The page may be served under a prefix (a reverse proxy): /ws sits next to index.html.
  const base = loc.pathname.replace(/[^/]*$/, "");
  return `${proto}//${loc.host}${base}ws${token !== null ? `?token=${encodeURIComponent(token)}` : ""}`;
}

export class DashboardSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Messages that were not valid dashboard messages (counted, not fatal). */
  bad = 0;

  constructor(
    private readonly url: string,
    private readonly onMessage: (m: DashboardMessage) => void,
    private readonly onState: (s: ConnState) => void,
  ) {}

  connect(): void {
    this.attempt++;
    this.onState({ kind: "connecting", attempt: this.attempt });
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onState({ kind: "open" });
    };
    ws.onmessage = (ev: MessageEvent) => {
      let m: unknown;
      try {
        m = JSON.parse(typeof ev.data === "string" ? ev.data : "");
      } catch {
        this.bad++;
        return;
      }
      if (isMessage(m)) this.onMessage(m);
      else this.bad++;
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      const retryInMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(this.attempt, 5));
      const reason = ev.reason || (ev.code === 1006 ? "connection lost or refused" : `code ${ev.code}`);
      this.onState({ kind: "closed", retryInMs, reason });
      this.timer = setTimeout(() => this.connect(), retryInMs);
    };
  }

  close(): void {
    clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = undefined;
    ws?.close();
  }
}

function isMessage(m: unknown): m is DashboardMessage {
  if (typeof m !== "object" || m === null) return false;
  const o = m as { t?: unknown; snapshot?: { v?: unknown; nodes?: unknown }; graph?: { nodes?: unknown } };
  if (o.t !== "hello" && o.t !== "snapshot") return false;
  if (o.snapshot?.v !== 1 || !Array.isArray(o.snapshot.nodes)) return false;
  return o.t === "snapshot" || Array.isArray(o.graph?.nodes);
}
