/** The landing page: one paragraph per paper, a link to its live page and to its package README. */
import { type PageEntry, readmeUrl } from "./pages.js";

export function landingPage(root: HTMLElement, entries: readonly PageEntry[]): void {
  const h1 = document.createElement("h1");
  h1.textContent = "Gradient-descent papers, live in your browser";
  const intro = document.createElement("p");
  intro.className = "intro";
  intro.textContent =
    "Each page below runs a small experiment of one paper with the descent packages, computed in a Web Worker " +
    "with TensorFlow.js's WebAssembly backend. Change the controls or the seed and run it again; the same seed " +
    "gives the same run as the library on the same backend.";
  root.append(h1, intro);
  for (const entry of entries) {
    const section = document.createElement("section");
    section.className = "paper";
    const h2 = document.createElement("h2");
    const link = document.createElement("a");
    link.href = `#/${entry.id}`;
    link.textContent = entry.title;
    h2.append(link);
    const cite = document.createElement("p");
    cite.className = "cite";
    cite.textContent = entry.paper;
    const summary = document.createElement("p");
    summary.textContent = entry.summary;
    const links = document.createElement("p");
    const open = document.createElement("a");
    open.href = `#/${entry.id}`;
    open.textContent = "Open the experiment";
    const readme = document.createElement("a");
    readme.href = readmeUrl(entry);
    readme.textContent = `${entry.packageName} README`;
    links.append(open, " · ", readme);
    section.append(h2, cite, summary);
    if (entry.figure !== undefined) {
      const img = document.createElement("img");
      img.src = entry.figure;
      img.alt = `${entry.title}: the page's plots after its default run`;
      img.loading = "lazy";
      img.className = "headline";
      section.append(img);
    }
    section.append(links);
    root.append(section);
  }
}
