// Work that must not hold up an answer, such as sending a reset code: whether a message goes out
// (and how long SMTP takes) must not show in the response, and a failure is logged, never shown.
export function afterAnswer(log: (line: string) => void, what: string, task: () => Promise<void>): void {
  setImmediate(() => {
    task().catch((error: unknown) => log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`));
  });
}
