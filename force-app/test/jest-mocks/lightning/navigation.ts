/**
 * Jest mock of `lightning/navigation`. `NavigationMixin` adds `Navigate` and `GenerateUrl`
 * methods that record their page reference in the `navigate` and `generateUrl` mocks, so tests
 * can assert where a component navigated.
 */
import { createTestWireAdapter } from '@salesforce/sfdx-lwc-jest';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

/** Called with (pageReference, replace) whenever a component navigates. */
export const navigate = jest.fn();
/** Called with the page reference of every generated URL; resolves to a fixed URL. */
export const generateUrl = jest.fn<Promise<string>, [pageReference: unknown]>(() =>
  Promise.resolve('https://www.example.com')
);

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// A mixin's constructor must take `any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

export function NavigationMixin<T extends Constructor>(Base: T) {
  return class extends Base {
    [Navigate](pageReference: unknown, replace?: boolean): void {
      navigate(pageReference, replace);
    }

    [GenerateUrl](pageReference: unknown): Promise<string> {
      return generateUrl(pageReference);
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
