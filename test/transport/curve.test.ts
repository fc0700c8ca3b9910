import assert from "node:assert/strict";
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { register as registerKeys } from "../../sdk/cli/keys.js";
import { generateKeyPair, readKeyPair, readPublicKey, tcpEndpoint, writeKeyFiles, type CurveKeyPair, type LinkReceiver, type LinkSender } from "../../sdk/transport/index.js";
import { isCurveKey, z85Decode, z85Encode } from "../../sdk/transport/z85.js";
import { captureLogger, LinkScope, tickMsg, until, type LogLine } from "./link-fixture.js";

describe("transport: CurveZMQ", () => {
  describe("keys and key files", () => {
    let dir = "";
    beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "reflex-keys-"))));
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it("generates Z85 key pairs, and Z85 round-trips (RFC 32 test vector)", () => {
      const pair = generateKeyPair();
      assert.ok(isCurveKey(pair.publicKey) && isCurveKey(pair.secretKey));
      assert.notEqual(pair.publicKey, generateKeyPair().publicKey);
      const vector = Uint8Array.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]);
      assert.equal(z85Encode(vector), "HelloWorld");
      assert.deepEqual(z85Decode("HelloWorld"), vector);
      assert.equal(z85Decode("Hello World"), undefined);
    });

    it("writes the secret file 0600 and the public file 0644 in ZeroMQ's certificate format, and reads them back", async () => {
      const pair = generateKeyPair();
      const files = await writeKeyFiles(dir, "camera-host", pair);
      assert.equal((await stat(files.secretFile)).mode & 0o777, 0o600);
      assert.equal((await stat(files.publicFile)).mode & 0o777, 0o644);
      assert.deepEqual(await readKeyPair(files.secretFile), pair);
      assert.equal(await readPublicKey(files.publicFile), pair.publicKey);
      const publicText = await readFile(files.publicFile, "utf8");
      assert.match(publicText, new RegExp(`^curve\\n    public-key = "${pair.publicKey.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"$`, "m"));
      assert.doesNotMatch(publicText, /secret-key/);
    });

    it("refuses to overwrite a key pair without force, and to read a secret file others can read", async () => {
      const files = await writeKeyFiles(dir, "a", generateKeyPair());
      await assert.rejects(writeKeyFiles(dir, "a", generateKeyPair()), /already exists; pass --force/);
      const replaced = generateKeyPair();
      await writeKeyFiles(dir, "a", replaced, { force: true });
      assert.equal((await readKeyPair(files.secretFile)).publicKey, replaced.publicKey);
      await chmod(files.secretFile, 0o644);
      await assert.rejects(readKeyPair(files.secretFile), /readable by other users.*chmod 600/);
      await assert.rejects(writeKeyFiles(dir, "../escape", generateKeyPair()), /may only use letters/);
    });

    it("`reflex keys gen --out <dir> --name <name>` writes both files", async () => {
      const program = new Command("reflex").exitOverride();
      registerKeys(program);
      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
      try {
        await program.parseAsync(["node", "reflex", "keys", "gen", "--out", join(dir, "k"), "--name", "robot"]);
      } finally {
        process.stdout.write = write;
      }
      const pair = await readKeyPair(join(dir, "k", "robot.key_secret"));
      assert.equal(await readPublicKey(join(dir, "k", "robot.key")), pair.publicKey);
      assert.match(out.join(""), new RegExp(`public key: ${pair.publicKey.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    });
  });

  describe("links on 127.0.0.1", () => {
    const scope = new LinkScope();
    afterEach(() => scope.dispose());
    const server = generateKeyPair();
    const good = generateKeyPair();
    const bad = generateKeyPair();

    async function curveSender(allowed: CurveKeyPair[], lines?: LogLine[]): Promise<{ tx: LinkSender; lines: LogLine[] }> {
      const log = captureLogger();
      const tx = await scope.sender({ endpoint: tcpEndpoint("127.0.0.1", "*"), name: "secure", logger: log.logger, curve: { ...server, allowedClients: allowed.map((k) => k.publicKey) } });
      return { tx, lines: lines ?? log.lines };
    }

    function curveReceiver(tx: LinkSender, keys: CurveKeyPair, got: number[], serverPublicKey = server.publicKey): { rx: LinkReceiver; lines: LogLine[] } {
      const { logger, lines } = captureLogger();
      const rx = scope.receiver({ endpoint: tx.endpoint, name: "secure", logger, curve: { serverPublicKey, ...keys }, qos: { kind: "queue", size: 8, drop: "newest" }, onMessage: (m) => got.push(m.header.seq) });
      rx.request(Infinity);
      return { rx, lines };
    }

    it("the right client key is accepted and messages are delivered", async () => {
      const { tx } = await curveSender([good]);
      const got: number[] = [];
      curveReceiver(tx, good, got);
      await tx.waitForPeers(1);
      tx.send(tickMsg("secure/tick", 1));
      await until(() => got.length === 1, "delivery over CurveZMQ");
      assert.deepEqual(got, [1]);
      assert.equal(tx.counters.auth_refused, 0);
    });

    it("a client key not in the allowed set is refused, the refusal logged on both ends, and it receives nothing while an allowed one does", async () => {
      const { tx, lines } = await curveSender([good]);
      const badGot: number[] = [];
      const badRx = curveReceiver(tx, bad, badGot);
      await until(() => tx.counters.auth_refused >= 1, "the ZAP refusal");
      const refusal = lines.find((l) => l.msg === "refused a peer: CurveZMQ key not allowed");
      assert.ok(refusal, "the sender logged the refusal");
      assert.equal(refusal.clientKey, bad.publicKey);
      assert.equal(refusal.peer, "127.0.0.1");
      await until(() => badRx.lines.some((l) => l.msg === "the sender refused this receiver's CurveZMQ key"), "the receiver's log of the refusal");

      const goodGot: number[] = [];
      curveReceiver(tx, good, goodGot);
      await tx.waitForPeers(1);
      for (let seq = 1; seq <= 3; seq++) tx.send(tickMsg("secure/tick", seq));
      await until(() => goodGot.length === 3, "the allowed receiver's messages");
      assert.equal(tx.peerCount, 1, "only the allowed receiver became a peer");
      assert.deepEqual(badGot, []);
      assert.equal(badRx.rx.counters.received, 0);
      assert.equal(badRx.rx.connected, false);
    });

    it("a receiver without CurveZMQ, or with the wrong server key, never becomes a peer", async () => {
      const { tx } = await curveSender([good]);
      const plainLog = captureLogger();
      const plainGot: number[] = [];
      const plain = scope.receiver({ endpoint: tx.endpoint, name: "plain", logger: plainLog.logger, onMessage: (m) => plainGot.push(m.header.seq) });
      plain.request(Infinity);
      const wrongServerGot: number[] = [];
      const wrongServer = curveReceiver(tx, good, wrongServerGot, generateKeyPair().publicKey);
      await until(() => wrongServer.lines.some((l) => l.msg.startsWith("security handshake failed")), "the failed handshake logged");
      const goodGot: number[] = [];
      curveReceiver(tx, good, goodGot);
      await tx.waitForPeers(1);
      tx.send(tickMsg("secure/tick", 1));
      await until(() => goodGot.length === 1, "the correct receiver's message");
      assert.equal(tx.peerCount, 1);
      assert.deepEqual(plainGot, []);
      assert.deepEqual(wrongServerGot, []);
    });

    it("two secure links in one process keep separate allowed sets (one ZAP handler, one domain each)", async () => {
      const other = generateKeyPair();
      const a = await curveSender([good]);
      const b = await curveSender([other]);
      const gotA: number[] = [];
      curveReceiver(a.tx, good, gotA);
      curveReceiver(b.tx, good, []);
      await a.tx.waitForPeers(1);
      await until(() => b.tx.counters.auth_refused >= 1, "link b refusing link a's client");
      assert.equal(a.tx.counters.auth_refused, 0);
      assert.equal(b.tx.peerCount, 0);
    });
  });

  describe("endpoints", () => {
    it("refuses a non-loopback bind unless asked, and a non-loopback tcp link without CurveZMQ unless marked insecure", async () => {
      const { checkEndpoint, ipcEndpoint } = await import("../../sdk/transport/endpoint.js");
      for (const ep of ["tcp://0.0.0.0:5555", "tcp://*:5555", "tcp://192.168.1.20:5555", "tcp://eth0:5555"]) {
        assert.throws(() => checkEndpoint(ep, { curve: true }), /not a loopback address/, ep);
      }
      assert.throws(() => checkEndpoint("tcp://192.168.1.20:5555", { curve: false, allowNonLoopback: true }), /use CurveZMQ/);
      checkEndpoint("tcp://192.168.1.20:5555", { curve: true, allowNonLoopback: true });
      checkEndpoint("tcp://192.168.1.20:5555", { curve: false, allowNonLoopback: true, insecure: true });
      for (const ep of ["tcp://127.0.0.1:5555", "tcp://localhost:1", "tcp://[::1]:9", "ipc:///tmp/x.sock"]) checkEndpoint(ep, { curve: false });
      assert.throws(() => checkEndpoint("udp://127.0.0.1:1", { curve: false }), /unsupported endpoint/);
      assert.throws(() => ipcEndpoint("/tmp/" + "d".repeat(120), "edge"), /longer than 107 bytes/);
      assert.equal(ipcEndpoint("/tmp/run", "camera/image->policy/image"), "ipc:///tmp/run/camera_image-_policy_image.sock");
    });

    it("the link constructors apply the same check", async () => {
      const { LinkSender: Sender } = await import("../../sdk/transport/index.js");
      const { logger } = captureLogger();
      assert.throws(() => new Sender({ endpoint: "tcp://0.0.0.0:7000", name: "x", logger }), /not a loopback address/);
    });
  });
});
