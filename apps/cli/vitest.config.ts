import { packageTestProject } from "../../tooling/vitest/project.js";

export default packageTestProject("cli", { testTimeout: 120_000 });
