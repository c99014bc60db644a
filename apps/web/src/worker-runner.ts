/**
 * The worker side of a page run: waits for a `run` message, starts the wasm backend when the experiment
 * uses tfjs, runs the experiment and reports progress. One worker serves one run; the page terminates it to
 * cancel (the cheapest abort there is).
 */
import { type BrowserBackend, startBrowserBackend } from "./browser-backend.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

export function serveRun<Config, Progress>(
  experiment: (config: Config, report: (data: Progress) => void) => Promise<void> | void,
  options: { tfjs: boolean; backend?: (config: Config) => BrowserBackend },
): void {
  const post = (message: FromWorker<Progress>) => self.postMessage(message);
  self.addEventListener("message", (event: MessageEvent<ToWorker<Config>>) => {
    if (event.data.type !== "run") return;
    const config = event.data.config;
    void (async () => {
      try {
        // pages whose packages compute in plain float64 JavaScript never start a tfjs backend
        post({
          type: "backend",
          backend: options.tfjs
            ? await startBrowserBackend(options.backend?.(config))
            : "none (float64 JavaScript)",
        });
        await experiment(config, (data) => post({ type: "progress", data }));
        post({ type: "done" });
      } catch (error) {
        post({ type: "error", message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
}

/** Yields to the worker's event loop so that posted progress messages leave promptly. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
