import { packageTestProject } from "../../tooling/vitest/project.js";

// packing and installing into a fresh project takes tens of seconds on a loaded machine
export default packageTestProject("integration-tests", { testTimeout: 240_000, hookTimeout: 240_000 });
