import { packageTestProject } from "../../tooling/vitest/project.js";

export default packageTestProject("hi-fm");
