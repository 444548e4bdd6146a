// The signature counter rule of WebAuthn (§6.1.1): an authenticator that keeps a counter raises it
// at every assertion, so one that reports a value not above the last one seen may be a clone of the
// key. Such a sign-in is refused. Authenticators that keep no counter (most synced passkeys) always
// report 0, and 0 after 0 is fine.
export function counterAccepted(stored: number | bigint, received: number): boolean {
  const last = Number(stored);
  if (last === 0 && received === 0) return true;
  return received > last;
}
