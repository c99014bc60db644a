/**
 * The gallery's entry: a hash router (`#/` the landing page, `#/<page>?seed=N` a paper's page) so the built
 * site works from any static host without server rewrites.
 */
import { landingPage } from "./landing.js";
import { type PageEntry, pages } from "./pages.js";

const DEFAULT_SEED = 0;
let cleanup: (() => void) | null = null;

function route(): { entry: PageEntry | undefined; seed: number } {
  const [path = "", query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const seedText = new URLSearchParams(query).get("seed");
  const seed = seedText !== null && /^\d+$/.test(seedText) ? Number(seedText) : DEFAULT_SEED;
  return { entry: pages.find((p) => p.id === path), seed };
}

function renderNav(current: PageEntry | undefined): void {
  const nav = document.getElementById("nav") as HTMLElement;
  nav.replaceChildren(
    ...pages.map((p) => {
      const a = document.createElement("a");
      a.href = `#/${p.id}`;
      a.textContent = p.title;
      if (p === current) a.setAttribute("aria-current", "page");
      return a;
    }),
  );
}

async function show(): Promise<void> {
  cleanup?.();
  cleanup = null;
  const root = document.getElementById("page") as HTMLElement;
  root.replaceChildren();
  window.__descentPlots = {};
  const { entry, seed } = route();
  renderNav(entry);
  document.body.dataset.page = entry?.id ?? "landing";
  if (entry === undefined) {
    landingPage(root, pages);
    document.body.dataset.done = "1";
    return;
  }
  document.title = `${entry.title} — descent`;
  const module = await entry.load();
  cleanup = module.mount(root, { seed });
}

window.addEventListener("hashchange", () => void show());
void show();
