/**
 * Checks that an argument is the kind of object the public API expects — a conditional path, an energy,
 * a vector field, Hessian spectra, a random stream, a point, a live tensor — so that a wrong argument
 * from a JavaScript caller fails at the call with a DescentError naming it, not with a TypeError deep
 * inside a run. Internal: every module validates its own entry points with these.
 */
import { assertArrayLike, DescentError, describeValue, Rng, tf } from "@descent/core-tensor";

/** Throws unless `value` is an object carrying a numeric `dim` and the functions `methods`. */
export function assertObjectWith(
  value: unknown,
  parameter: string,
  kind: string,
  methods: readonly string[],
): void {
  const v = value as Record<string, unknown> | null;
  const ok =
    v !== null &&
    typeof v === "object" &&
    Number.isInteger(v.dim) &&
    (v.dim as number) >= 1 &&
    methods.every((m) => typeof v[m] === "function");
  if (!ok) {
    throw new DescentError(
      `${parameter} must be ${kind} (an object with dim and ${methods.join(", ")}), received ${describeValue(value)}`,
      { parameter, code: "type" },
    );
  }
}

/** A {@link ConditionalPath} as the path constructors return it. */
export function assertPath(path: unknown, parameter = "path"): void {
  assertObjectWith(path, parameter, "a conditional path", [
    "point",
    "flowInto",
    "field",
    "logDensity",
    "score",
  ]);
  if (!Number.isInteger((path as { size: unknown }).size) || (path as { size: number }).size < 1) {
    throw new DescentError(`${parameter}.size must be a positive integer`, { parameter, code: "type" });
  }
}

/** An {@link Energy}: `dim`, `value`, `gradient`, `hessian`. */
export function assertEnergy(energy: unknown, parameter = "energy"): void {
  assertObjectWith(energy, parameter, "an energy", ["value", "gradient", "hessian"]);
}

/** A {@link VectorField}: `dim`, `apply`, and its `variables`. */
export function assertVectorField(field: unknown, parameter = "field"): void {
  assertObjectWith(field, parameter, "a vector field", ["apply"]);
  if (!Array.isArray((field as { variables: unknown }).variables)) {
    throw new DescentError(`${parameter}.variables must be an array of tf.Variable`, {
      parameter,
      code: "type",
    });
  }
}

/** A core-tensor {@link Rng}. */
export function assertRng(rng: unknown, parameter = "rng"): asserts rng is Rng {
  if (!(rng instanceof Rng)) {
    throw new DescentError(`${parameter} must be a core-tensor Rng, received ${describeValue(rng)}`, {
      parameter,
      code: "type",
    });
  }
}

/** A live tensor of the given rank. */
export function assertTensorOfRank(
  value: unknown,
  parameter: string,
  rank: number,
): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor) || value.isDisposed || value.rank !== rank) {
    throw new DescentError(
      `${parameter} must be a live tensor of rank ${rank}, received ${value instanceof tf.Tensor ? `[${value.shape.join(", ")}]${value.isDisposed ? " (disposed)" : ""}` : describeValue(value)}`,
      { parameter, code: "type" },
    );
  }
}

/** A list of `dim` finite numbers. */
export function assertPoint(x: unknown, parameter: string, dim: number): asserts x is ArrayLike<number> {
  assertArrayLike(x, parameter);
  if (x.length !== dim) {
    throw new DescentError(`${parameter} must have length ${dim}, received ${x.length}`, {
      parameter,
      code: "shape",
    });
  }
  for (let k = 0; k < dim; k++) {
    if (typeof x[k] !== "number" || !Number.isFinite(x[k])) {
      throw new DescentError(`${parameter} must be finite, found ${describeValue(x[k])} at index ${k}`, {
        parameter,
        code: "finite",
      });
    }
  }
}

/** A non-empty list of spectra `{ dim, values, vectors }` with finite, positive eigenvalues. */
export function assertSpectra(spectra: unknown, parameter = "spectra"): void {
  if (!Array.isArray(spectra) || spectra.length === 0) {
    throw new DescentError(
      `${parameter} must be a non-empty array of spectra, received ${describeValue(spectra)}`,
      {
        parameter,
        code: "empty",
      },
    );
  }
  spectra.forEach((sp, i) => {
    const s = sp as { dim?: unknown; values?: unknown; vectors?: unknown } | null;
    const values = s?.values as ArrayLike<number> | undefined;
    const ok =
      s !== null &&
      typeof s === "object" &&
      Number.isInteger(s.dim) &&
      ArrayBuffer.isView(s.values) &&
      ArrayBuffer.isView(s.vectors) &&
      values !== undefined &&
      values.length >= 1 &&
      Array.from(values).every((v) => Number.isFinite(v) && v > 0);
    if (!ok) {
      throw new DescentError(`${parameter}[${i}] must be a spectrum with finite positive values`, {
        parameter,
        code: "type",
      });
    }
  });
}
