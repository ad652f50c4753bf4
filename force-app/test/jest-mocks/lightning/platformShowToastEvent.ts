/**
 * Jest mock of `lightning/platformShowToastEvent`: the event the platform dispatches, so tests can
 * listen for `lightning__showtoast` and read the toast from `detail`.
 */
export const SHOW_TOAST_EVENT_NAME = 'lightning__showtoast';

export interface ShowToastEventInit {
  title?: string;
  message: string;
  variant?: 'info' | 'success' | 'warning' | 'error';
  mode?: 'dismissible' | 'pester' | 'sticky';
}

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
