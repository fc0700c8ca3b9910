// Seeded samples for the calibration tests and benchmark: Gaussian, Laplace, ReLU-clipped Gaussian, and a
// Gaussian with rare large outliers.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DistributionName = "gaussian" | "laplace" | "relu" | "outliers";
export const DISTRIBUTIONS: readonly DistributionName[] = ["gaussian", "laplace", "relu", "outliers"];

export function sample(kind: DistributionName, n: number, seed: number, sigma = 1): Float32Array {
  const rand = mulberry32(seed);
  const gauss = () => {
    const u = rand() || 1e-12;
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    switch (kind) {
      case "gaussian":
        out[i] = sigma * gauss();
        break;
      case "laplace": {
        const u = rand() - 0.5;
        out[i] = -sigma * Math.sign(u) * Math.log(1 - 2 * Math.abs(u) || 1e-12);
        break;
      }
      case "relu":
        out[i] = Math.max(0, sigma * gauss());
        break;
      case "outliers":
        out[i] = rand() < 1e-4 ? sigma * (20 + 30 * rand()) * (rand() < 0.5 ? -1 : 1) : sigma * gauss();
        break;
    }
  }
  return out;
}
