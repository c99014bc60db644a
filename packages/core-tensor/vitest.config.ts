import { packageTestProject } from "../../tooling/vitest/project.js";

export default packageTestProject("core-tensor");
