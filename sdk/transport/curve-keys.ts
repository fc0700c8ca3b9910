// CurveZMQ key pairs and their files. The files use the ZeroMQ certificate format that CZMQ's zcert and
// pyzmq's zmq.auth.load_certificate read, so a C++ or Python node can use the same files:
//   <name>.key         public key, safe to copy to other hosts
//   <name>.key_secret  public + secret key, mode 0600
import * as zmq from "zeromq";
import { chmod, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { isCurveKey } from "./z85.js";

export interface CurveKeyPair {
  /** Z85, 40 characters. */
  readonly publicKey: string;
  /** Z85, 40 characters. Never log it. */
  readonly secretKey: string;
}

export function generateKeyPair(): CurveKeyPair {
  const { publicKey, secretKey } = zmq.curveKeyPair();
  return { publicKey, secretKey };
}

export interface KeyFiles {
  readonly publicFile: string;
  readonly secretFile: string;
}

const NAME = /^[A-Za-z0-9._-]+$/;

function certificate(kind: "public" | "secret", name: string, pair: CurveKeyPair): string {
  const head =
    kind === "secret"
      ? ["#   ZeroMQ CURVE **Secret** Certificate", "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions."]
      : ["#   ZeroMQ CURVE Public Certificate", "#   Give this file to the hosts that must accept this peer."];
  const lines = [
    `#   ****  Generated on ${new Date().toISOString()} by reflex keys gen  ****`,
    ...head,
    "",
    "metadata",
    `    name = "${name}"`,
    "curve",
    `    public-key = "${pair.publicKey}"`,
  ];
  if (kind === "secret") lines.push(`    secret-key = "${pair.secretKey}"`);
  return lines.join("\n") + "\n";
}

/** Writes `<dir>/<name>.key` and `<dir>/<name>.key_secret` (mode 0600). Refuses to overwrite unless `force`. */
export async function writeKeyFiles(dir: string, name: string, pair: CurveKeyPair, opts: { force?: boolean } = {}): Promise<KeyFiles> {
  if (!NAME.test(name)) throw new Error(`key name "${name}" may only use letters, digits, '.', '_' and '-'`);
  await mkdir(dir, { recursive: true });
  const publicFile = join(dir, `${name}.key`);
  const secretFile = join(dir, `${name}.key_secret`);
  const flag = opts.force ? "w" : "wx";
  try {
    // The secret first, created 0600 so it is never readable by others, not even for a moment.
    await writeFile(secretFile, certificate("secret", name, pair), { mode: 0o600, flag });
    await chmod(secretFile, 0o600); // an overwritten file keeps its old mode otherwise
    await writeFile(publicFile, certificate("public", name, pair), { mode: 0o644, flag });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") {
      throw new Error(`${(err as NodeJS.ErrnoException).path ?? dir} already exists; pass --force to replace the key pair (peers holding the old public key will be refused)`);
    }
    throw err;
  }
  return { publicFile, secretFile };
}

function field(text: string, key: string, file: string): string | undefined {
  const m = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(text);
  if (!m) return undefined;
  const value = m[1] as string;
  if (!isCurveKey(value)) throw new Error(`${file}: ${key} is not a 40-character Z85 CurveZMQ key`);
  return value;
}

/** The public key in a `.key` or `.key_secret` file. */
export async function readPublicKey(file: string): Promise<string> {
  const text = await readFile(file, "utf8");
  const key = field(text, "public-key", file);
  if (!key) throw new Error(`${file}: no public-key line; is it a key file made by \`reflex keys gen\`?`);
  return key;
}

/** The key pair in a `.key_secret` file; refuses a file that group or others can read (like ssh does). */
export async function readKeyPair(secretFile: string): Promise<CurveKeyPair> {
  const info = await stat(secretFile);
  if ((info.mode & 0o077) !== 0) {
    throw new Error(`${secretFile} is readable by other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod 600 ${secretFile}`);
  }
  const text = await readFile(secretFile, "utf8");
  const publicKey = field(text, "public-key", secretFile);
  const secretKey = field(text, "secret-key", secretFile);
  if (!publicKey || !secretKey) throw new Error(`${secretFile}: needs public-key and secret-key lines; is it a .key_secret file made by \`reflex keys gen\`?`);
  return { publicKey, secretKey };
}
