// Child process for link.test.ts: binds a sender, waits for the parent's receiver (handshake), sends
// N ticks paced by the high-water mark, closes (linger flushes the queue) and exits 0.
import pino from "pino";
import { LinkSender } from "../../sdk/transport/index.js";

const [endpoint, count] = process.argv.slice(2) as [string, string];
const tx = new LinkSender({ endpoint, name: "child", logger: pino({ level: "warn" }), sendHighWaterMark: 1000, lingerMs: 5000 });
await tx.open();
await tx.waitForPeers(1, 10_000);
for (let seq = 1; seq <= Number(count); seq++) {
  tx.send({ header: { topic: "child/tick", seq, captureNs: seq, type: "reflex.Tick", trace: undefined }, body: { index: seq } });
}
await new Promise((r) => setImmediate(r));
if (tx.counters.sent !== Number(count)) {
  console.error("child: not all sent", tx.counters);
  process.exitCode = 1;
}
await tx.close();
