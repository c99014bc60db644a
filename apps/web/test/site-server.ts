/**
 * Builds the gallery with its own vite config (the packages' built `exports`, as a user's bundler sees them)
 * and serves `dist/` on a free local port with `vite preview`.
 */
import { fileURLToPath } from "node:url";
import { build, type PreviewServer, preview } from "vite";

export const appRoot = fileURLToPath(new URL("..", import.meta.url));

export async function buildAndServe(): Promise<{ url: string; server: PreviewServer }> {
  await build({ root: appRoot, logLevel: "error" });
  const server = await preview({ root: appRoot, logLevel: "error", preview: { host: "127.0.0.1", port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error("vite preview did not report a local URL");
  return { url, server };
}
