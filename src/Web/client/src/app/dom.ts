// Tiny DOM helpers: the app builds its few elements by hand (no framework, no innerHTML with data).

type Attrs = Record<string, string>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function mount(root: HTMLElement, ...children: Node[]): void {
  root.replaceChildren(...children);
}
