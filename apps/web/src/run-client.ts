/**
 * The page side of a run: starts a fresh worker, forwards its progress, and records on `<body>` what the
 * browser tests read: `data-done` ("0" while running, "1" when finished, "error" on failure) and
 * `data-first-result-ms` (time from the run's start to its first progress message) and
 * `data-first-result-since-load-ms` (from the page's navigation start, so it includes loading the page).
 */
import type { FromWorker, ToWorker } from "./worker-protocol.js";

export interface RunHandlers<Progress> {
  onProgress(data: Progress): void;
  onDone?(): void;
  onError?(message: string): void;
}

export class RunClient<Config, Progress> {
  private worker: Worker | null = null;

  constructor(private readonly makeWorker: () => Worker) {}

  /** Starts a run, cancelling the previous one. */
  start(config: Config, handlers: RunHandlers<Progress>): void {
    this.stop();
    const body = document.body;
    body.dataset.done = "0";
    delete body.dataset.firstResultMs;
    delete body.dataset.firstResultSinceLoadMs;
    const started = performance.now();
    const worker = this.makeWorker();
    this.worker = worker;
    worker.addEventListener("message", (event: MessageEvent<FromWorker<Progress>>) => {
      if (worker !== this.worker) return;
      const message = event.data;
      if (message.type === "backend") {
        const label = document.getElementById("backend");
        if (label) label.textContent = message.backend;
        body.dataset.backend = message.backend;
      } else if (message.type === "progress") {
        if (body.dataset.firstResultMs === undefined) {
          body.dataset.firstResultMs = String(Math.round(performance.now() - started));
          body.dataset.firstResultSinceLoadMs = String(Math.round(performance.now()));
        }
        handlers.onProgress(message.data);
      } else if (message.type === "done") {
        body.dataset.done = "1";
        handlers.onDone?.();
        this.stop();
      } else {
        body.dataset.done = "error";
        console.error(`run failed: ${message.message}`);
        handlers.onError?.(message.message);
        this.stop();
      }
    });
    worker.addEventListener("error", (event) => {
      body.dataset.done = "error";
      console.error(`worker failed: ${event.message}`);
    });
    worker.postMessage({ type: "run", config } satisfies ToWorker<Config>);
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
