import { packageTestProject } from "../../tooling/vitest/project.js";

export default packageTestProject("lowrank-pgd", { testTimeout: 60_000 });
