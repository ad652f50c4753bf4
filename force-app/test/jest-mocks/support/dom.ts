/**
 * What the component tests share: reading a component's shadow DOM, waiting for re-renders,
 * recording toasts and cleaning up between tests.
 */
import type { ShowToastEventInit } from 'lightning/platformShowToastEvent';

/** A base-component stub, whose public properties the tests read. */
export type Stub = HTMLElement & Record<string, unknown>;

/** Waits until pending promises and re-renders have settled. */
export function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- tests wait for the microtask queue to drain
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The first element of the component's shadow DOM matching the selector. */
export function query<T extends Element = Stub>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Every element of the component's shadow DOM matching the selector. */
export function queryAll<T extends Element = Stub>(element: HTMLElement, selector: string): T[] {
  return Array.from(element.shadowRoot?.querySelectorAll<T>(selector) ?? []);
}

/** The text of the first matching element, with runs of white space as one space, trimmed. */
export function text(element: HTMLElement, selector: string): string | undefined {
  return query(element, selector)?.textContent?.replace(/\s+/g, ' ').trim();
}

/** Records the toasts the component shows. */
export function listenForToasts(element: HTMLElement): ShowToastEventInit[] {
  const toasts: ShowToastEventInit[] = [];
  element.addEventListener('lightning__showtoast', (event) => {
    toasts.push((event as CustomEvent<ShowToastEventInit>).detail);
  });
  return toasts;
}

/** Removes every component from the document and clears the mocks' calls. */
export function resetDom(): void {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
}
