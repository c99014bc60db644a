/**
 * The form controls every page uses: labelled sliders and selects, the seed field and the run button. Plain
 * DOM, no framework: each page is a handful of inputs and charts, and plain elements keep the pages small
 * and independent.
 */

function labelled(parent: HTMLElement, text: string, input: HTMLElement, output?: HTMLElement): void {
  const label = document.createElement("label");
  label.className = "control";
  const span = document.createElement("span");
  span.textContent = text;
  label.append(span, input);
  if (output) label.append(output);
  parent.append(label);
}

/** A range slider showing its value; returns a getter. */
export function slider(
  parent: HTMLElement,
  text: string,
  options: { min: number; max: number; step: number; value: number; name: string },
): () => number {
  const input = document.createElement("input");
  input.type = "range";
  input.name = options.name;
  input.min = String(options.min);
  input.max = String(options.max);
  input.step = String(options.step);
  input.value = String(options.value);
  const output = document.createElement("output");
  output.textContent = input.value;
  input.addEventListener("input", () => {
    output.textContent = input.value;
  });
  labelled(parent, text, input, output);
  return () => Number(input.value);
}

/** A select box over string choices; returns a getter. */
export function select<T extends string>(
  parent: HTMLElement,
  text: string,
  options: { choices: readonly T[]; value: T; name: string },
): () => T {
  const input = document.createElement("select");
  input.name = options.name;
  for (const c of options.choices) {
    const o = document.createElement("option");
    o.value = c;
    o.textContent = c;
    input.append(o);
  }
  input.value = options.value;
  labelled(parent, text, input);
  return () => input.value as T;
}

/**
 * The seed field: a non-negative integer, shown on every page and kept in the URL (`#/<page>?seed=7`) so a
 * run can be shared and repeated; the same seed gives the same run as the library on the same backend.
 */
export function seedField(parent: HTMLElement, value: number): () => number {
  const input = document.createElement("input");
  input.type = "number";
  input.name = "seed";
  input.min = "0";
  input.step = "1";
  input.value = String(value);
  labelled(parent, "seed", input);
  return () => {
    const seed = Math.max(0, Math.floor(Number(input.value) || 0));
    input.value = String(seed);
    const [path] = location.hash.split("?");
    history.replaceState(null, "", `${path}?seed=${seed}`);
    return seed;
  };
}

/** The run button. */
export function runButton(parent: HTMLElement, onClick: () => void): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Run";
  button.className = "run";
  button.addEventListener("click", onClick);
  parent.append(button);
  return button;
}

/** A page section: heading, explanatory paragraph, and a box for controls. */
export function pageFrame(
  root: HTMLElement,
  title: string,
  intro: string,
): { controls: HTMLElement; plots: HTMLElement; status: HTMLElement } {
  const h1 = document.createElement("h1");
  h1.textContent = title;
  const p = document.createElement("p");
  p.className = "intro";
  p.textContent = intro;
  const controls = document.createElement("div");
  controls.className = "controls";
  const status = document.createElement("p");
  status.className = "status";
  status.setAttribute("role", "status");
  const plots = document.createElement("div");
  plots.className = "plots";
  root.append(h1, p, controls, status, plots);
  return { controls, plots, status };
}

/** A titled box for one chart. */
export function plotBox(parent: HTMLElement): HTMLElement {
  const box = document.createElement("div");
  box.className = "plot";
  parent.append(box);
  return box;
}
