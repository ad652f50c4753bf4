/**
 * Helpers the ERP panels (`erpCreditPanel`, `erpInvoiceList`, `erpOrderTimeline`) and the integration console share: label
 * formatting and readable error messages. A service module: no template, not placed on pages.
 */

/**
 * Replaces `{0}`, `{1}`, … in a label with the values.
 *
 * @param label - the label text
 * @param values - the values, in placeholder order
 * @returns the text
 */
export function format(label: string, ...values: Array<string | number>): string {
  return values.reduce<string>(
    (text, value, index) => text.split(`{${index}}`).join(String(value)),
    label
  );
}

/**
 * The readable messages of an Apex or JavaScript error (alone or in an array), joined: Apex
 * errors carry them in `body.message`, JavaScript errors in `message`.
 *
 * @param errors - what a failed Apex call or script threw
 * @param fallback - the text when no message can be found (the component's "unknown error" label)
 * @returns the messages joined with `, `, or the fallback
 */
export function reduceErrors(errors: unknown, fallback: string): string {
  const messages = (Array.isArray(errors) ? errors : [errors])
    .map((error) => messageOf(error))
    .filter((text): text is string => Boolean(text));
  return messages.length > 0 ? messages.join(', ') : fallback;
}

function messageOf(error: unknown): string | undefined {
  if (typeof error === 'string') {
    return error;
  }
  const { body, message } = (error ?? {}) as { body?: { message?: unknown }; message?: unknown };
  const found = body?.message ?? message;
  return typeof found === 'string' ? found : undefined;
}
