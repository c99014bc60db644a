/**
 * Black-box tuning of any tfjs `LayersModel` through a low-dimensional vector (the BBT setting, docs/method.md §d.2):
 * a map z ↦ P numbers (usually a {@link RandomProjection}) writes either one of the model's weights (a
 * head, a bias) or a "soft prompt" combined with the inputs, and the objective is the model's loss on a
 * labelled batch. Only forward passes are used; every call disposes what it creates, and the optimiser
 * state stays in float64 outside tfjs (docs/method.md §h.4).
 *
 * @example
 * ```ts
 * const projection = new RandomProjection({ inputDim: 50, outputDim: 64 * 4, seed: 1 });
 * const obj = tfjsModelObjective({ model, target: { weight: "head/kernel" }, map: (z) => projection.apply(z), x, labels });
 * const result = await minimize(obj.loss, new Sabo({ dim: 50, rho: 3 }), { maxEvaluations: 2000 });
 * obj.restore();
 * ```
 */
import { DescentError, describeValue, tf } from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";
import { assertOptionsObject } from "./options-object.js";

/** Where the mapped values go. */
export type ModelTarget =
  | {
      /** A weight of `model.weights`, by name (or unique suffix of it) or index; its values are replaced. */
      readonly weight: string | number;
    }
  | {
      /** Length of the prompt vector the map produces. */
      readonly promptSize: number;
      /** Builds the model input from the prompt and the raw inputs (e.g. prepend or add it). */
      readonly input: (prompt: tf.Tensor1D, x: tf.Tensor) => tf.Tensor;
    };

/** Options of {@link tfjsModelObjective}. */
export interface TfjsModelObjectiveOptions {
  /** The frozen model; its output is read as class logits. */
  model: tf.LayersModel;
  target: ModelTarget;
  /** z ↦ the P values of the target (e.g. `(z) => projection.apply(z)`). */
  map: (z: Vector) => ArrayLike<number>;
  /** Inputs of the labelled batch (not disposed by this object). */
  x: tf.Tensor;
  /** Class index per example. */
  labels: ArrayLike<number>;
}

/** The objective and metrics of a projected model. */
export interface TfjsModelObjective {
  /** Mean softmax cross-entropy of the model at z (the black-box objective). */
  loss(z: Vector): number;
  /** Accuracy at z. */
  accuracy(z: Vector): number;
  /** Puts the original weight back (weight targets; no-op for input targets). */
  restore(): void;
  /** Frees the tensors this object holds (not the model, not `x`). */
  dispose(): void;
}

function findWeight(model: tf.LayersModel, key: string | number): tf.LayerVariable {
  const weights = model.weights;
  if (typeof key === "number") {
    const w = weights[key];
    if (!Number.isInteger(key) || w === undefined) {
      throw new DescentError(`target.weight index must be in [0, ${weights.length - 1}], received ${key}`, {
        parameter: "target.weight",
        code: "range",
      });
    }
    return w;
  }
  const hits = weights.filter((w) => w.name === key || w.originalName === key || w.name.endsWith(key));
  if (hits.length !== 1) {
    throw new DescentError(
      `target.weight must name exactly one of ${weights.map((w) => w.name).join(", ")}; "${key}" matched ${hits.length}`,
      { parameter: "target.weight", code: "range" },
    );
  }
  return hits[0] as tf.LayerVariable;
}

/** Builds the objective; validates the model, target, labels and shapes first. */
export function tfjsModelObjective(options: TfjsModelObjectiveOptions): TfjsModelObjective {
  assertOptionsObject(options, "options", ["model", "target", "map", "x", "labels"]);
  const { model, target, map, x, labels } = options;
  if (model === null || typeof model !== "object" || typeof model.predict !== "function") {
    throw new DescentError(`model must be a tfjs LayersModel, received ${describeValue(model)}`, {
      parameter: "model",
      code: "type",
    });
  }
  if (typeof map !== "function") {
    throw new DescentError(`map must be a function, received ${describeValue(map)}`, {
      parameter: "map",
      code: "type",
    });
  }
  if (!(x instanceof tf.Tensor)) {
    throw new DescentError(`x must be a tf.Tensor, received ${describeValue(x)}`, {
      parameter: "x",
      code: "type",
    });
  }
  const n = x.shape[0] ?? 0;
  if (labels === null || typeof labels !== "object" || labels.length !== n || n === 0) {
    throw new DescentError(
      `labels must have one class index per example (${n}), received ${describeValue(labels)}`,
      {
        parameter: "labels",
        code: "shape",
      },
    );
  }
  const labelArray = Int32Array.from(labels);
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(labels[i]) || (labels[i] as number) < 0) {
      throw new DescentError(`labels must be non-negative integers, received ${labels[i]} at index ${i}`, {
        parameter: "labels",
        code: "integer",
      });
    }
  }
  const labelTensor = tf.tensor1d(labelArray, "int32");
  let variable: tf.LayerVariable | null = null;
  let original: tf.Tensor | null = null;
  let size: number;
  if ("weight" in target) {
    variable = findWeight(model, target.weight);
    original = variable.read().clone();
    size = original.size;
  } else {
    if (!Number.isInteger(target.promptSize) || target.promptSize < 1 || typeof target.input !== "function") {
      throw new DescentError(
        `target must be { weight } or { promptSize: integer >= 1, input: function }, received promptSize ${describeValue(target.promptSize)}`,
        { parameter: "target", code: "type" },
      );
    }
    size = target.promptSize;
  }
  let disposed = false;
  const logitsAt = (z: Vector): tf.Tensor2D => {
    if (disposed)
      throw new DescentError("the objective was disposed", { parameter: "objective", code: "state" });
    const values = map(z);
    if (values.length !== size) {
      throw new DescentError(`map(z) must return ${size} values for the target, received ${values.length}`, {
        parameter: "map",
        code: "shape",
      });
    }
    const params = tf.tensor1d(Float32Array.from(values));
    if (variable !== null) {
      const shaped = params.reshape(variable.shape as number[]);
      variable.write(shaped);
      shaped.dispose();
      params.dispose();
      return model.predict(x) as tf.Tensor2D;
    }
    const input = (target as { input: (p: tf.Tensor1D, x: tf.Tensor) => tf.Tensor }).input(params, x);
    const out = model.predict(input) as tf.Tensor2D;
    if (input !== x) input.dispose();
    params.dispose();
    return out;
  };
  return {
    loss(z) {
      const t = tf.tidy(() => {
        const logits = logitsAt(z);
        const logp = tf.logSoftmax(logits);
        const picked = tf.sum(tf.mul(logp, tf.oneHot(labelTensor, logits.shape[1] as number)), 1);
        return tf.neg(tf.mean(picked));
      });
      const v = t.dataSync()[0] as number;
      t.dispose();
      return v;
    },
    accuracy(z) {
      const t = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logitsAt(z), 1), labelTensor), "float32")));
      const v = t.dataSync()[0] as number;
      t.dispose();
      return v;
    },
    restore() {
      if (variable !== null && original !== null && !disposed) variable.write(original);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      labelTensor.dispose();
      original?.dispose();
    },
  };
}
