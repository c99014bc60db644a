/** What a page folder exports: `mount` builds the page under `root` and returns its clean-up. */
export interface PageModule {
  mount(root: HTMLElement, options: { seed: number }): () => void;
}
