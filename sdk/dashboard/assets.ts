// The page's static files: dist/dashboard/ under the package root (built by esbuild from dashboard/),
// found the same way from the bundled CLI (dist/cli.js) and from the sources (tsx). Until the page is
// built, a placeholder says so.
import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** The folder holding this package's package.json, walking up from this module. */
export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "reflex") return dir;
      } catch {
        // not ours: keep walking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

export const defaultAssetsDir = (): string => path.join(packageRoot(), "dist", "dashboard");

export interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

export const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reflex dashboard</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; max-width: 40rem">
<h1>Reflex dashboard</h1>
<p>The page is not built: run <code>npm run build</code> (it bundles <code>dashboard/</code> into <code>dist/dashboard/</code>).</p>
<p>The data is served already: <a href="api/snapshot">api/snapshot</a> (JSON), <a href="metrics">metrics</a> (Prometheus), and a WebSocket at <code>ws</code>.</p>
</body></html>
`;

/** The file for a URL path under `dir`, or undefined; never anything outside `dir`. */
export async function readAsset(dir: string, urlPath: string): Promise<Asset | undefined> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (rel.endsWith("/")) rel += "index.html";
  const file = path.resolve(dir, `.${path.posix.normalize(`/${rel}`)}`);
  if (file !== dir && !file.startsWith(dir + path.sep)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return { body: await readFile(file), type: TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream" };
  } catch {
    return undefined;
  }
}
