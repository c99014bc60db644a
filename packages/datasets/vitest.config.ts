import { packageTestProject } from "../../tooling/vitest/project.js";

export default packageTestProject("datasets", { testTimeout: 60_000 });
