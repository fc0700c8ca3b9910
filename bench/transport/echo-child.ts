// The far end of bench/transport: echoes every message back, raw ZeroMQ and Reflex side by side.
// Raw: PULL -> the received Buffer straight back on PUSH (zero-copy), `await send` as zeromq.js intends.
// Reflex: LinkReceiver -> the decoded Msg re-sent on a LinkSender (envelope and body re-encoded, the
// pixels go back as the received frame, not copied) - what a pass-through node in another process does.
import pino from "pino";
import * as zmq from "zeromq";
import { LinkReceiver, LinkSender } from "../../sdk/transport/index.js";
import type { ChildCommand, ChildReply, SetupCommand } from "./protocol.js";

const logger = pino({ level: "warn" });
let raw: { pull: zmq.Pull; push: zmq.Push; loop: Promise<void> } | undefined;
let reflex: { rx: LinkReceiver; tx: LinkSender } | undefined;

function reply(r: ChildReply): void {
  process.send?.(r);
}

async function setup(cmd: SetupCommand): Promise<void> {
  const pull = new zmq.Pull({ receiveHighWaterMark: 8, linger: 0 });
  const push = new zmq.Push({ sendHighWaterMark: 8, linger: 0 });
  pull.connect(cmd.rawPing);
  push.connect(cmd.rawPong);
  const loop = (async () => {
    for (;;) {
      let frames: Buffer[];
      try {
        frames = await pull.receive();
        await push.send(frames);
      } catch {
        return;
      }
    }
  })();
  raw = { pull, push, loop };

  const tx = new LinkSender({ endpoint: cmd.reflexPong, name: "bench-pong", logger });
  await tx.open();
  const rx = new LinkReceiver({ endpoint: cmd.reflexPing, name: "bench-ping", logger, qos: { kind: "keep-latest" }, onMessage: (m) => tx.send(m) });
  rx.request(Infinity);
  rx.open();
  reflex = { rx, tx };
  await tx.waitForPeers(1, 10_000);
  reply({ kind: "ready" });
}

async function stop(): Promise<void> {
  if (raw) {
    raw.pull.close();
    raw.push.close();
    await raw.loop;
  }
  if (reflex) {
    await reflex.rx.close();
    await reflex.tx.close();
  }
  process.removeAllListeners("disconnect");
  reply({ kind: "stopped" });
  process.disconnect?.();
}

// The parent died or gave up: do not linger as an orphan.
process.on("disconnect", () => process.exit(0));

process.on("message", (cmd: ChildCommand) => {
  const run = cmd.kind === "setup" ? setup(cmd) : stop();
  run.catch((err: unknown) => {
    process.stderr.write(`echo-child: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
});
