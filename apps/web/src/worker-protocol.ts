/**
 * The messages between a page and its worker. The page posts `{ type: "run", config }`; the worker answers
 * with the tfjs backend it uses ("none …" for pages without tfjs), any number of `progress` messages, then
 * `done` or `error`.
 */
export type ToWorker<Config> = { type: "run"; config: Config };

export type FromWorker<Progress> =
  | { type: "backend"; backend: string }
  | { type: "progress"; data: Progress }
  | { type: "done" }
  | { type: "error"; message: string };
