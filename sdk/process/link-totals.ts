// Both ends of every cross-process edge for the merged summary, over every incarnation of their
// workers: the consumer's receiver (what arrived, what it refused) and the producer's sender (what it
// lost because no receiver was there, or the receiver's queue was full). combineIncarnations sums the
// consumer's long-standing figures; the sender's and the refusals by kind are summed here, so messages
// sent while a consumer was down or restarting are on their edge even after the producer restarted too.
import type { EdgeRow } from "../telemetry/summary.js";
import type { LinkReport, SendReport, WorkerReport } from "./protocol.js";

export type SenderTotals = Omit<SendReport, "edge">;

export interface LinkRow extends LinkReport {
  /** The producer's link sender, summed over its worker's incarnations; absent if it never reported. */
  readonly sender?: SenderTotals;
}

const zeroSender = (): { -readonly [K in keyof SenderTotals]: number } => ({ sent: 0, noReceiver: 0, queueFull: 0, encodeErrors: 0, junk: 0, authRefused: 0 });

/**
 * The consumer's rows (`combined`: one per edge, from combineIncarnations) with the refusals by kind
 * and the sender's figures, each summed over `incarnations` (every worker's reports, one per incarnation).
 */
export function linkRows(combined: readonly LinkReport[], incarnations: Iterable<readonly (WorkerReport | undefined)[]>): LinkRow[] {
  const senders = new Map<string, ReturnType<typeof zeroSender>>();
  const refused = new Map<string, { wrongType: number; wrongTopic: number; protocolDrops: number }>();
  for (const reports of incarnations) {
    for (const r of reports) {
      if (!r) continue;
      for (const s of r.sends ?? []) {
        let t = senders.get(s.edge);
        if (!t) senders.set(s.edge, (t = zeroSender()));
        t.sent += s.sent;
        t.noReceiver += s.noReceiver;
        t.queueFull += s.queueFull;
        t.encodeErrors += s.encodeErrors;
        t.junk += s.junk;
        t.authRefused += s.authRefused;
      }
      for (const l of r.links) {
        let t = refused.get(l.edge);
        if (!t) refused.set(l.edge, (t = { wrongType: 0, wrongTopic: 0, protocolDrops: 0 }));
        t.wrongType += l.wrongType ?? 0;
        t.wrongTopic += l.wrongTopic ?? 0;
        t.protocolDrops += l.protocolDrops ?? 0;
      }
    }
  }
  return combined.map((l) => {
    const sender = senders.get(l.edge);
    const r = refused.get(l.edge);
    return { ...l, wrongType: r?.wrongType ?? 0, wrongTopic: r?.wrongTopic ?? 0, protocolDrops: r?.protocolDrops ?? 0, ...(sender ? { sender } : {}) };
  });
}

/** The edge rows with what their links lost: sent with no receiver, and refused at the consumer. */
export function withLinkLosses(edges: readonly EdgeRow[], links: readonly LinkRow[]): EdgeRow[] {
  const byEdge = new Map(links.map((l) => [l.edge, l]));
  return edges.map((e) => {
    const l = byEdge.get(e.edge);
    if (!l) return e;
    return { ...e, dropped_no_receiver: l.sender?.noReceiver ?? 0, dropped_bad: l.badFrames };
  });
}
