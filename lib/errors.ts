// One error type with a closed set of codes. The hosted UI, the JSON APIs and (later) the Cognito
// API each map these codes in one table. Codes are Cognito's exception names where one exists.
export const ERROR_CODES = {
  InvalidParameterException: 400,
  InvalidPasswordException: 400,
  UsernameExistsException: 400,
  AliasExistsException: 400,
  DuplicateProviderException: 400,
  CodeMismatchException: 400,
  ExpiredCodeException: 400,
  NotAuthorizedException: 400,
  UserNotConfirmedException: 400,
  PasswordResetRequiredException: 400,
  UserNotFoundException: 400,
  LimitExceededException: 400,
  CodeDeliveryFailureException: 400,
  TooManyRequestsException: 429,
  TooManyFailedAttemptsException: 400,
  EnableSoftwareTokenMFAException: 400,
  ResourceNotFoundException: 404,
  InvalidConfigurationException: 400,
  SessionExpiredException: 400,
  ForbiddenException: 403,
  InternalErrorException: 500,
  // The Cognito JSON API's own refusals (lib/cognito-api).
  SerializationException: 400,
  UnknownOperationException: 400,
  UnauthorizedException: 400,
  UnsupportedTokenTypeException: 400,
  UnsupportedOperationException: 400,
  InvalidUserPoolConfigurationException: 400,
  SoftwareTokenMFANotFoundException: 400,
  GroupExistsException: 400,
  /** A trigger refused the operation or failed (lib/triggers/invoke.ts). */
  UserLambdaValidationException: 400,
  UnsupportedUserStateException: 400,
  /** A user import job not in the state the operation needs (lib/user-import). */
  PreconditionNotMetException: 400,
  /** SigV4 on the Cognito API (lib/cognito-api/sigv4.ts): AWS answers all three with 400 there. */
  MissingAuthenticationTokenException: 400,
  UnrecognizedClientException: 400,
  InvalidSignatureException: 400,
  /** Passkeys (lib/passkeys), as Cognito names their refusals. */
  WebAuthnNotEnabledException: 400,
  WebAuthnChallengeNotFoundException: 400,
  WebAuthnOriginNotAllowedException: 400,
  WebAuthnRelyingPartyMismatchException: 400,
  WebAuthnCredentialNotSupportedException: 400,
  WebAuthnClientMismatchException: 400,
  WebAuthnConfigurationMissingException: 400,
  /** Cognito Identity's refusals (lib/identity-pools). */
  ResourceConflictException: 400,
  InvalidIdentityPoolConfigurationException: 400,
  ExternalServiceException: 400,
  DeveloperUserAlreadyRegisteredException: 400,
  /** The database (or Redis) cannot be reached: lib/http/unavailable.ts. */
  ServiceUnavailableException: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One invalid input: where it is (`body.roles.authenticated`, as the admin API's zod issues name it) and what is wrong. */
export type Issue = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Every invalid input, each with its path as data, so a form can put each message under its control. */
  readonly issues: Issue[] | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; retryAfterSeconds?: number; issues?: Issue[] } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CODES[code];
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.issues = options.issues;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
