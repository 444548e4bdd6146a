// The access token's `device_key`: the Cognito API's token issuer marks the request context with
// the device a sign-in proved or created (or a refresh named), and the provider's access-token
// customizer writes it into the token, as Cognito's access tokens carry it.
const TOKEN_DEVICE = Symbol("gatehouse.tokenDevice");

export function markTokenDevice(ctx: object, deviceKey: string | null | undefined): void {
  if (deviceKey) Object.defineProperty(ctx, TOKEN_DEVICE, { value: deviceKey, configurable: true });
}

export function tokenDeviceOf(ctx: object): string | null {
  return (ctx as { [TOKEN_DEVICE]?: string })[TOKEN_DEVICE] ?? null;
}
