/**
 * Runs one package's `bench/peers.bench.ts` against its Python reference script:
 * `node --conditions=source --import tsx tooling/bench-peers/run-package.ts <packageDir> [--reps N]
 * [--target-ms M] [--warmup-ms W] [--json out.json]`. Per case: both sides' first calls are compared (the
 * check), each side then runs for about W ms of CPU (default 1000: tfjs's JavaScript needs a few hundred
 * calls before V8 has optimised it, and a small DQN update ran 4× slower in its first 100 calls than at
 * steady state), then repeats alternate TS, peer, TS, peer, …; each repeat is the process CPU time per call over enough calls
 * to last about M ms (TS: process.cpuUsage; Python: time.process_time), and the table shows medians.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  checksAgree,
  innerCalls,
  interleavedMedians,
  interleavedOrder,
  markdownRows,
  numberField,
  type PeerRow,
  type Sample,
} from "./harness.js";
import { findInterpreter, PeerProcess } from "./peer-process.js";
import type { PeerCase, PeerSuite } from "./suite.js";

const args = process.argv.slice(2);
const pkgDir = resolve(args[0] ?? ".");
function flag(name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
const reps = flag("--reps", 7);
const targetMs = flag("--target-ms", 40);
const warmupMs = flag("--warmup-ms", 1000);
const jsonIdx = args.indexOf("--json");
const jsonOut = jsonIdx >= 0 ? args[jsonIdx + 1] : undefined;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timeTs(fn: () => number, inner: number): number {
  const t0 = cpuMs();
  for (let i = 0; i < inner; i++) fn();
  return (cpuMs() - t0) / inner;
}

function peerThreads(hello: Record<string, unknown>, peer: string): string {
  const t = hello["threads"] as { torch_threads?: number; threadpools?: unknown } | undefined;
  if (peer === "torch" && typeof t?.torch_threads === "number") return `torch ${t.torch_threads}`;
  if (Array.isArray(t?.threadpools)) {
    const blas = (t.threadpools as { internal_api?: string; num_threads?: number }[]).find(
      (p) => p.internal_api === "openblas" || p.internal_api === "mkl" || p.internal_api === "blis",
    );
    if (blas) return `${blas.internal_api} ${blas.num_threads}`;
  }
  return "blas ?";
}

async function runCase(
  c: PeerCase,
  peer: PeerProcess | null,
  peerMissing: string | null,
  hello: Record<string, unknown> | null,
  tsThreads: string,
): Promise<PeerRow> {
  const base = { computation: c.name, peer: c.peer, reps };
  const fn = await c.prepare();
  try {
    const tsCheck = fn();
    // warm-up after the checked first call: steady state, as in a long training run
    const w0 = cpuMs();
    let warmCalls = 0;
    do {
      fn();
      warmCalls += 1;
    } while (cpuMs() - w0 < warmupMs);
    const inner = innerCalls((cpuMs() - w0) / warmCalls, targetMs);
    const threads = `TS 1 · ${hello ? peerThreads(hello, c.peer) : "—"}`;
    if (peer === null || hello === null) {
      const tsMs = timeTs(fn, inner);
      return {
        ...base,
        tsMs,
        peerMs: null,
        ratio: null,
        check: peerMissing ?? "peer skipped",
        threads: tsThreads,
      };
    }
    const key = c.name;
    const setup = await peer.request("setup", {
      key,
      case: c.pyCase,
      params: typeof c.params === "function" ? c.params() : (c.params ?? {}),
      target_ms: targetMs,
      warmup_ms: warmupMs,
    });
    const peerCheck = numberField(setup, "check");
    if (!checksAgree(tsCheck, peerCheck, c.rtol, c.atol ?? 0)) {
      await peer.request("drop", { key });
      return {
        ...base,
        tsMs: null,
        peerMs: null,
        ratio: null,
        check: `MISMATCH (TS ${tsCheck.toPrecision(8)} vs peer ${peerCheck.toPrecision(8)})`,
        threads,
      };
    }
    const samples: Sample[] = [];
    for (const side of interleavedOrder(reps)) {
      if (side === "ts") samples.push({ side, ms: timeTs(fn, inner) });
      else samples.push({ side, ms: numberField(await peer.request("run", { key }), "cpu_ms") });
    }
    await peer.request("drop", { key });
    const m = interleavedMedians(samples);
    return {
      ...base,
      tsMs: m.ts,
      peerMs: m.peer,
      ratio: m.ts / m.peer,
      check: `ok (rtol ${c.rtol})`,
      threads,
    };
  } finally {
    c.dispose?.();
  }
}

const benchFile = join(pkgDir, "bench", "peers.bench.ts");
const { suite } = (await import(pathToFileURL(benchFile).href)) as { suite: PeerSuite };
const tsThreads = await suite.init();
const cases = suite.cases();
const needed = [...new Set(["numpy", ...cases.map((c) => c.peer)])];
const found = findInterpreter(needed);
const scriptPath = join(pkgDir, "bench", suite.script);
const serverPath = join(dirname(new URL(import.meta.url).pathname), "server.py");

let peer: PeerProcess | null = null;
let hello: Record<string, unknown> | null = null;
if (found === null || !found.modules.includes("numpy")) {
  console.log(`peer skipped: no Python interpreter with numpy ($DESCENT_PYTHON, /usr/bin/python3, python3)`);
} else {
  peer = new PeerProcess(found.python, serverPath, scriptPath);
  hello = await peer.request("hello");
  const th = hello["threads"] as Record<string, unknown>;
  console.log(
    `peer: ${found.python} (Python ${hello["python"]}, numpy ${hello["numpy"]}${hello["torch"] ? `, torch ${hello["torch"]}` : ""}), threads in force: ${JSON.stringify(th)}`,
  );
}
console.log(
  `TS: Node ${process.version}, ${tsThreads}; timings: process CPU ms per call, median of ${reps} interleaved repeats`,
);

const rows: PeerRow[] = [];
for (const c of cases) {
  const missing = found?.modules.includes(c.peer)
    ? null
    : `skipped: no interpreter with ${c.peer} (tried $DESCENT_PYTHON, /usr/bin/python3, python3)`;
  if (missing !== null) console.log(`${c.name}: ${missing}`);
  try {
    rows.push(
      await runCase(c, missing === null ? peer : null, missing, missing === null ? hello : null, tsThreads),
    );
  } catch (error) {
    const msg = error instanceof Error ? error.message.split("\n").slice(-3).join(" ") : String(error);
    console.log(`${c.name}: failed: ${msg}`);
    rows.push({
      computation: c.name,
      peer: c.peer,
      tsMs: null,
      peerMs: null,
      ratio: null,
      reps,
      check: `error`,
      threads: "—",
    });
  }
  const r = rows.at(-1) as PeerRow;
  console.log(
    `  ${r.computation}: TS ${r.tsMs?.toFixed(3) ?? "—"} ms, peer ${r.peerMs?.toFixed(3) ?? "—"} ms, ${r.check}`,
  );
}
await peer?.close();

console.log(`\n${markdownRows(rows)}\n`);
if (jsonOut !== undefined) {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  writeFileSync(
    jsonOut,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${cpu}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`,
        node: process.version,
        tsThreads,
        peer: hello === null ? null : { python: found?.python, ...hello },
        reps,
        targetMs,
        warmupMs,
        timing:
          "process CPU time per call (TS: process.cpuUsage; Python: time.process_time), median of interleaved repeats",
        rows,
      },
      null,
      2,
    )}\n`,
  );
}
