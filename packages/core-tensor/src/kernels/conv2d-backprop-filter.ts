/**
 * The `Conv2DBackpropFilter` kernel for the wasm backend, which lacks it (so `tf.grad` of a conv2d with
 * respect to its filter throws "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'";
 * platform notes §2, lowrank-pgd's docs/method.md §h.6). It is computed with forward kernels that wasm has.
 *
 * With padding p and stride s, the filter gradient is
 *   dW[i, j, c, o] = Σ_{b, oh, ow} x_pad[b, oh·s_h + i, ow·s_w + j, c] · dy[b, oh, ow, o],
 * which is a stride-1 convolution of x (batch and channel axes swapped, `[C_in, H, W, B]`) with dy as
 * the filter (`[OH, OW, B, C_out]`) *dilated by the stride*. For stride 1 this is the trick of
 * platform notes §2; dilation generalises it to every stride. Padding ('same', 'valid', a number
 * or explicit) is applied to x first, and x is cut to the rows and columns the forward pass read.
 * Only NHWC exists in tfjs's conv2d; dilated forward convs have no gradient in tfjs, so nothing else
 * reaches this kernel.
 */
// tfjs directly, not ../backend.js: backend.ts imports this module (no import cycle)
import * as tf from "@tensorflow/tfjs";
import { DescentError } from "../errors.js";
import { kernelInput } from "./kernel-tensors.js";

/** Attributes tfjs passes to `Conv2DBackpropFilter` (tfjs-core's `Conv2DBackpropFilterAttrs`). */
interface Conv2DBackpropFilterAttributes {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  filterShape: [number, number, number, number];
}

/** Filter gradient of a 2-D convolution from forward ops only (see the module doc). */
export function conv2dBackpropFilterFromForward(
  xInput: tf.Tensor,
  dyInput: tf.Tensor,
  attributes: Conv2DBackpropFilterAttributes,
): tf.Tensor4D {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attributes;
  if (dataFormat !== "NHWC") {
    throw new DescentError(
      `Conv2DBackpropFilter on wasm supports dataFormat "NHWC" only, received "${dataFormat}"`,
      {
        parameter: "dataFormat",
        code: "unsupported",
      },
    );
  }
  const x = xInput as tf.Tensor4D;
  const dy = dyInput as tf.Tensor4D;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    "channelsLast",
  );
  const { top, left } = info.padInfo;
  // rows and columns of the padded input that the forward pass read. The output size comes from dy,
  // not from computeConv2DInfo: tfjs's conv2d gradient drops dimRoundingMode when it calls this kernel.
  const [, outHeight, outWidth] = dy.shape;
  const neededHeight = (outHeight - 1) * info.strideHeight + info.filterHeight;
  const neededWidth = (outWidth - 1) * info.strideWidth + info.filterWidth;
  const bottom = Math.max(0, neededHeight - top - info.inHeight);
  const right = Math.max(0, neededWidth - left - info.inWidth);
  return tf.tidy(() => {
    const padded = tf.pad(x, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
    const cut = tf.slice(padded, [0, 0, 0, 0], [-1, neededHeight, neededWidth, -1]);
    const xT = tf.transpose(cut, [3, 1, 2, 0]); // [C_in, H', W', B]: channels act as the batch
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, B, C_out]: dy acts as the filter
    const product = tf.conv2d(xT, dyT, 1, "valid", "NHWC", [info.strideHeight, info.strideWidth]);
    return tf.transpose(product, [1, 2, 0, 3]); // [kH, kW, C_in, C_out]
  });
}

/** The kernel config registered for wasm by {@link registerWasmGapKernels}. */
export const conv2dBackpropFilterWasmKernel: tf.KernelConfig = {
  kernelName: "Conv2DBackpropFilter",
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) =>
    conv2dBackpropFilterFromForward(
      kernelInput(inputs.x, "Conv2DBackpropFilter", "x"),
      kernelInput(inputs.dy, "Conv2DBackpropFilter", "dy"),
      attrs as unknown as Conv2DBackpropFilterAttributes,
    ),
};
