/**
 * Marks DescentError instances across copies of the class: the ESM and the CJS build (or two entry
 * points bundled separately) each define their own class, and a plain `instanceof` would fail across
 * them. `Symbol.for` gives every copy the same key.
 */
const descentErrorBrand: unique symbol = Symbol.for("@descent/core-tensor/DescentError") as never;

/**
 * The one error class of descent. Every public entry point validates its inputs first and throws a
 * `DescentError` whose message names the parameter, what was expected and what was received, in the
 * manner of scikit-learn's validation.
 *
 * @example
 * ```ts
 * try { cholesky(notSpd); } catch (e) { if (e instanceof DescentError) console.log(e.parameter); }
 * ```
 */
export class DescentError extends Error {
  /**
   * `value instanceof DescentError` holds for a DescentError made by any copy of this package loaded in
   * the process (ESM and CJS builds alike). Subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about (a subclass keeps the prototype check)
    if (this !== DescentError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === "object" &&
      value !== null &&
      (value as { [descentErrorBrand]?: unknown })[descentErrorBrand] === true
    );
  }

  /** The parameter at fault, when there is one (e.g. `"radius"`, `"X"`). */
  readonly parameter: string | undefined;
  /** A short machine-readable reason: `"shape"`, `"finite"`, `"range"`, `"singular"`, `"not-positive-definite"`, ... */
  readonly code: string;

  constructor(message: string, options: { parameter?: string; code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DescentError";
    Object.defineProperty(this, descentErrorBrand, { value: true });
    this.parameter = options.parameter;
    this.code = options.code ?? "invalid-argument";
  }
}

/** Formats a received value for an error message, keeping long arrays short. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value))
    return `[${value.slice(0, 6).map(describeValue).join(", ")}${value.length > 6 ? ", ..." : ""}]`;
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  return typeof value;
}
