/**
 * Jest mock of `lightning/platformShowToastEvent`: the event the platform dispatches, so tests can
 * listen for `lightning__showtoast` and read the toast from `detail`.
 */
// The toast's shape is declared once, with the module, in types/salesforce/modules.d.ts.
import type { ShowToastEventInit } from 'lightning/platformShowToastEvent';

export type { ShowToastEventInit };

export const SHOW_TOAST_EVENT_NAME = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
  constructor(toast: ShowToastEventInit) {
    super(SHOW_TOAST_EVENT_NAME, {
      bubbles: true,
      cancelable: true,
      composed: true,
      detail: toast
    });
  }
}
