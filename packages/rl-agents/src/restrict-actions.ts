/**
 * The restricted-action wrapper of SAVO's restricted-locomotion tasks (docs/savo.md, "restricted
 * locomotion", our definition where the paper's text was not available): the feasible set is a union of
 * `balls` balls B(c_m, radius) inside the normalised action box [−1,1]^d, with centres drawn once from
 * `seed`. A feasible action passes unchanged; an infeasible one becomes the zero action (no torque,
 * default) or its projection onto the nearest ball.
 */
import { assertInteger, assertOneOf, assertPositive, DescentError, Rng } from "@descent/core-tensor";
import type { BoxSpace, Env } from "./env.js";

/** Options of {@link restrictActions}. */
export interface RestrictActionsOptions {
  /** Number of feasible balls M (3 in the paper-like setting). */
  balls: number;
  /** Ball radius in normalised action units (0.3 for d = 1, 0.5 for d = 3). */
  radius: number;
  /** What an infeasible action becomes: `'zero'` (default) or `'project'` (nearest feasible point). */
  infeasible?: "zero" | "project";
  /** Seed of the ball centres. Default 0. */
  seed?: number;
}

/** What {@link restrictActions} adds to the wrapped environment. */
export interface RestrictedActions {
  /** Ball centres in normalised units, balls × d. */
  readonly ballCentres: Float64Array;
  /** The action the simulator receives for `action` (a copy). */
  restrictAction(action: ArrayLike<number>): Float64Array;
  /** Whether `action` lies in the feasible set. */
  isFeasible(action: ArrayLike<number>): boolean;
}

/** Wraps a box-action environment so that only actions in a union of balls reach it. */
export function restrictActions<E extends Env<Float64Array, Float64Array | number>>(
  env: E,
  opts: RestrictActionsOptions,
): E & RestrictedActions {
  if (env?.actionSpace?.kind !== "box") {
    throw new DescentError("env must have a box action space", {
      parameter: "env",
      code: "invalid-argument",
    });
  }
  const space = env.actionSpace as BoxSpace;
  const d = space.low.length;
  for (let j = 0; j < d; j++) {
    if (!Number.isFinite(space.low[j] as number) || !Number.isFinite(space.high[j] as number)) {
      throw new DescentError("env's action bounds must be finite", { parameter: "env", code: "range" });
    }
  }
  assertInteger(opts?.balls, "balls", { min: 1 });
  assertPositive(opts.radius, "radius");
  const mode = opts.infeasible ?? "zero";
  assertOneOf(mode, "infeasible", ["zero", "project"] as const);
  const seed = opts.seed ?? 0;
  assertInteger(seed, "seed", { min: 0 });
  const r = opts.radius;
  const rng = new Rng(seed);
  const centres = new Float64Array(opts.balls * d);
  // centres keep each ball inside the box when the radius allows it
  const reach = Math.max(0, 1 - r);
  for (let i = 0; i < centres.length; i++) centres[i] = rng.uniform(-reach, reach);
  const toUnit = (a: ArrayLike<number>, j: number): number => {
    const lo = space.low[j] as number;
    const hi = space.high[j] as number;
    return (2 * ((a[j] as number) - lo)) / (hi - lo) - 1;
  };
  const fromUnit = (z: number, j: number): number => {
    const lo = space.low[j] as number;
    const hi = space.high[j] as number;
    return lo + ((z + 1) * (hi - lo)) / 2;
  };
  const asArray = (a: ArrayLike<number> | number): ArrayLike<number> => {
    const v = typeof a === "number" ? [a] : a;
    if (v === null || typeof v !== "object" || v.length !== d) {
      throw new DescentError(
        `action must have length ${d}, received ${String((v as ArrayLike<number>)?.length)}`,
        {
          parameter: "action",
          code: "shape",
        },
      );
    }
    return v;
  };
  // distance (normalised units) from the action to ball m's centre
  const distances = (a: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(opts.balls);
    for (let m = 0; m < opts.balls; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (toUnit(a, j) - (centres[m * d + j] as number)) ** 2;
      out[m] = Math.sqrt(s);
    }
    return out;
  };
  const isFeasible = (action: ArrayLike<number>): boolean => {
    const a = asArray(action);
    return distances(a).some((x) => x <= r);
  };
  const restrictAction = (action: ArrayLike<number>): Float64Array => {
    const a = asArray(action);
    const dist = distances(a);
    let m = 0;
    for (let i = 1; i < dist.length; i++) if ((dist[i] as number) < (dist[m] as number)) m = i;
    const out = Float64Array.from(a);
    if ((dist[m] as number) <= r) return out;
    if (mode === "zero") return out.fill(0);
    const scale = r / (dist[m] as number);
    for (let j = 0; j < d; j++) {
      const c = centres[m * d + j] as number;
      out[j] = fromUnit(c + (toUnit(a, j) - c) * scale, j);
    }
    return out;
  };
  const wrapped = Object.create(env) as E & RestrictedActions;
  Object.assign(wrapped, {
    ballCentres: centres,
    restrictAction,
    isFeasible,
    step: (action: Float64Array | number) => env.step(restrictAction(asArray(action))),
  });
  return wrapped;
}
