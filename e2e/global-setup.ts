// Starts one Gatehouse for all specs, with the test pools, and stops it at the end.
import { startServer } from "../tests/support/server.ts";
import { testConfig } from "../tests/support/fixtures.ts";

export default async function globalSetup() {
  const server = await startServer({ config: testConfig() });
  process.env.GATEHOUSE_URL = server.url;
  return async () => {
    await server.stop();
  };
}
