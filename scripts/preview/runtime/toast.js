/* global CustomEvent, document, setTimeout */
/**
 * Runtime of `lightning/platformShowToastEvent` in the local preview: `ShowToastEvent` is the
 * platform's event (`lightning__showtoast`, bubbling and composed), and a listener on the document
 * renders it as an SLDS toast in the page's `#preview-toasts` region (dismissible toasts close
 * after five seconds, sticky ones stay until closed).
 */

const VARIANTS = new Set(['info', 'success', 'warning', 'error']);

export class ShowToastEvent extends CustomEvent {
  constructor(init) {
    super('lightning__showtoast', {
      detail: { ...init },
      bubbles: true,
      composed: true,
      cancelable: true
    });
  }
}

function text(tag, className, value) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = value;
  return element;
}

function renderToast(detail) {
  const region = document.getElementById('preview-toasts');
  if (!region) {
    return;
  }
  const variant = VARIANTS.has(detail.variant) ? detail.variant : 'info';
  const toast = document.createElement('div');
  toast.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
  toast.setAttribute('role', variant === 'error' ? 'alert' : 'status');
  toast.dataset.variant = variant;
  const content = document.createElement('div');
  content.className = 'slds-notify__content';
  if (detail.title) {
    content.appendChild(text('h2', 'slds-text-heading_small', detail.title));
  }
  content.appendChild(text('p', '', detail.message || ''));
  const close = text(
    'button',
    'slds-button slds-button_icon slds-notify__close slds-button_icon-inverse',
    '×'
  );
  close.type = 'button';
  close.title = 'Close';
  close.addEventListener('click', () => toast.remove());
  toast.append(content, close);
  region.appendChild(toast);
  if (detail.mode !== 'sticky') {
    setTimeout(() => toast.remove(), 5000);
  }
}

if (typeof document !== 'undefined' && !document.__previewToasts) {
  document.__previewToasts = true;
  document.addEventListener('lightning__showtoast', (event) => renderToast(event.detail || {}));
}
