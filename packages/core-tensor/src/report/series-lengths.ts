/** Input checks shared by the plots of the report module. */
import { DescentError } from "../errors.js";

/**
 * Throws unless every array present in `arrays` has the length of `arrays.x`: a series whose x and y
 * (or bands) differ in length would otherwise be drawn silently truncated.
 */
export function assertSeriesLengths(
  series: string,
  arrays: Readonly<Record<string, ArrayLike<number> | undefined>>,
): void {
  const n = arrays["x"]?.length ?? 0;
  for (const [key, values] of Object.entries(arrays)) {
    if (values !== undefined && values.length !== n) {
      throw new DescentError(`series "${series}": ${key} has ${values.length} values, x has ${n}`, {
        parameter: `series.${key}`,
        code: "shape",
      });
    }
  }
}
