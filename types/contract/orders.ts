/**
 * The order contract between ERP Bridge and the ERP's middleware (ADR 9): the outbound
 * `ERP_Order_Submitted__e` platform event carrying the canonical order, the order acknowledgements
 * API (`POST /services/apexrest/erp-bridge/v1/orders/acknowledgements`) and the inbound
 * `ERP_Order_Status__e` platform event.
 *
 * The acknowledgements API shares the records API's headers, idempotency, correlation, request
 * codes and response shape (`record-sync.ts`); its record codes are listed with their fields in
 * `ORDER_ACKNOWLEDGEMENT_ERROR_CODES` (`error-codes.ts`).
 *
 * The canonical fixtures `force-app/main/default/staticresources/ErpContract_Order*.json` are
 * validated against these types by `scripts/test/contract.test.ts`, drive the Apex tests and are
 * embedded in the generated `docs/integration/orders-api.md`.
 */
import type { RecordUpsertResponse } from './record-sync.js';

/**
 * The canonical order: the JSON text of `ERP_Order_Submitted__e.Payload__c`, written by Salesforce
 * in exactly this field order (header, account, lines). Amounts are in the order's currency.
 */
export interface CanonicalOrder {
  /** 18-character Salesforce ID of the order. */
  orderId: string;
  /** Salesforce order number (`Order.OrderNumber`), for display and support. */
  orderNumber: string;
  /**
   * The deterministic key of this submission, `Order.Integration_Key__c`: `SF-` + the 18-character
   * order ID + `-v` + `submissionVersion` (for example `SF-801Hs00001OrA01IAF-v1`). The same
   * order version always has the same key: de-duplicate on it, and acknowledge with it.
   */
  integrationKey: string;
  /** `Order.Submission_Version__c`: 1 for the first submission, one more for each resubmission after a rejection. */
  submissionVersion: number;
  /** Correlation ID of the submission, also in `ERP_Order_Submitted__e.Correlation_ID__c` and on the order. */
  correlationId: string;
  /** When the order was submitted (`Order.ERP_Submitted_At__c`): ISO 8601 in UTC with milliseconds, `YYYY-MM-DDTHH:mm:ss.SSSZ`. */
  submittedAt: string;
  /** The customer. */
  account: CanonicalOrderAccount;
  /** 18-character Salesforce ID of the quote the order was created from (`Order.QuoteId`); null for an order not created from a quote. */
  quoteId: string | null;
  /** 18-character Salesforce ID of the opportunity (`Order.OpportunityId`); null when none. */
  opportunityId: string | null;
  /** `Order.EffectiveDate`, `YYYY-MM-DD`. */
  effectiveDate: string;
  /** The customer's purchase order number (`Order.PoNumber`); null when none. */
  poNumber: string | null;
  /** `Order.Description`; null when blank. */
  description: string | null;
  /** `Order.TotalAmount`: the sum of the lines' `totalPrice`. */
  totalAmount: number;
  /** The order lines, numbered from 1 in line order; at least one. */
  lines: CanonicalOrderLine[];
}

/** The customer of a canonical order. */
export interface CanonicalOrderAccount {
  /** 18-character Salesforce ID of the account (`Order.AccountId`). */
  id: string;
  /** The ERP's customer number (`Account.ERP_Account_ID__c`); an order without one is not submitted (`NO_ERP_ACCOUNT`). */
  erpAccountId: string;
  /** `Account.Name`. */
  name: string;
}

/** One line of a canonical order (an `OrderItem`). */
export interface CanonicalOrderLine {
  /** Position of the line in the order, from 1. */
  lineNumber: number;
  /** 18-character Salesforce ID of the order item. */
  orderItemId: string;
  /** The product's SKU, `Product2.ProductCode`; never blank (`PRODUCT_WITHOUT_SKU`). */
  sku: string;
  /** The ERP's product ID, `Product2.ERP_Product_ID__c`; never blank (`PRODUCT_WITHOUT_ERP_ID`). */
  erpProductId: string;
  /** `Product2.Name`. */
  productName: string;
  /** `OrderItem.Quantity`. */
  quantity: number;
  /** `OrderItem.UnitPrice`. */
  unitPrice: number;
  /** `OrderItem.TotalPrice`: `quantity` × `unitPrice`. */
  totalPrice: number;
  /** `OrderItem.Description`; null when blank. */
  description: string | null;
}

/**
 * The `ERP_Order_Submitted__e` platform event's fields in their JSON form (as the Streaming API
 * delivers them and the fixture shows them). Published after commit, one per submitted order;
 * delivered at least once, so de-duplicate by `Idempotency_Key__c`.
 */
export interface OrderSubmittedEvent {
  /** 18-character Salesforce ID of the submitted order (`orderId`). */
  Order_ID__c: string;
  /** Salesforce order number (`orderNumber`). */
  Order_Number__c: string;
  /** The submission's key, equal to the order's `Integration_Key__c` (`integrationKey`): a repeated key is a duplicate delivery, a new version a resubmission. */
  Idempotency_Key__c: string;
  /** The order's submission version (`submissionVersion`). */
  Submission_Version__c: number;
  /** The compact JSON text of {@link CanonicalOrder}, fields in its declaration order. */
  Payload__c: string;
  /** Correlation ID of the submission (`correlationId`). */
  Correlation_ID__c: string;
}

/** A documented example of the submission event: the event fields plus `Payload__c` parsed. */
export interface OrderSubmittedEventExample {
  /** The event's fields. */
  event: OrderSubmittedEvent;
  /** `Payload__c` parsed. */
  order: CanonicalOrder;
}

/** Body of `POST /erp-bridge/v1/orders/acknowledgements`. */
export interface OrderAcknowledgementsRequest {
  /**
   * When true, one rejected acknowledgement rejects the whole call and nothing is written (the
   * others are answered with `ALL_OR_NONE_ABORTED`). Default false: each stands on its own.
   */
  allOrNone?: boolean;
  /** 1 to 200 acknowledgements. */
  records: OrderAcknowledgementInput[];
}

/** The ERP's decision on a submitted order. */
export type OrderAcknowledgementDecision = 'accepted' | 'rejected';

/** The ERP's answer to one submission, keyed by the submission's `integrationKey`. */
export interface OrderAcknowledgementInput {
  /**
   * The `integrationKey` of the submission (`ERP_Order_Submitted__e.Idempotency_Key__c`); its
   * result's `externalId`. An unknown key is rejected `UNKNOWN_ORDER`, the key of a submission
   * superseded by a resubmission `STALE_UPDATE`.
   */
  integrationKey: string;
  /** `accepted` stores `erpOrderId` and activates the order; `rejected` stores the reasons and leaves the order Draft. */
  decision: OrderAcknowledgementDecision;
  /** The ERP's sales order number, stored in `Order.ERP_Order_ID__c`; required when accepted. */
  erpOrderId?: string;
  /** Why the ERP refused the order, stored in `Order.ERP_Error__c`; at least one when rejected. */
  reasons?: string[];
  /** When the ERP decided (ISO 8601 date-time); invalid or missing is rejected `INVALID_MODIFIED_AT`. */
  occurredAt: string;
}

/**
 * Response of a processed acknowledgements call: a `RecordUpsertResponse` for `Order` (canonical
 * `order`) whose results carry the `integrationKey` as `externalId` and the order's ID as `id`;
 * outcomes are `updated`, `unchanged` (the same acknowledgement again) or `rejected`, never
 * `created`. HTTP 200, or 422 when `allOrNone` was set and an acknowledgement was rejected.
 */
export type OrderAcknowledgementsResponse = RecordUpsertResponse;

/**
 * An ERP status carried by `ERP_Order_Status__e.Status__c`: a value of `Order.ERP_Status__c` the
 * ERP sets (every one but `Submitted`, which Salesforce sets on submission).
 */
export type ErpOrderStatus =
  | 'Acknowledged'
  | 'Rejected'
  | 'Released'
  | 'Partially Shipped'
  | 'Shipped'
  | 'Invoiced'
  | 'Cancelled'
  | 'Returned';

/**
 * The `ERP_Order_Status__e` platform event's fields as the middleware publishes them (JSON form).
 * The order is found by `ERP_Order_ID__c` or by `Integration_Key__c`: at least one is required.
 * Delivered to `ErpOrderStatusTrigger` in batches; a redelivered event changes nothing.
 */
export interface OrderStatusEvent {
  /** The ERP's sales order number (`Order.ERP_Order_ID__c`): required on `Acknowledged` (it is stored); names the order on later statuses; may be null on `Rejected`. */
  ERP_Order_ID__c: string | null;
  /** The submission's `integrationKey`, which identifies the order before it has an ERP order ID: required on `Acknowledged` and `Rejected`, optional afterwards. */
  Integration_Key__c: string | null;
  /** The order's new ERP status. `Acknowledged` and `Rejected` are acknowledgements, applied like the acknowledgements API's `accepted` and `rejected`. */
  Status__c: ErpOrderStatus;
  /** The ERP's sequence number of this change for the order, a positive whole number: only a change with a higher sequence than the order's `ERP_Status_Sequence__c` moves its status. */
  Sequence__c: number;
  /** When the change happened in the ERP (ISO 8601 date-time). */
  Occurred_At__c: string;
  /** Free text or JSON: shipment or invoice references; on `Rejected` the reasons, stored in `Order.ERP_Error__c` (required there); null when none. */
  Details__c: string | null;
  /** The middleware's correlation ID for this change; null when it has none. */
  Correlation_ID__c: string | null;
}

/** `ERP_Order_Status__e` events in delivery order, as one trigger batch receives them. */
export type OrderStatusEvents = OrderStatusEvent[];
