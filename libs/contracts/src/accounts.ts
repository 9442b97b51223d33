/** Accounts, sign-in and the signed-in person. */
import { RoleCodes } from '#domain';
import { Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, json, type EndpointTable, type Static } from './schema.js';

export const AccountView = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: Code(RoleCodes),
  roleLabel: Nullable(Labels),
  unitId: Nullable(Uuid),
  unit: Nullable(UnitRef),
  disabled: Type.Boolean(),
  disabledAt: Nullable(Instant),
  passwordChangedAt: Instant,
  createdAt: Instant,
  /** Where notifications are mailed (administrators' list and one account; null: none). */
  email: Type.Optional(Nullable(Type.String())),
});
export type AccountView = Static<typeof AccountView>;

export const SignInResult = Type.Object({ account: AccountView, csrfToken: Type.String(), expiresAt: Instant });
export type SignInResult = Static<typeof SignInResult>;

export const SignOutResult = Type.Object({ signedOut: Type.Literal(true) });

export const AUTH_ENDPOINTS = {
  'POST /api/auth/sign-in': json(SignInResult),
  'POST /api/auth/sign-out': json(SignOutResult),
  'GET /api/auth/me': json(AccountView),
  'POST /api/auth/password': json(AccountView),
} satisfies EndpointTable;

export const ACCOUNT_ENDPOINTS = {
  'POST /api/accounts': json(AccountView, 201),
  'GET /api/accounts': json(Type.Array(AccountView)),
  'GET /api/accounts/{id}': json(AccountView),
  'POST /api/accounts/{id}/disable': json(AccountView),
  'POST /api/accounts/{id}/enable': json(AccountView),
  'POST /api/accounts/{id}/clear-sign-in-throttle': json(AccountView),
  'POST /api/accounts/{id}/password': json(AccountView),
  'POST /api/accounts/{id}/email': json(AccountView),
  'POST /api/accounts/{id}/role': json(AccountView),
} satisfies EndpointTable;
