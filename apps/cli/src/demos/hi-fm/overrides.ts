/**
 * Documented environment overrides of the hi-fm demo, for running one experiment or one scale at a time
 * (the full reproduction takes hours on a shared 2-core machine):
 *
 * - `HIFM_ONLY=e1,e1b,e2`: the experiments to run (default: all three).
 * - `HIFM_SIZES=128,256`: E1 training-set sizes N.
 * - `HIFM_SIGMAS=0.05,0.2`: E1 and E1b endpoint widths σ.
 * - `HIFM_SEEDS=2`: seeds per configuration (E1, E1b).
 * - `HIFM_STEPS=1500`: training steps (E1, E1b, E2).
 * - `HIFM_METHODS=lipman,hi-fm`: E1 methods run at every (N, σ).
 *
 * A malformed value is an error, never silently ignored; the report lists the overrides in effect.
 */

export type Experiment = "e1" | "e1b" | "e2";

export interface HiFmOverrides {
  only: Experiment[];
  sizes?: number[];
  sigmas?: number[];
  seeds?: number;
  steps?: number;
  methods?: string[];
  /** `NAME=value` for every override set, for the report. */
  inEffect: string[];
}

function list(name: string, env: NodeJS.ProcessEnv): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw.split(",").map((s) => s.trim());
}

function numbers(name: string, env: NodeJS.ProcessEnv, integer: boolean): number[] | undefined {
  const items = list(name, env);
  if (items === undefined) return undefined;
  return items.map((s) => {
    const v = Number(s);
    if (!(Number.isFinite(v) && v > 0) || (integer && !Number.isInteger(v))) {
      throw new Error(
        `${name} must be a comma-separated list of positive ${integer ? "integers" : "numbers"}, received ${JSON.stringify(env[name])}`,
      );
    }
    return v;
  });
}

function single(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const v = numbers(name, env, true);
  if (v === undefined) return undefined;
  if (v.length !== 1)
    throw new Error(`${name} must be one positive integer, received ${JSON.stringify(env[name])}`);
  return v[0];
}

const EXPERIMENTS: readonly Experiment[] = ["e1", "e1b", "e2"];
const METHODS = ["lipman", "iso-ou", "hi-fm", "hi-fm-shared", "ot-cfm"];

/** Reads the overrides from `env` (default `process.env`). */
export function readOverrides(env: NodeJS.ProcessEnv = process.env): HiFmOverrides {
  const inEffect: string[] = [];
  for (const k of ["HIFM_ONLY", "HIFM_SIZES", "HIFM_SIGMAS", "HIFM_SEEDS", "HIFM_STEPS", "HIFM_METHODS"]) {
    const raw = env[k];
    if (raw !== undefined && raw.trim() !== "") inEffect.push(`${k}=${raw.trim()}`);
  }
  const onlyRaw = list("HIFM_ONLY", env);
  const only = (onlyRaw ?? [...EXPERIMENTS]).map((s) => s.toLowerCase());
  for (const e of only)
    if (!EXPERIMENTS.includes(e as Experiment))
      throw new Error(
        `HIFM_ONLY must list some of ${EXPERIMENTS.join(", ")}, received ${JSON.stringify(env.HIFM_ONLY)}`,
      );
  const methods = list("HIFM_METHODS", env);
  for (const m of methods ?? [])
    if (!METHODS.includes(m))
      throw new Error(
        `HIFM_METHODS must list some of ${METHODS.join(", ")}, received ${JSON.stringify(env.HIFM_METHODS)}`,
      );
  const out: HiFmOverrides = { only: only as Experiment[], inEffect };
  const sizes = numbers("HIFM_SIZES", env, true);
  const sigmas = numbers("HIFM_SIGMAS", env, false);
  const seeds = single("HIFM_SEEDS", env);
  const steps = single("HIFM_STEPS", env);
  if (sizes !== undefined) out.sizes = sizes;
  if (sigmas !== undefined) out.sigmas = sigmas;
  if (seeds !== undefined) out.seeds = seeds;
  if (steps !== undefined) out.steps = steps;
  if (methods !== undefined) out.methods = methods;
  return out;
}
