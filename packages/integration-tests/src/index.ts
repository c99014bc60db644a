/**
 * @descent/integration-tests (private): cross-package checks that no single package can make on its own.
 * Its tests live beside this file; what they share is the README-example convention, exported here so that
 * tooling (or a package's own tests) can read README examples the same way CI does.
 */
export { missingOutputLines, type ReadmeExample, readmeExamples } from "./readme-examples.js";
