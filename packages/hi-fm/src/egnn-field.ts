/**
 * An E(n)-equivariant graph network vector field for particle systems (Satorras, Hoogeboom, Welling,
 * ICML 2021; as used for E(n) flows): node features carry the time, coordinates are updated along relative
 * vectors, and the output is the displacement of the coordinates with its particle mean removed, so
 * `v(Gx + τ) = G v(x)` for rotations/reflections and permutations `G` and translations `τ`
 * (docs/method.md, "Networks"). The first edge layer is factored, `W_a h_i + W_b h_j` broadcast over
 * pairs, instead of concatenating `[h_i, h_j, d_ij]` for every pair.
 */
import {
  assertInteger,
  assertKnownOptions,
  assertNonNegative,
  normalTensor,
  type Rng,
  safeSilu,
  tf,
  toRng,
} from "@descent/core-tensor";
import { assertLayout, type ParticleLayout } from "./particles.js";
import { fourierTimeFeatures, type VectorField } from "./vector-field.js";

/** Options of {@link egnnField}. */
export interface EgnnFieldOptions {
  layout: ParticleLayout;
  /** Hidden width F. Default `32`. */
  width?: number;
  /** Message-passing layers L. Default `3`. */
  layers?: number;
  /** Fourier time frequencies. Default `8`. */
  timeFrequencies?: number;
  /** Standard deviation of the coordinate read-out weights; small so the initial field is ≈ 0. Default `1e-3`. */
  coordInitStd?: number;
  seed: number;
}

let egnnCounter = 0;

function glorot(rng: Rng, fanIn: number, fanOut: number, name: string): tf.Variable {
  return tf.tidy(() =>
    tf.variable(normalTensor(rng, [fanIn, fanOut], 0, Math.sqrt(2 / (fanIn + fanOut))), true, name),
  );
}

/** The EGNN field; input and output are flat `[B, n·s]`, output centre-of-mass free. */
export function egnnField(options: EgnnFieldOptions): VectorField {
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["layout", "width", "layers", "timeFrequencies", "coordInitStd", "seed"]);
  const { layout, width: F = 32, layers: L = 3, timeFrequencies = 8, coordInitStd = 1e-3 } = options;
  assertLayout(layout, "layout");
  assertInteger(F, "width", { min: 1 });
  assertInteger(L, "layers", { min: 1 });
  assertInteger(timeFrequencies, "timeFrequencies", { min: 1 });
  assertNonNegative(coordInitStd, "coordInitStd");
  const rng = toRng(options.seed);
  const n = layout.nParticles;
  const s = layout.spaceDim;
  const id = `egnn${egnnCounter++}`;
  const wt = glorot(rng, 2 * timeFrequencies, F, `${id}_wt`);
  const bt = tf.tidy(() => tf.variable(tf.zeros([F]), true, `${id}_bt`));
  const layerVars = Array.from({ length: L }, (_, l) => ({
    wa: glorot(rng, F, F, `${id}_${l}_wa`),
    wb: glorot(rng, F, F, `${id}_${l}_wb`),
    wd: glorot(rng, 1, F, `${id}_${l}_wd`),
    be: tf.tidy(() => tf.variable(tf.zeros([F]), true, `${id}_${l}_be`)),
    we2: glorot(rng, F, F, `${id}_${l}_we2`),
    be2: tf.tidy(() => tf.variable(tf.zeros([F]), true, `${id}_${l}_be2`)),
    wx: tf.tidy(() => tf.variable(normalTensor(rng, [F, 1], 0, coordInitStd), true, `${id}_${l}_wx`)),
    bx: tf.tidy(() => tf.variable(tf.zeros([1]), true, `${id}_${l}_bx`)),
    wh1: glorot(rng, F, F, `${id}_${l}_wh1`),
    wh2: glorot(rng, F, F, `${id}_${l}_wh2`),
    bh: tf.tidy(() => tf.variable(tf.zeros([F]), true, `${id}_${l}_bh`)),
  }));
  // The last layer's node update never reaches the output: drop its weights.
  const last = layerVars[L - 1] as (typeof layerVars)[number];
  const unused = new Set<tf.Variable>([last.wh1, last.wh2, last.bh]);
  for (const u of unused) u.dispose();
  const variables = [wt, bt, ...layerVars.flatMap((v) => Object.values(v))].filter((v) => !unused.has(v));
  const offDiag = tf.keep(tf.tidy(() => tf.sub(1, tf.eye(n)).reshape([1, n, n, 1])));
  return {
    dim: n * s,
    variables,
    apply(xFlat, t) {
      return tf.tidy(() => {
        const B = xFlat.shape[0];
        const x3 = tf.reshape(xFlat, [B, n, s]);
        const x0 = tf.sub(x3, tf.mean(x3, 1, true));
        const h0 = safeSilu(tf.add(tf.matMul(fourierTimeFeatures(t, timeFrequencies), wt), bt)); // [B, F]
        let h = tf.tile(tf.reshape(h0, [B, 1, F]), [1, n, 1]) as tf.Tensor3D;
        let x = x0;
        for (const [l, v] of layerVars.entries()) {
          const r = tf.sub(tf.reshape(x, [B, n, 1, s]), tf.reshape(x, [B, 1, n, s])); // r_ij = x_i − x_j
          const d2 = tf.sum(tf.square(r), 3, true); // [B, n, n, 1]
          const hf = tf.reshape(h, [B * n, F]);
          const ha = tf.reshape(tf.matMul(hf, v.wa), [B, n, 1, F]);
          const hb = tf.reshape(tf.matMul(hf, v.wb), [B, 1, n, F]);
          const pre = tf.add(tf.add(tf.add(ha, hb), tf.mul(d2, tf.reshape(v.wd, [1, 1, 1, F]))), v.be);
          const e1 = tf.reshape(safeSilu(pre), [B * n * n, F]);
          const m = tf.mul(tf.reshape(safeSilu(tf.add(tf.matMul(e1, v.we2), v.be2)), [B, n, n, F]), offDiag);
          const coef = tf.add(tf.reshape(tf.matMul(tf.reshape(m, [B * n * n, F]), v.wx), [B, n, n, 1]), v.bx);
          const norm = tf.add(1, tf.sqrt(tf.add(d2, 1e-12)));
          const upd = tf.sum(tf.mul(tf.mul(tf.div(r, norm), coef), offDiag), 2); // [B, n, s]
          x = tf.add(x, tf.mul(upd, 1 / (n - 1)));
          if (l === L - 1) break;
          const agg = tf.reshape(tf.sum(m, 2), [B * n, F]);
          const dh = safeSilu(tf.add(tf.add(tf.matMul(hf, v.wh1), tf.matMul(agg, v.wh2)), v.bh));
          h = tf.add(h, tf.reshape(dh, [B, n, F])) as tf.Tensor3D;
        }
        const out = tf.sub(x, x0);
        return tf.reshape(tf.sub(out, tf.mean(out, 1, true)), [B, n * s]) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const v of variables) v.dispose();
      offDiag.dispose();
    },
  };
}
