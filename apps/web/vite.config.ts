import { defineConfig } from "vite";

// The gallery imports every package the way a user's bundler does: through the packages' built `exports`
// (no `source` condition, no aliases), so what works here works for a user of the published packages.
export default defineConfig({
  // relative asset URLs: the built site works from any static host and any sub-path
  base: "./",
  // pages compute in module workers that import the packages (code-split chunks need the ES format)
  worker: { format: "es" },
  build: {
    outDir: "dist",
    // tfjs alone is ~700 kB minified; each page is its own lazily loaded chunk
    chunkSizeWarningLimit: 2000,
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
