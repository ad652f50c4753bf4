/**
 * Declarations for the platform modules that Lightning Web Components import and that no npm
 * package types. `@salesforce/lightning-types` covers base components only.
 */

declare module '@salesforce/apex/*' {
  import type { WireAdapterConstructor } from 'lwc';
  /**
   * An imperative Apex call that is also usable with `@wire`: it returns a Promise of the
   * method's result.
   */
  type ApexMethod = ((params?: Record<string, unknown>) => Promise<any>) & WireAdapterConstructor;
  const apexMethod: ApexMethod;
  export default apexMethod;
}

declare module '@salesforce/apex' {
  /** Refreshes the data of a wired Apex method. */
  export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module '@salesforce/schema/*' {
  /** A field or object reference: `{ objectApiName, fieldApiName }` at run time. */
  const reference: { objectApiName: string; fieldApiName?: string } | string;
  export default reference;
}

declare module '@salesforce/label/*' {
  /** The text of a custom label in the user's language. */
  const label: string;
  export default label;
}

declare module '@salesforce/customPermission/*' {
  /** True when the running user holds the custom permission. */
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/user/Id' {
  const userId: string;
  export default userId;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventInit {
    title?: string;
    message: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
    constructor(init: ShowToastEventInit);
  }
}

declare module 'lightning/uiRecordApi' {
  import type { WireAdapterConstructor } from 'lwc';
  export const getRecord: WireAdapterConstructor;
  export function getFieldValue(record: unknown, field: unknown): unknown;
  export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void>;
}

declare module 'lightning/navigation' {
  import type { LightningElement } from 'lwc';
  type Constructor<T> = new (...args: any[]) => T;
  const Navigate: unique symbol;
  const GenerateUrl: unique symbol;
  /** A page reference as the navigation service takes it. */
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
  }
  /** Adds `this[NavigationMixin.Navigate](pageRef)` and `[NavigationMixin.GenerateUrl]` to a component. */
  export interface NavigationMixinType {
    <T extends Constructor<LightningElement>>(
      base: T
    ): T &
      Constructor<{
        [Navigate](pageReference: PageReference, replace?: boolean): void;
        [GenerateUrl](pageReference: PageReference): Promise<string>;
      }>;
    readonly Navigate: typeof Navigate;
    readonly GenerateUrl: typeof GenerateUrl;
  }
  export const NavigationMixin: NavigationMixinType;
  export const CurrentPageReference: import('lwc').WireAdapterConstructor;
}
