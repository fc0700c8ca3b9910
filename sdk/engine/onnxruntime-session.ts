// Opens an ONNX Runtime session on the first execution provider that loads, in the order asked for.
// A provider that is not bundled with this onnxruntime-node build, or whose libraries fail to load
// (CUDA EP on a machine without CUDA), is dropped with a note saying why, and the next one is tried.

import * as ort from "onnxruntime-node";

/**
 * ONNX Runtime's Linux build starts Microsoft's telemetry client with its first session unless
 * ORT_DISABLE_TELEMETRY is set: every run then left ~/.cache/Microsoft/DeveloperTools/.onnxruntime/
 * (a device id and an onnxruntime.db) in the home folder and mat-debug-<pid>.log and .ses in the temp
 * dir. It reads the variable when the first session opens, so setting it here, when this module loads,
 * covers every session in the process (calibration's too). A user who sets it (to 0) keeps their value.
 */
export function keepOnnxRuntimeQuiet(): void {
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
}
keepOnnxRuntimeQuiet();

export interface SessionOptions {
  /** Execution providers in order of preference, e.g. ["cuda", "cpu"]. Default ["cpu"]. */
  readonly providers?: readonly string[];
  /** ONNX Runtime intra-op threads; default lets ONNX Runtime choose. */
  readonly threads?: number;
}

export interface OpenedSession {
  readonly session: ort.InferenceSession;
  /** The provider the session runs on first (others in the list may take the ops it lacks). */
  readonly provider: string;
  /** One line per provider that was asked for and dropped, and why. */
  readonly notes: readonly string[];
}

export async function openSession(file: string, opts: SessionOptions = {}): Promise<OpenedSession> {
  const asked = opts.providers && opts.providers.length > 0 ? opts.providers.map((p) => p.toLowerCase()) : ["cpu"];
  const supported = new Map(ort.listSupportedBackends().map((b) => [b.name.toLowerCase(), b.bundled]));
  const notes: string[] = [];
  let candidates = asked.filter((p) => {
    if (supported.has(p)) return true;
    notes.push(`execution provider "${p}" is not known to this onnxruntime-node build (it knows ${[...supported.keys()].join(", ")}); skipped`);
    return false;
  });
  // CPU is the floor every build has: a list without it would fail outright where its providers are absent.
  if (!candidates.includes("cpu")) candidates = [...candidates, "cpu"];

  for (;;) {
    const first = candidates[0] as string;
    try {
      const session = await ort.InferenceSession.create(file, {
        executionProviders: candidates,
        graphOptimizationLevel: "all",
        ...(opts.threads !== undefined ? { intraOpNumThreads: opts.threads } : {}),
      });
      return { session, provider: first, notes };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (first === "cpu") throw new Error(`ONNX Runtime could not open ${file}: ${message}`);
      notes.push(`execution provider "${first}" failed to load (${firstLine(message)}); falling back to ${candidates.slice(1).join(", ")}`);
      candidates = candidates.slice(1);
    }
  }
}

function firstLine(s: string): string {
  const line = s.split("\n")[0] ?? s;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
