/**
 * `@salesforce/sfdx-lwc-jest` ships no types; its test wire adapters come from
 * `@salesforce/wire-service-jest-util`, which does.
 */
declare module '@salesforce/sfdx-lwc-jest' {
  export {
    createApexTestWireAdapter,
    createLdsTestWireAdapter,
    createTestWireAdapter
  } from '@salesforce/wire-service-jest-util';
}
