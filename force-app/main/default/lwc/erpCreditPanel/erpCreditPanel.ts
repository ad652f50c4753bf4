import { format, reduceErrors as reduceErrorsWith } from 'c/erpPanelSupport';
import { LightningElement, api } from 'lwc';
import getCreditSummary from '@salesforce/apex/ErpCreditController.getCreditSummary';
import LABEL_TITLE from '@salesforce/label/c.ErpCredit_Title';
import LABEL_LOADING from '@salesforce/label/c.ErpCredit_Loading';
import LABEL_REFRESH from '@salesforce/label/c.ErpCredit_Refresh';
import LABEL_LOAD_ERROR from '@salesforce/label/c.ErpCredit_LoadError';
import LABEL_UNKNOWN_ERROR from '@salesforce/label/c.ErpCredit_UnknownError';
import LABEL_NOT_LINKED from '@salesforce/label/c.ErpCredit_NotLinked';
import LABEL_CREDIT_STATUS from '@salesforce/label/c.ErpCredit_CreditStatus';
import LABEL_STATUS_GOOD_STANDING from '@salesforce/label/c.ErpCredit_StatusGoodStanding';
import LABEL_STATUS_ON_HOLD from '@salesforce/label/c.ErpCredit_StatusOnHold';
import LABEL_STATUS_BLOCKED from '@salesforce/label/c.ErpCredit_StatusBlocked';
import LABEL_STATUS_UNKNOWN from '@salesforce/label/c.ErpCredit_StatusUnknown';
import LABEL_CREDIT_LIMIT from '@salesforce/label/c.ErpCredit_CreditLimit';
import LABEL_OPEN_BALANCE from '@salesforce/label/c.ErpCredit_OpenBalance';
import LABEL_OVERDUE_BALANCE from '@salesforce/label/c.ErpCredit_OverdueBalance';
import LABEL_AVAILABLE_CREDIT from '@salesforce/label/c.ErpCredit_AvailableCredit';
import LABEL_PAYMENT_TERMS from '@salesforce/label/c.ErpCredit_PaymentTerms';
import LABEL_ERP_ACCOUNT from '@salesforce/label/c.ErpCredit_ErpAccount';
import LABEL_NO_VALUE from '@salesforce/label/c.ErpCredit_NoValue';
import LABEL_UTILISATION from '@salesforce/label/c.ErpCredit_Utilisation';
import LABEL_UTILISATION_TEXT from '@salesforce/label/c.ErpCredit_UtilisationText';
import LABEL_NEAR_LIMIT from '@salesforce/label/c.ErpCredit_NearLimit';
import LABEL_LIMIT_REACHED from '@salesforce/label/c.ErpCredit_LimitReached';
import LABEL_AS_OF from '@salesforce/label/c.ErpCredit_AsOf';
import LABEL_NEVER_SYNCED from '@salesforce/label/c.ErpCredit_NeverSynced';
import LABEL_SOURCE_LIVE from '@salesforce/label/c.ErpCredit_SourceLive';
import LABEL_SOURCE_CACHE from '@salesforce/label/c.ErpCredit_SourceCache';
import LABEL_SOURCE_SYNCED from '@salesforce/label/c.ErpCredit_SourceSynced';
import LABEL_STALE from '@salesforce/label/c.ErpCredit_Stale';
import LABEL_STALE_HINT from '@salesforce/label/c.ErpCredit_StaleHint';

/*
 * ErpCreditController.CreditPanel as it arrives in JavaScript: the `CreditPanel` of
 * types/contract/inquiry.ts, restated here because the build compiles only this bundle (the test
 * checks that the contract's type fits this one). Apex leaves null properties out.
 */

/** Where the data came from. */
export type InquirySource = 'LIVE' | 'CACHE' | 'SYNCED';

/** ErpCreditController.CreditPanel. */
export interface CreditPanel {
  recordId: string;
  source: InquirySource;
  asOf?: string | null;
  stale: boolean;
  staleReason?: string | null;
  erpAccountId?: string | null;
  creditStatus?: string | null;
  creditLimit?: number | null;
  openBalance?: number | null;
  overdueBalance?: number | null;
  availableCredit?: number | null;
  utilisationPercent?: number | null;
  paymentTerms?: string | null;
  currencyIsoCode?: string | null;
}

interface StatusPresentation {
  label: string;
  iconName: string;
  themeClass: string;
  /** Icons on dark badges are drawn white. */
  iconVariant?: 'inverse';
}

const STATUS_PRESENTATION: Record<string, StatusPresentation> = {
  'Good Standing': {
    label: LABEL_STATUS_GOOD_STANDING,
    iconName: 'utility:success',
    themeClass: 'slds-theme_success',
    iconVariant: 'inverse'
  },
  'On Hold': {
    label: LABEL_STATUS_ON_HOLD,
    iconName: 'utility:warning',
    themeClass: 'slds-theme_warning'
  },
  Blocked: {
    label: LABEL_STATUS_BLOCKED,
    iconName: 'utility:ban',
    themeClass: 'slds-theme_error',
    iconVariant: 'inverse'
  },
  Unknown: {
    label: LABEL_STATUS_UNKNOWN,
    iconName: 'utility:help',
    themeClass: 'slds-badge_lightest'
  }
};

const SOURCE_LABELS: Record<InquirySource, string> = {
  LIVE: LABEL_SOURCE_LIVE,
  CACHE: LABEL_SOURCE_CACHE,
  SYNCED: LABEL_SOURCE_SYNCED
};

/** Utilisation from which the bar warns, and from which the limit counts as reached. */
const NEAR_LIMIT_PERCENT = 80;
const LIMIT_REACHED_PERCENT = 100;

/**
 * The readable messages of an Apex or JavaScript error (alone or in an array), joined.
 *
 * @param errors - what a failed call threw
 * @returns the messages, or the component's "unknown error" label
 */
export function reduceErrors(errors: unknown): string {
  return reduceErrorsWith(errors, LABEL_UNKNOWN_ERROR);
}

/** One amount of the figures list. */
interface AmountRow {
  key: string;
  termKey: string;
  detailKey: string;
  label: string;
  value?: number;
  hasValue: boolean;
}

/** The utilisation bar: value, text and style decided from the percentage. */
interface UtilisationView {
  percent: number;
  text: string;
  barStyle: string;
  barClass: string;
  warningText?: string;
  warningClass?: string;
}

/** The template's view of a credit panel: every value it renders, already decided. */
interface CreditView {
  isLinked: boolean;
  statusLabel: string;
  statusIconName: string;
  statusIconVariant?: 'inverse';
  badgeClass: string;
  amounts: AmountRow[];
  currencyIsoCode?: string;
  paymentTerms: string;
  erpAccountId: string;
  utilisation?: UtilisationView;
  asOf?: string;
  sourceText: string;
  isStale: boolean;
  staleReason: string;
}

function amountRow(key: string, label: string, value: number | null | undefined): AmountRow {
  const hasValue = typeof value === 'number';
  return {
    key,
    termKey: `${key}-term`,
    detailKey: `${key}-detail`,
    label,
    value: hasValue ? value : undefined,
    hasValue
  };
}

function toUtilisation(value: number | null | undefined): UtilisationView | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  const percent = Math.round(Math.min(Math.max(value, 0), LIMIT_REACHED_PERCENT));
  const level =
    percent >= LIMIT_REACHED_PERCENT ? 'error' : percent >= NEAR_LIMIT_PERCENT ? 'warning' : 'ok';
  return {
    percent,
    text: format(LABEL_UTILISATION_TEXT, percent),
    barStyle: `width: ${percent}%`,
    barClass: `slds-progress-bar__value utilisation-${level}`,
    // Not by colour only: the level is said in words as well.
    warningText:
      level === 'error' ? LABEL_LIMIT_REACHED : level === 'warning' ? LABEL_NEAR_LIMIT : undefined,
    warningClass: level === 'error' ? 'slds-text-color_error' : 'utilisation-warning-text'
  };
}

function toView(panel: CreditPanel): CreditView {
  const status = panel.creditStatus ?? 'Unknown';
  // A status this version doesn't know yet is shown as it is, in a neutral badge.
  const presentation = STATUS_PRESENTATION[status] ?? {
    ...STATUS_PRESENTATION.Unknown,
    label: status
  };
  return {
    isLinked: Boolean(panel.erpAccountId),
    statusLabel: presentation.label,
    statusIconName: presentation.iconName,
    statusIconVariant: presentation.iconVariant,
    badgeClass: `slds-badge ${presentation.themeClass}`,
    amounts: [
      amountRow('creditLimit', LABEL_CREDIT_LIMIT, panel.creditLimit),
      amountRow('openBalance', LABEL_OPEN_BALANCE, panel.openBalance),
      amountRow('overdueBalance', LABEL_OVERDUE_BALANCE, panel.overdueBalance),
      amountRow('availableCredit', LABEL_AVAILABLE_CREDIT, panel.availableCredit)
    ],
    currencyIsoCode: panel.currencyIsoCode ?? undefined,
    paymentTerms: panel.paymentTerms || LABEL_NO_VALUE,
    erpAccountId: panel.erpAccountId ?? LABEL_NO_VALUE,
    utilisation: toUtilisation(panel.utilisationPercent),
    asOf: panel.asOf ?? undefined,
    sourceText: SOURCE_LABELS[panel.source] ?? panel.source,
    isStale: panel.stale === true,
    staleReason: panel.staleReason || LABEL_STALE_HINT
  };
}

/**
 * The ERP credit of an account: credit status, limit, open and overdue balance, available
 * credit, utilisation, payment terms and how fresh the figures are. Asks the ERP through
 * ErpCreditController (one call per load); Refresh asks again past the cache.
 */
export default class ErpCreditPanel extends LightningElement {
  /** ID of the account; set by the record page or the Experience site. */
  @api recordId?: string;

  readonly labels = {
    title: LABEL_TITLE,
    loading: LABEL_LOADING,
    refresh: LABEL_REFRESH,
    loadError: LABEL_LOAD_ERROR,
    notLinked: LABEL_NOT_LINKED,
    creditStatus: LABEL_CREDIT_STATUS,
    paymentTerms: LABEL_PAYMENT_TERMS,
    erpAccount: LABEL_ERP_ACCOUNT,
    noValue: LABEL_NO_VALUE,
    utilisation: LABEL_UTILISATION,
    asOf: LABEL_AS_OF,
    neverSynced: LABEL_NEVER_SYNCED,
    stale: LABEL_STALE
  };

  /** What the template shows; undefined until the first answer arrives. */
  view?: CreditView;
  errorMessage?: string;
  isLoading = false;

  override connectedCallback(): void {
    void this.load(false);
  }

  get showData(): boolean {
    return this.view?.isLinked === true && !this.errorMessage;
  }

  get showNotLinked(): boolean {
    return this.view?.isLinked === false && !this.errorMessage;
  }

  handleRefresh(): void {
    void this.load(true);
  }

  private async load(refresh: boolean): Promise<void> {
    this.isLoading = true;
    try {
      const panel = (await getCreditSummary({
        accountId: this.recordId,
        refresh
      })) as CreditPanel;
      this.view = toView(panel);
      this.errorMessage = undefined;
    } catch (error) {
      this.view = undefined;
      this.errorMessage = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }
}
