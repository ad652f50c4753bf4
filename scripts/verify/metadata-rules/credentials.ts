/**
 * Rules for `NamedCredential` and `ExternalCredential`.
 *
 * Sources: Metadata API Developer Guide, "NamedCredential" (`label` required; `namedCredentialType`
 * Legacy, SecuredEndpoint or PrivateEndpoint; the legacy fields — endpoint, principalType,
 * protocol — apply only to Legacy) and "ExternalCredential" (`label` and `authenticationProtocol`
 * required).
 *
 * @module
 */
import {
  Rule,
  enumChild,
  report,
  requireChild,
  requireChildren,
  type RuleContext
} from './context.js';
import { childText, childrenNamed } from './xml.js';

const NAMED_CREDENTIAL_TYPES = ['Legacy', 'SecuredEndpoint', 'PrivateEndpoint'];
const CALLOUT_STATUSES = ['Enabled', 'Disabled'];
const AUTHENTICATION_PROTOCOLS = [
  'AwsSv4',
  'Basic',
  'Custom',
  'Jwt',
  'JwtExchange',
  'NoAuthentication',
  'Oauth',
  'Password'
];

/**
 * Checks a named credential: `<label>`; for SecuredEndpoint/PrivateEndpoint a `Url` parameter
 * and named parameters; for Legacy (the default when `namedCredentialType` is absent) the
 * endpoint, principalType and protocol.
 */
export function checkNamedCredential(context: RuleContext): void {
  const root = context.root;
  requireChild(context, root, 'label');
  enumChild(context, root, 'calloutStatus', CALLOUT_STATUSES, false);
  const present = childText(root, 'namedCredentialType') !== undefined;
  const type = enumChild(context, root, 'namedCredentialType', NAMED_CREDENTIAL_TYPES, false);
  if (present && type === undefined) return;
  if ((type ?? 'Legacy') === 'Legacy') {
    requireChildren(context, root, ['endpoint', 'principalType', 'protocol']);
    return;
  }
  const parameters = childrenNamed(root, 'namedCredentialParameters');
  parameters.forEach((parameter, index) =>
    requireChildren(
      context,
      parameter,
      ['parameterName', 'parameterType'],
      `<namedCredentialParameters> #${index + 1}`
    )
  );
  const url = parameters.find((parameter) => childText(parameter, 'parameterType') === 'Url');
  if (!url) {
    report(
      context,
      root,
      Rule.MissingElement,
      `a ${type} named credential needs a <namedCredentialParameters> with <parameterType>Url</parameterType>`
    );
  } else {
    requireChild(context, url, 'parameterValue', 'the Url <namedCredentialParameters>');
  }
}

/**
 * Checks an external credential: `<label>`, a valid `<authenticationProtocol>`, and a name and
 * type on every `<externalCredentialParameters>`.
 */
export function checkExternalCredential(context: RuleContext): void {
  const root = context.root;
  requireChild(context, root, 'label');
  enumChild(context, root, 'authenticationProtocol', AUTHENTICATION_PROTOCOLS, true);
  childrenNamed(root, 'externalCredentialParameters').forEach((parameter, index) =>
    requireChildren(
      context,
      parameter,
      ['parameterName', 'parameterType'],
      `<externalCredentialParameters> #${index + 1}`
    )
  );
}
