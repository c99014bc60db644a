/**
 * `DepthwiseConv2dNativeBackpropFilter` and `DepthwiseConv2dNativeBackpropInput` for the wasm backend,
 * which lacks both (platform notes §2), so that a depthwise convolution trains there.
 *
 * A depthwise convolution with filter w `[kH, kW, C, M]` equals a full convolution with the
 * block-diagonal filter F[i, j, c, c'·M + m] = w[i, j, c, m]·δ(c, c') (tfjs orders the output channels
 * as c·M + m). So the input gradient is the full convolution's (`conv2dTranspose` with F, a kernel
 * wasm has), and the filter gradient is the diagonal blocks of the full convolution's filter gradient
 * (descent's {@link conv2dBackpropFilterFromForward}). The full filter is C times larger than w, which
 * is cheap for the small channel counts of depthwise layers. tfjs only differentiates depthwise
 * convolutions with dilation 1, so only that case reaches these kernels.
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";
import { DescentError } from "../errors.js";
import { conv2dBackpropFilterFromForward } from "./conv2d-backprop-filter.js";
import { kernelInput } from "./kernel-tensors.js";

interface DepthwiseAttributes {
  strides: number | [number, number];
  dilations: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

function assertUnitDilations(dilations: number | [number, number] | undefined, kernelName: string): void {
  const d = dilations ?? 1;
  const ok = typeof d === "number" ? d === 1 : d[0] === 1 && d[1] === 1;
  if (!ok) {
    throw new DescentError(`${kernelName} on wasm supports dilations 1 only, received ${JSON.stringify(d)}`, {
      parameter: "dilations",
      code: "unsupported",
    });
  }
}

/** Mask [1, 1, C, C, 1] selecting the diagonal channel blocks. */
function diagonalMask(channels: number): tf.Tensor {
  return tf.reshape(tf.eye(channels), [1, 1, channels, channels, 1]);
}

/** The block-diagonal full-convolution filter `[kH, kW, C, C·M]` of a depthwise filter `[kH, kW, C, M]`. */
export function depthwiseToFullFilter(filter: tf.Tensor): tf.Tensor4D {
  const [kh, kw, c, m] = filter.shape as [number, number, number, number];
  return tf.tidy(() =>
    tf.reshape(tf.mul(tf.reshape(filter, [kh, kw, c, 1, m]), diagonalMask(c)), [kh, kw, c, c * m]),
  );
}

/** The kernel config registered for wasm by {@link registerWasmGapKernels}. */
export const depthwiseConv2dBackpropInputWasmKernel: tf.KernelConfig = {
  kernelName: "DepthwiseConv2dNativeBackpropInput",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const name = "DepthwiseConv2dNativeBackpropInput";
    const dy = kernelInput(inputs.dy, name, "dy") as tf.Tensor4D;
    const filter = kernelInput(inputs.filter, name, "filter");
    const a = attrs as unknown as DepthwiseAttributes & { inputShape: [number, number, number, number] };
    assertUnitDilations(a.dilations, name);
    return tf.tidy(() =>
      tf.conv2dTranspose(
        dy,
        depthwiseToFullFilter(filter),
        a.inputShape,
        a.strides,
        a.pad,
        a.dimRoundingMode,
      ),
    );
  },
};

/** The kernel config registered for wasm by {@link registerWasmGapKernels}. */
export const depthwiseConv2dBackpropFilterWasmKernel: tf.KernelConfig = {
  kernelName: "DepthwiseConv2dNativeBackpropFilter",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const name = "DepthwiseConv2dNativeBackpropFilter";
    const x = kernelInput(inputs.x, name, "x");
    const dy = kernelInput(inputs.dy, name, "dy");
    const a = attrs as unknown as DepthwiseAttributes & { filterShape: [number, number, number, number] };
    assertUnitDilations(a.dilations, name);
    const [kh, kw, c, m] = a.filterShape;
    return tf.tidy(() => {
      const full = conv2dBackpropFilterFromForward(x, dy, {
        strides: a.strides,
        pad: a.pad,
        dataFormat: "NHWC",
        ...(a.dimRoundingMode === undefined ? {} : { dimRoundingMode: a.dimRoundingMode }),
        filterShape: [kh, kw, c, c * m],
      });
      // keep the diagonal blocks: dW[i, j, c, m] = dF[i, j, c, c·M + m]
      return tf.sum(tf.mul(tf.reshape(full, [kh, kw, c, c, m]), diagonalMask(c)), 3);
    });
  },
};
