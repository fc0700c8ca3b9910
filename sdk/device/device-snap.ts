// What the device sampler reports about the GPU / SoC; the dashboard snapshot carries it as is.

/** GPU / SoC figures: tegrastats on Jetson, nvidia-smi elsewhere, else source "none" with a note. */
export interface DeviceSnap {
  readonly source: "tegrastats" | "nvidia-smi" | "none";
  readonly note?: string;
  readonly gpuLoadPct?: number;
  readonly emcPct?: number;
  readonly powerMode?: string;
  readonly powerW?: number;
  readonly memUsedMb?: number;
  readonly memTotalMb?: number;
  readonly tempsC?: Readonly<Record<string, number>>;
  readonly throttling?: boolean;
}
