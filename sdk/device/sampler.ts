// GPU / SoC figures in the background, about once a second, never on the graph's path: `tegrastats` on
// a Jetson (a long-running child whose lines are parsed as they come, plus `nvpmodel -q` once),
// otherwise `nvidia-smi` polled once a second, otherwise nothing (source "none" and a note saying why).
// A missing or failing tool is not an error: the note says what happened and the graph goes on.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { DeviceSnap } from "./device-snap.js";
import { nvidiaSmiArgs, parseNvidiaSmi } from "./nvidia-smi.js";
import { parseNvpmodel, parseTegrastats } from "./tegrastats.js";

export interface DeviceSamplerOptions {
  /** Sampling period, ms (default 1000). */
  readonly everyMs?: number;
  /** Where to look for the tools (default $PATH). */
  readonly searchPath?: string;
}

/** The executable `name` on `searchPath`, if there is one. */
export function findTool(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export class DeviceSampler {
  private current: DeviceSnap = { source: "none", note: "device figures not sampled yet" };
  private child: ChildProcess | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private powerMode: string | undefined;
  /** Lines or outputs that could not be read (counted, not fatal). */
  unreadable = 0;
  readonly everyMs: number;

  constructor(private readonly opts: DeviceSamplerOptions = {}) {
    this.everyMs = opts.everyMs ?? 1000;
  }

  snap(): DeviceSnap {
    return this.current;
  }

  start(): void {
    const tegrastats = findTool("tegrastats", this.opts.searchPath);
    if (tegrastats) return this.startTegrastats(tegrastats);
    const smi = findTool("nvidia-smi", this.opts.searchPath);
    if (smi) return this.pollNvidiaSmi(smi);
    this.current = { source: "none", note: "no tegrastats (Jetson) or nvidia-smi on PATH: no GPU figures" };
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    this.child = undefined;
  }

  private startTegrastats(file: string): void {
    this.current = { source: "tegrastats", note: "waiting for the first tegrastats line" };
    const nvpmodel = findTool("nvpmodel", this.opts.searchPath);
    if (nvpmodel) {
      execFile(nvpmodel, ["-q"], { timeout: 5000 }, (err, stdout) => {
        if (!err) this.powerMode = parseNvpmodel(stdout);
      });
    }
    const child = spawn(file, ["--interval", String(this.everyMs)], { stdio: ["ignore", "pipe", "ignore"] });
    this.child = child;
    child.on("error", (err) => {
      this.current = { source: "none", note: `tegrastats failed to start: ${err.message}` };
    });
    child.on("exit", (code, signal) => {
      if (this.stopped) return;
      this.current = { ...this.current, note: `tegrastats exited (${signal ?? code}): figures are no longer updated` };
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const snap = parseTegrastats(line);
      if (snap.gpuLoadPct === undefined && snap.memUsedMb === undefined) {
        this.unreadable++;
        return;
      }
      this.current = this.powerMode !== undefined ? { ...snap, powerMode: this.powerMode } : snap;
    });
    child.unref();
  }

  private pollNvidiaSmi(file: string): void {
    this.current = { source: "nvidia-smi", note: "waiting for the first nvidia-smi reading" };
    const poll = (): void => {
      execFile(file, nvidiaSmiArgs(), { timeout: 5000 }, (err, stdout, stderr) => {
        if (this.stopped) return;
        if (err) {
          this.unreadable++;
          this.current = { source: "nvidia-smi", note: `nvidia-smi failed: ${(stderr || err.message).trim().split("\n")[0]}` };
        } else {
          this.current = parseNvidiaSmi(stdout);
        }
        // The next poll is scheduled after this one answered: a slow nvidia-smi never piles up.
        this.timer = setTimeout(poll, this.everyMs);
        this.timer.unref();
      });
    };
    poll();
  }
}
