/**
 * The page registry: one entry per paper, in the order of the navigation and the landing page. A page is a
 * folder `pages/<package>/` whose `page.ts` exports {@link PageModule}; adding a paper means adding a folder
 * and one entry here, nothing else.
 */
import adversarialFigure from "../docs/adversarial-linear-plots.png";
import flRachFigure from "../docs/fl-rach-plots.png";
import hiFmFigure from "../docs/hi-fm-plots.png";
import kahlerFigure from "../docs/kahler-grassmannian-plots.png";
import loopedFigure from "../docs/looped-transformer-plots.png";
import rlAgentsFigure from "../docs/rl-agents-plots.png";
import saboFigure from "../docs/sabo-plots.png";
import savoFigure from "../docs/savo-plots.png";
import type { PageModule } from "./page-module.js";

export interface PageEntry {
  /** URL fragment (`#/<id>`) and folder name; the package's short name. */
  id: string;
  /** Title in the navigation. */
  title: string;
  /** The npm package the page exercises. */
  packageName: string;
  /** The paper (authors, venue, year). */
  paper: string;
  /** A paragraph for the landing page: what the paper does and what the page shows. */
  summary: string;
  /** The page's plots after its default run (a screenshot from the browser suite), shown on the landing page. */
  figure?: string;
  /** Lazily loaded page code, so a visitor downloads only the page they open. */
  load: () => Promise<PageModule>;
}

const REPO = "https://github.com/descent-js/descent/tree/main/packages";

/** The package README, the page's "read more" link. */
export function readmeUrl(entry: PageEntry): string {
  return `${REPO}/${entry.packageName.replace("@descent/", "")}#readme`;
}

export const pages: PageEntry[] = [
  {
    id: "sabo",
    title: "SABO",
    packageName: "@descent/sabo",
    paper: "Ye, Lyu, Wang, Sugiyama, Zhang & Tsang, Sharpness-Aware Black-Box Optimization, ICLR 2025",
    summary:
      "SABO optimises a function it can only evaluate by moving a Gaussian search distribution, but first " +
      "perturbs that Gaussian within a KL ball of radius ρ towards the worst nearby distribution, so it prefers " +
      "wide (flat) minima that survive a shift of the landscape. The page runs SABO, INGO (ρ = 0) and CMA-ES on " +
      "the two-dimensional flat-versus-sharp landscape and draws each search Gaussian on the contours.",
    figure: saboFigure,
    load: () => import("./pages/sabo/page.js"),
  },
  {
    id: "adversarial-linear",
    title: "Adversarial linear",
    packageName: "@descent/adversarial-linear",
    paper:
      "Ribeiro, Schön, Zachariah & Bach, Efficient Optimization Algorithms for Linear Adversarial Training, AISTATS 2025",
    summary:
      "Adversarial training of a linear model against ℓ∞ or ℓ2 perturbations of radius δ has a closed-form " +
      "worst case, and the paper solves it by iteratively reweighted ridge regressions. The page traces the " +
      "coefficient path as δ grows (ℓ∞ behaves like the lasso, ℓ2 like ridge until every coefficient is zero) " +
      "and races the solvers on the same problem.",
    figure: adversarialFigure,
    load: () => import("./pages/adversarial-linear/page.js"),
  },
  {
    id: "looped-transformer",
    title: "Looped transformer",
    packageName: "@descent/looped-transformer",
    paper:
      "Chen, Li, Liang, Shi & Song, Bypassing the Exponential Dependency: Looped Transformers Efficiently Learn In-context by Multi-step Gradient Descent, arXiv:2410.11268",
    summary:
      "One linear self-attention layer applied T times with shared weights can run T steps of gradient descent on " +
      "the least-squares problem written in its prompt, and with well-conditioned data its error decays like " +
      "(1 − 1/κ)^T. The page plots the looped transformer's prediction error against the number of loops next " +
      "to gradient descent run for as many steps.",
    figure: loopedFigure,
    load: () => import("./pages/looped-transformer/page.js"),
  },
  {
    id: "fl-rach",
    title: "FL over random access",
    packageName: "@descent/fl-rach",
    paper:
      "Wu, Asgari, Rini & Munari, Age-of-Gradient Updates for Federated Learning over Random Access Channels, ICMLCN 2025",
    summary:
      "Users of a federated learner share a slotted-ALOHA uplink: an update gets through only if it is alone in " +
      "its slot. With the Age-of-Gradient policy a user contends only when its error-feedback memory has grown " +
      "stale enough. The page draws the frames slot by slot (deliveries, collisions, AoG scores) and the test " +
      "accuracy of each access policy.",
    figure: flRachFigure,
    load: () => import("./pages/fl-rach/page.js"),
  },
  {
    id: "rl-agents",
    title: "LRRL on CartPole",
    packageName: "@descent/rl-agents",
    paper:
      "Donâncio, Barrier, South & Forbes, Dynamic Learning Rate for Deep Reinforcement Learning: A Bandit Approach, arXiv:2410.12598",
    summary:
      "LRRL treats a handful of learning rates as the arms of a time-decayed Exp3 bandit: every κ steps it " +
      "samples a rate, the agent trains with it, and the improvement of the return updates the arm weights. The page trains a DQN on CartPole in a worker, plots the arm " +
      "probabilities and the returns as they change, and draws the pole.",
    figure: rlAgentsFigure,
    load: () => import("./pages/rl-agents/page.js"),
  },
  {
    id: "kahler-grassmannian",
    title: "Calabi–Yau metrics",
    packageName: "@descent/kahler-grassmannian",
    paper:
      "Ek, Kim & Mishra, Calabi–Yau metrics through Grassmannian learning and Donaldson's algorithm, arXiv:2410.11284",
    summary:
      "A Calabi–Yau threefold has a Ricci-flat metric but no formula for it; Donaldson's algorithm approximates it " +
      "with a Hermitian matrix on the N_k degree-k sections, at a cost that grows fast with k. The paper learns " +
      "which m-dimensional subspace of the sections to use by gradient descent on the Grassmannian. The page " +
      "samples the Dwork quintic at a chosen ψ, plots the accuracy σ of the balanced metric against k, and σ " +
      "against step while Method A (Donaldson on a learned subspace) moves its subspace.",
    figure: kahlerFigure,
    load: () => import("./pages/kahler-grassmannian/page.js"),
  },
  {
    id: "hi-fm",
    title: "HI-FM",
    packageName: "@descent/hi-fm",
    paper: "Sprague, Elofsson & Azizpour, Hessian-Informed Flow Matching, arXiv:2410.11433",
    summary:
      "Flow matching regresses a velocity field on conditional paths that end at the training points, usually " +
      "in round Gaussians. HI-FM shapes each path with the energy's Hessian at its endpoint, following the " +
      "linearised Langevin dynamics, so the paths end in Gaussians as anisotropic as the system itself. The page " +
      "carries the same noise samples to four narrow wells along the flow of HI-FM's paths and along isotropic " +
      "CFM's (the exact marginal fields, no network), and compares the test likelihood of where they land.",
    figure: hiFmFigure,
    load: () => import("./pages/hi-fm/page.js"),
  },
  {
    id: "savo",
    title: "SAVO",
    packageName: "@descent/rl-agents",
    paper:
      "Jain, Kosaka, Li, Kim, Bıyık & Lim, Mitigating Suboptimality of Deterministic Policy Gradients in Complex Q-functions, RLC 2025 (arXiv:2410.11833)",
    summary:
      "An actor trained by gradient ascent on a multimodal Q function gets stuck on the nearest local bump. SAVO " +
      "trains several actors in succession, each climbing a surrogate of Q truncated below the best earlier " +
      "proposal, and executes the best proposal. The page draws the reward landscape of the multimodal one-step " +
      "task at one state with each actor's proposal on it while SAVO and TD3 train against the true reward.",
    figure: savoFigure,
    load: () => import("./pages/savo/page.js"),
  },
];
