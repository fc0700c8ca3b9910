// ZAP 1.0 (ZeroMQ RFC 27) authenticator. A CurveZMQ server socket only proves the client knows the
// server's public key; deciding *which* clients may connect is delegated by libzmq to a ZAP handler at
// inproc://zeromq.zap.01 in the same context, and zeromq.js ships none. This is one, shared by every
// curve link of a process: each server socket gets its own ZAP domain, registered here with its set of
// allowed client keys. Unknown domains and mechanisms are refused (fail closed), and server sockets set
// zapEnforceDomain so libzmq refuses clients when no handler answers at all.
import * as zmq from "zeromq";
import { z85Encode } from "./z85.js";
import { receiveFrames } from "./receive-loop.js";

export const ZAP_ENDPOINT = "inproc://zeromq.zap.01";

export interface ZapRequestInfo {
  readonly domain: string;
  /** Peer address as libzmq reports it (IP for tcp). */
  readonly address: string;
  readonly mechanism: string;
  /** The client's public key, Z85; "" for a mechanism other than CURVE. */
  readonly clientKey: string;
}

export interface ZapPolicy {
  /** Z85 public keys that may connect. */
  readonly allowed: ReadonlySet<string>;
  onAccepted?(info: ZapRequestInfo): void;
  onRefused?(info: ZapRequestInfo, why: string): void;
}

const VERSION = Buffer.from("1.0");
const EMPTY = Buffer.alloc(0);

class ZapHandler {
  private readonly socket: zmq.Router;
  private readonly policies = new Map<string, ZapPolicy>();
  private loop: Promise<void> | undefined;

  constructor(context: zmq.Context) {
    this.socket = new zmq.Router({ context, linger: 0 });
  }

  async start(): Promise<void> {
    // A just-closed handler's inproc endpoint can take a moment to be released by libzmq's reaper.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.socket.bind(ZAP_ENDPOINT);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    this.loop = this.serve();
  }

  register(domain: string, policy: ZapPolicy): void {
    this.policies.set(domain, policy);
  }

  unregister(domain: string): void {
    this.policies.delete(domain);
  }

  get size(): number {
    return this.policies.size;
  }

  async stop(): Promise<void> {
    this.socket.close();
    await this.loop;
  }

  private serve(): Promise<void> {
    // Any failed receive means the socket closed: this socket has no transient errors worth retrying.
    return receiveFrames(this.socket, () => false, async (frames) => {
      // [routing id, "", version, request id, domain, address, identity, mechanism, ...credentials]
      const [routingId, , version, requestId, domainFrame, addressFrame, , mechanismFrame, credential] = frames;
      if (!routingId || !requestId) return;
      const domain = domainFrame?.toString() ?? "";
      const mechanism = mechanismFrame?.toString() ?? "";
      const info: ZapRequestInfo = {
        domain,
        address: addressFrame?.toString() ?? "",
        mechanism,
        clientKey: mechanism === "CURVE" && credential?.length === 32 ? z85Encode(credential) : "",
      };
      let status = "200";
      let text = "OK";
      const policy = this.policies.get(domain);
      if (!version || !version.equals(VERSION)) [status, text] = ["400", "unsupported ZAP version"];
      else if (!policy) [status, text] = ["400", `no Reflex link registered for ZAP domain "${domain}"`];
      else if (mechanism !== "CURVE" || !info.clientKey) [status, text] = ["400", `mechanism ${mechanism} not accepted`];
      else if (!policy.allowed.has(info.clientKey)) [status, text] = ["400", "client public key is not in the allowed set"];
      if (status === "200") policy?.onAccepted?.(info);
      else policy?.onRefused?.(info, text);
      try {
        // [routing id, "", version, request id, status code, status text, user id, metadata]
        await this.socket.send([routingId, EMPTY, VERSION, requestId, status, text, status === "200" ? info.clientKey : "", EMPTY]);
      } catch {
        return "stop";
      }
    });
  }
}

// One handler per zmq context, shared and reference-counted: it must outlive every curve socket that
// uses it and be closed after the last, or its pending receive keeps the process alive.
const handlers = new Map<zmq.Context, { handler: ZapHandler; ready: Promise<void>; refs: number }>();
let domainCounter = 0;

export interface ZapRegistration {
  /** Set this as the server socket's zapDomain. */
  readonly domain: string;
  release(): Promise<void>;
}

/** Registers a policy with the context's ZAP handler (starting it if needed) under a fresh domain. */
export async function registerZapPolicy(context: zmq.Context, name: string, policy: ZapPolicy): Promise<ZapRegistration> {
  let entry = handlers.get(context);
  if (!entry) {
    const handler = new ZapHandler(context);
    entry = { handler, ready: handler.start(), refs: 0 };
    handlers.set(context, entry);
  }
  entry.refs++;
  const current = entry;
  try {
    await current.ready;
  } catch (err) {
    handlers.delete(context);
    throw err;
  }
  const domain = `reflex/${name}/${process.pid}/${++domainCounter}`;
  current.handler.register(domain, policy);
  let released = false;
  return {
    domain,
    async release() {
      if (released) return;
      released = true;
      current.handler.unregister(domain);
      if (--current.refs === 0) {
        handlers.delete(context);
        await current.handler.stop();
      }
    },
  };
}
