/**
 * Seeded sample data of the local preview: what the embedded ERP sandbox knows (built from the
 * `ErpContract_Inquiry*` fixtures plus a second account with enough invoices to page through and
 * a rejected order) and the Salesforce records the controller emulator reads (Accounts and Orders
 * with their synced `ERP_*` fields, which differ a little from the ERP's live values so a stale
 * panel is recognisable).
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  ErpCreditSummary,
  ErpInquiryErrorResponse,
  ErpInvoice,
  ErpInvoicePage,
  ErpOrderStatusDetail
} from '../../types/contract/inquiry.js';

/** Project-relative folder of the fixtures. */
export const FIXTURES_DIR = 'force-app/main/default/staticresources';

/** The inquiry fixtures the sandbox is seeded from. */
export interface InquiryFixtures {
  credit: ErpCreditSummary;
  invoices: ErpInvoicePage;
  orderStatus: ErpOrderStatusDetail;
  error: ErpInquiryErrorResponse;
}

/**
 * Reads the inquiry fixtures (static resources shared with the Apex tests and the contract test).
 *
 * @param root - the project root
 * @returns the parsed fixtures
 * @throws Error naming the fixture that is missing or not JSON
 */
export function readInquiryFixtures(root: string): InquiryFixtures {
  const read = <T>(name: string): T => {
    const file = path.join(root, FIXTURES_DIR, `${name}.json`);
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch (error) {
      throw new Error(`${FIXTURES_DIR}/${name}.json: ${(error as Error).message}`);
    }
  };
  return {
    credit: read<ErpCreditSummary>('ErpContract_InquiryCredit'),
    invoices: read<ErpInvoicePage>('ErpContract_InquiryInvoices'),
    orderStatus: read<ErpOrderStatusDetail>('ErpContract_InquiryOrderStatus'),
    error: read<ErpInquiryErrorResponse>('ErpContract_InquiryError')
  };
}

/** One ERP account of the sandbox: its credit figures (without `asOf`) and every invoice. */
export interface ErpAccountData {
  credit: Omit<ErpCreditSummary, 'asOf'>;
  invoices: ErpInvoice[];
}

/** Everything the sandbox knows. */
export interface ErpData {
  accounts: Map<string, ErpAccountData>;
  orders: Map<string, Omit<ErpOrderStatusDetail, 'asOf'>>;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * The second sample account: 24 invoices over two years (so the list has three pages of ten),
 * some open, two overdue, the rest paid; its credit balances are the invoice totals.
 */
function nordwindInvoices(): ErpInvoice[] {
  const invoices: ErpInvoice[] = [];
  for (let i = 0; i < 24; i++) {
    const issue = new Date(Date.UTC(2026, 10, 20) - i * 30 * 86_400_000);
    const due = new Date(issue.getTime() + 30 * 86_400_000);
    const amount = round2(1000 + ((i * 1379) % 9000) + (i % 4) * 0.25);
    const status = i < 3 ? 'OPEN' : i < 5 ? 'OVERDUE' : 'PAID';
    invoices.push({
      invoiceNumber: `INV-2026-${String(500 - i).padStart(4, '0')}`,
      issueDate: issue.toISOString().slice(0, 10),
      dueDate: due.toISOString().slice(0, 10),
      amount,
      openAmount: status === 'PAID' ? 0 : amount,
      currencyIsoCode: 'USD',
      status,
      daysOverdue: status === 'OVERDUE' ? 12 + i * 9 : 0,
      erpOrderId: i % 3 === 0 ? `SO-2000${String(i).padStart(2, '0')}` : null
    });
  }
  return invoices;
}

/**
 * Builds the sandbox's data from the fixtures.
 *
 * @param fixtures - from {@link readInquiryFixtures}
 * @returns the accounts (ERP-ACC-1002 from the fixtures, ERP-ACC-1003 with 24 invoices) and the
 *   orders (SO-100045 from the fixture, SO-100052 rejected)
 */
export function buildErpData(fixtures: InquiryFixtures): ErpData {
  const { asOf: _creditAsOf, ...credit } = fixtures.credit;
  void _creditAsOf;
  const nordwind = nordwindInvoices();
  const open = nordwind.filter((i) => i.status !== 'PAID');
  const accounts = new Map<string, ErpAccountData>([
    [credit.erpAccountId, { credit, invoices: fixtures.invoices.invoices }],
    [
      'ERP-ACC-1003',
      {
        credit: {
          erpAccountId: 'ERP-ACC-1003',
          creditStatus: 'Good Standing',
          creditLimit: 120000,
          openBalance: round2(open.reduce((sum, i) => sum + i.openAmount, 0)),
          overdueBalance: round2(
            open.filter((i) => i.status === 'OVERDUE').reduce((sum, i) => sum + i.openAmount, 0)
          ),
          paymentTerms: 'NET30',
          currencyIsoCode: 'USD'
        },
        invoices: nordwind
      }
    ]
  ]);
  const { asOf: _orderAsOf, ...shipped } = fixtures.orderStatus;
  void _orderAsOf;
  const orders = new Map<string, Omit<ErpOrderStatusDetail, 'asOf'>>([
    [shipped.erpOrderId, shipped],
    [
      'SO-100052',
      {
        erpOrderId: 'SO-100052',
        status: 'Rejected',
        sequence: 1,
        history: [
          {
            status: 'Rejected',
            sequence: 1,
            occurredAt: '2026-11-22T10:02:00.000Z',
            note: 'Credit hold: account ERP-ACC-1002 is On Hold'
          }
        ],
        trackingNumbers: [],
        expectedDeliveryDate: null
      }
    ]
  ]);
  return { accounts, orders };
}

/** An Account of the mock org, with the ERP fields the last sync wrote. */
export interface MockAccount {
  Id: string;
  Name: string;
  ERP_Account_ID__c: string | null;
  ERP_Credit_Status__c: string | null;
  ERP_Credit_Limit__c: number | null;
  ERP_Open_Balance__c: number | null;
  ERP_Overdue_Balance__c: number | null;
  ERP_Payment_Terms__c: string | null;
  CurrencyIsoCode: string;
  ERP_Last_Synced_At__c: string | null;
}

/** One `Order_Status_History__c` row. */
export interface MockStatusHistory {
  Status__c: string;
  Sequence__c: number;
  Occurred_At__c: string;
  Details__c: string | null;
}

/** An Order of the mock org. */
export interface MockOrder {
  Id: string;
  OrderNumber: string;
  AccountId: string;
  ERP_Order_ID__c: string | null;
  ERP_Status__c: string | null;
  ERP_Error__c: string | null;
  history: MockStatusHistory[];
  /** Whether the preview's user may edit the order and submit orders. */
  userCanSubmit: boolean;
}

/** The records of the mock org, by ID. */
export interface MockOrg {
  accounts: Map<string, MockAccount>;
  orders: Map<string, MockOrder>;
}

/** The Account whose ERP data are the fixtures. */
export const ACME_ACCOUNT_ID = '001000000000001AAA';
/** The Account with three pages of invoices. */
export const NORDWIND_ACCOUNT_ID = '001000000000002AAA';
/** An Account not linked to the ERP. */
export const PROSPECT_ACCOUNT_ID = '001000000000003AAA';
/** An Account whose ERP ID the ERP does not know. */
export const UNKNOWN_ACCOUNT_ID = '001000000000004AAA';
/** The shipped Order of the order fixture. */
export const SHIPPED_ORDER_ID = '801000000000001AAA';
/** A rejected Order the user may resubmit. */
export const REJECTED_ORDER_ID = '801000000000002AAA';
/** A draft Order not yet submitted. */
export const DRAFT_ORDER_ID = '801000000000003AAA';

/**
 * Builds the mock org. The synced values are those of the last sync, a day older than the ERP.
 *
 * @returns fresh records (mutable: resubmission changes an order)
 */
export function buildMockOrg(): MockOrg {
  const account = (
    fields: Partial<MockAccount> & Pick<MockAccount, 'Id' | 'Name'>
  ): MockAccount => ({
    ERP_Account_ID__c: null,
    ERP_Credit_Status__c: null,
    ERP_Credit_Limit__c: null,
    ERP_Open_Balance__c: null,
    ERP_Overdue_Balance__c: null,
    ERP_Payment_Terms__c: null,
    CurrencyIsoCode: 'EUR',
    ERP_Last_Synced_At__c: null,
    ...fields
  });
  const accounts = [
    account({
      Id: ACME_ACCOUNT_ID,
      Name: 'Acme Industrial GmbH',
      ERP_Account_ID__c: 'ERP-ACC-1002',
      ERP_Credit_Status__c: 'Good Standing',
      ERP_Credit_Limit__c: 75000,
      ERP_Open_Balance__c: 27650,
      ERP_Overdue_Balance__c: 1750.5,
      ERP_Payment_Terms__c: 'NET45',
      ERP_Last_Synced_At__c: '2026-11-24T06:00:00.000Z'
    }),
    account({
      Id: NORDWIND_ACCOUNT_ID,
      Name: 'Nordwind Logistics Inc.',
      ERP_Account_ID__c: 'ERP-ACC-1003',
      ERP_Credit_Status__c: 'Good Standing',
      ERP_Credit_Limit__c: 120000,
      ERP_Open_Balance__c: 21000,
      ERP_Overdue_Balance__c: 6400,
      ERP_Payment_Terms__c: 'NET30',
      CurrencyIsoCode: 'USD',
      ERP_Last_Synced_At__c: '2026-11-24T06:00:00.000Z'
    }),
    account({ Id: PROSPECT_ACCOUNT_ID, Name: 'Bluebell Prospects Ltd' }),
    account({
      Id: UNKNOWN_ACCOUNT_ID,
      Name: 'Orphaned Trading SA',
      ERP_Account_ID__c: 'ERP-ACC-9999',
      ERP_Credit_Status__c: 'Unknown',
      ERP_Last_Synced_At__c: '2026-10-01T06:00:00.000Z'
    })
  ];
  const orders: MockOrder[] = [
    {
      Id: SHIPPED_ORDER_ID,
      OrderNumber: '00000145',
      AccountId: ACME_ACCOUNT_ID,
      ERP_Order_ID__c: 'SO-100045',
      ERP_Status__c: 'Partially Shipped',
      ERP_Error__c: null,
      history: [
        {
          Status__c: 'Acknowledged',
          Sequence__c: 1,
          Occurred_At__c: '2026-11-03T09:12:00.000Z',
          Details__c: null
        },
        {
          Status__c: 'Released',
          Sequence__c: 2,
          Occurred_At__c: '2026-11-04T07:40:00.000Z',
          Details__c: 'Warehouse Hamburg'
        },
        {
          Status__c: 'Partially Shipped',
          Sequence__c: 3,
          Occurred_At__c: '2026-11-10T15:05:00.000Z',
          Details__c: '2 of 3 lines'
        }
      ],
      userCanSubmit: true
    },
    {
      Id: REJECTED_ORDER_ID,
      OrderNumber: '00000146',
      AccountId: ACME_ACCOUNT_ID,
      ERP_Order_ID__c: 'SO-100052',
      ERP_Status__c: 'Rejected',
      ERP_Error__c: 'Credit hold: account ERP-ACC-1002 is On Hold',
      history: [
        {
          Status__c: 'Rejected',
          Sequence__c: 1,
          Occurred_At__c: '2026-11-22T10:02:00.000Z',
          Details__c: 'Credit hold: account ERP-ACC-1002 is On Hold'
        }
      ],
      userCanSubmit: true
    },
    {
      Id: DRAFT_ORDER_ID,
      OrderNumber: '00000147',
      AccountId: NORDWIND_ACCOUNT_ID,
      ERP_Order_ID__c: null,
      ERP_Status__c: null,
      ERP_Error__c: null,
      history: [],
      userCanSubmit: true
    }
  ];
  return {
    accounts: new Map(accounts.map((a) => [a.Id, a])),
    orders: new Map(orders.map((o) => [o.Id, o]))
  };
}
