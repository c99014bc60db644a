/**
 * The Python peer child of `pnpm bench:peers`: finds an interpreter that has the modules a package's
 * reference script needs, starts `server.py` once per package with one BLAS/OpenMP/torch thread, and
 * sends it JSON commands (one per line), awaiting one reply per command.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { type PeerReply, parseReply } from "./harness.js";

/**
 * Candidate interpreters, in order: $DESCENT_PYTHON, Debian's /usr/bin/python3, then `python3` on PATH.
 * `DESCENT_PYTHON=none` turns the peers off (the TS side still runs).
 */
export function candidateInterpreters(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env["DESCENT_PYTHON"] === "none") return [];
  const list = [env["DESCENT_PYTHON"], "/usr/bin/python3", "python3"].filter(
    (x): x is string => typeof x === "string" && x.length > 0,
  );
  return [...new Set(list)];
}

/** Which of `modules` the interpreter can import (empty when it does not run at all). */
export function importableModules(python: string, modules: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of modules) {
    const r = spawnSync(python, ["-c", `import ${m}`], { stdio: "ignore", timeout: 60_000 });
    if (r.status === 0) found.push(m);
  }
  return found;
}

/** The first interpreter with every module, else the one with the most (null when none has any). */
export function findInterpreter(
  modules: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { python: string; modules: string[] } | null {
  let best: { python: string; modules: string[] } | null = null;
  for (const python of candidateInterpreters(env)) {
    const has = importableModules(python, modules);
    if (has.length === modules.length) return { python, modules: has };
    if (has.length > 0 && (best === null || has.length > best.modules.length))
      best = { python, modules: has };
  }
  return best;
}

/**
 * The child's environment: one thread for OpenMP, OpenBLAS and MKL. OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE are removed together for this child only: they pin an old core type (a workaround
 * for crashes of old OpenBLAS builds on some processors) that slows a current OpenBLAS.
 */
export function peerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...env,
    OMP_NUM_THREADS: "1",
    OPENBLAS_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
  };
  delete out["OPENBLAS_CORETYPE"];
  delete out["OPENBLAS_L2_SIZE"];
  out["PYTHONUNBUFFERED"] = "1";
  return out;
}

/** A running peer: `request` sends one command and resolves with its result (rejects on an error reply). */
export class PeerProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly pending = new Map<number, (r: PeerReply) => void>();
  private stderr = "";
  private exited: string | null = null;

  constructor(python: string, serverPath: string, scriptPath: string) {
    this.child = spawn(python, [serverPath, scriptPath], { env: peerEnv(), stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      const reply = parseReply(line);
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      resolve?.(reply);
    });
    this.child.on("exit", (code, signal) => {
      this.exited = `peer exited (code ${code}, signal ${signal}): ${this.stderr.trim().slice(-1500)}`;
      for (const resolve of this.pending.values()) resolve({ id: -1, ok: false, error: this.exited });
      this.pending.clear();
    });
  }

  request(op: string, fields: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (this.exited !== null) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(r.error))));
      this.child.stdin.write(`${JSON.stringify({ id, op, ...fields })}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.exited === null) {
      await this.request("quit").catch(() => undefined);
      this.child.stdin.end();
    }
  }
}
