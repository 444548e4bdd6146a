// Preloaded into the soak's server process (with --expose-gc): a full collection runs just before
// the server answers each SIGUSR2 with its stats line, so every heapUsed the soak samples is the
// live heap, and a leak shows as growth rather than hiding in garbage not yet collected. Handlers
// run in the order they were added, and this one is added before server.ts adds its own.
process.on("SIGUSR2", () => globalThis.gc?.());
