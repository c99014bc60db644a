/**
 * The e.3 miniature ({@link projectedPromptTask}) as a tfjs `LayersModel`: its frozen feature map as a
 * `dense(hidden, tanh)` layer named `frozen` with W₁ and b₁ written in, followed by an all-zero
 * `dense(classes, no bias)` head named `head` that {@link tfjsModelObjective} fills from z. The float64 task
 * and this model compute the same logits (up to float32 rounding), which is how the demo and the tests
 * check the tfjs path.
 *
 * @example
 * ```ts
 * const task = projectedPromptTask({ seed: 0 });
 * const model = projectedPromptModel(task);
 * const obj = tfjsModelObjective({ model, target: { weight: "head/kernel" }, map: (z) => task.projection.apply(z), x, labels });
 * ```
 */
import { DescentError, describeValue, tf } from "@descent/core-tensor";
import type { ProjectedPromptTask } from "./projected-prompt-task.js";

/** Builds the model (the caller disposes it); validates that `task` carries the frozen map. */
export function projectedPromptModel(
  task: Pick<ProjectedPromptTask, "hidden" | "inputDim" | "classes" | "frozen">,
): tf.LayersModel {
  const ok =
    task !== null &&
    typeof task === "object" &&
    task.frozen?.w1?.length === task.hidden * task.inputDim &&
    task.frozen?.b1?.length === task.hidden &&
    Number.isInteger(task.classes) &&
    task.classes >= 2;
  if (!ok) {
    throw new DescentError(
      `task must be a projectedPromptTask (frozen.w1 of hidden × inputDim, frozen.b1 of hidden), received ${describeValue(task)}`,
      { parameter: "task", code: "shape" },
    );
  }
  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: task.hidden, activation: "tanh", inputShape: [task.inputDim], name: "frozen" }),
  );
  model.add(
    tf.layers.dense({ units: task.classes, useBias: false, kernelInitializer: "zeros", name: "head" }),
  );
  // tfjs dense kernels are [in, out]: write W₁ᵀ
  const w1t = new Float32Array(task.inputDim * task.hidden);
  for (let h = 0; h < task.hidden; h++)
    for (let k = 0; k < task.inputDim; k++)
      w1t[k * task.hidden + h] = task.frozen.w1[h * task.inputDim + k] as number;
  tf.tidy(() => {
    model
      .getLayer("frozen")
      .setWeights([
        tf.tensor2d(w1t, [task.inputDim, task.hidden]),
        tf.tensor1d(Float32Array.from(task.frozen.b1)),
      ]);
  });
  return model;
}
