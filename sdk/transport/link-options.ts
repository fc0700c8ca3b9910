// Options both ends of a link share.
import type { Logger } from "pino";
import type * as zmq from "zeromq";

export interface LinkCommonOptions {
  /** ipc://path (same host) or tcp://host:port (across hosts). */
  readonly endpoint: string;
  /** Names the link in logs and ZAP domains, e.g. the edge id "camera/image->policy/image". */
  readonly name: string;
  readonly logger: Logger;
  /** Allow a tcp address that is not loopback. Default false: nothing listens off-host unless asked. */
  readonly allowNonLoopback?: boolean;
  /** Allow a non-loopback tcp link without CurveZMQ. Default false. */
  readonly insecure?: boolean;
  /** ZeroMQ context; default the process-wide one. */
  readonly context?: zmq.Context;
  /** Rate limit of warning lines per reason, ms. Default 1000. */
  readonly logIntervalMs?: number;
}

/** ZMTP heartbeats on tcp so a dead host (no FIN, no RST) is noticed: ms. */
export const TCP_HEARTBEAT = { heartbeatInterval: 1000, heartbeatTimeout: 3000, heartbeatTimeToLive: 3000 } as const;
