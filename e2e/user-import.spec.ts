// The console's CSV user import in Chromium: from the Users tab to "Import users", download the
// template, choose a file, see its first rows with the bad one flagged, start the job, watch the
// progress bar reach the end, and read the failed row with its line; the job then shows in the
// list of past imports.
import { expect, test } from "@playwright/test";
import { audit, signInToConsole, USERNAME_POOL } from "./support.ts";

const stamp = Date.now().toString(36);

test("import users from a CSV: preview with a flagged row, start, progress to done, the row error shown", async ({ page }) => {
  await signInToConsole(page);
  await page.goto(`${new URL(page.url()).origin}/admin/pools/${USERNAME_POOL}/users`);
  await page.getByRole("link", { name: "Import users" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/pools/${USERNAME_POOL}/users/import$`));
  await expect(page.getByRole("heading", { name: "Import users" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV template" }).click();
  const template = await (await download).createReadStream();
  let header = "";
  for await (const chunk of template) header += chunk.toString();
  expect(header.trim().split(",").at(-1)).toBe("cognito:username");

  const columns = header.trim().split(",");
  const line = (values: Record<string, string>) => columns.map((c) => values[c] ?? "").join(",");
  const rows = Array.from({ length: 12 }, (_, i) => line({ "cognito:username": `imp-${stamp}-${i}`, email: `imp-${stamp}-${i}@example.com`, email_verified: "true" }));
  rows.splice(3, 0, line({ "cognito:username": `bad-${stamp}`, email: `bad-${stamp}@example.com`, email_verified: "maybe" }));
  const csv = [columns.join(","), ...rows].join("\r\n") + "\r\n";

  await page.getByLabel("CSV file").setInputFiles({ name: `people-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview).toBeVisible();
  await expect(page.getByText("13 rows in")).toBeVisible();
  const badRow = preview.getByRole("row").filter({ hasText: `bad-${stamp}` });
  await expect(badRow).toContainText("5");
  await expect(badRow).toContainText("email_verified must be true or false");
  await expect(page.getByLabel("Job name")).toHaveValue(`people-${stamp}`);
  await page.screenshot({ path: "tmp/screens/user-import-preview.png", fullPage: true });

  await page.getByRole("button", { name: "Start import" }).click();
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuetext", "13 of 13 rows", { timeout: 30_000 });
  await expect(page.getByText("Succeeded").first()).toBeVisible();
  const failed = page.getByRole("table", { name: "Rows that failed" });
  await expect(failed.getByRole("row").filter({ hasText: `bad-${stamp}` })).toContainText("5");
  await expect(page.getByRole("table", { name: "Past imports" })).toContainText(`people-${stamp}`);
  await audit(page, "user-import-done");

  // The imported users are there, waiting to reset their password.
  await page.goto(`${new URL(page.url()).origin}/admin/pools/${USERNAME_POOL}/users?q=imp-${stamp}-0`);
  await expect(page.getByRole("link", { name: `imp-${stamp}-0` }).first()).toBeVisible();
});
