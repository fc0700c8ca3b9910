// The dashboard page's stand-in for bench/telemetry: a separate process (as the browser would be) that
// connects a WebSocket when told, counts the snapshots it receives, and parses each one like the page.
// Commands on stdin, one per line: "open <ws url>" -> prints "hello"; "close" -> prints "closed <snapshots>".
import { createInterface } from "node:readline";
import WebSocket from "ws";

let ws;
let snapshots = 0;
let bytes = 0;
createInterface({ input: process.stdin }).on("line", (line) => {
  const [cmd, arg] = line.trim().split(" ");
  if (cmd === "open") {
    snapshots = 0;
    bytes = 0;
    ws = new WebSocket(arg);
    ws.on("message", (data) => {
      const m = JSON.parse(String(data));
      bytes += data.length;
      if (m.t === "hello") process.stdout.write("hello\n");
      else if (m.t === "snapshot") snapshots++;
    });
    ws.on("error", (err) => process.stdout.write(`error ${err.message}\n`));
  } else if (cmd === "close") {
    ws?.close();
    process.stdout.write(`closed ${snapshots} ${bytes}\n`);
  } else if (cmd === "exit") {
    process.exit(0);
  }
});
