import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, When } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** Remembered devices: each with its last sign-in and address, "this browser" marked, each forgotten with one button. */
export async function DevicesSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account");
  const { devices } = view;
  if (!devices.offered) return null;
  return (
    <Section
      id="devices" title={t("devices.title")}
      description={devices.skipsMfa ? t("devices.descriptionSkips") : t("devices.description")}
      view={view}
    >
      {devices.list.length ? (
        <ul className="divide-y divide-line rounded-[calc(var(--gh-radius)-4px)] border border-line" aria-label={t("devices.list")}>
          {devices.list.map((device) => (
            <li key={device.key} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-ink">
                  {device.name}
                  {device.current ? <Badge tone="ok">{t("common.thisBrowser")}</Badge> : null}
                  {device.remembered ? null : <Badge tone="muted">{t("devices.notRemembered")}</Badge>}
                </p>
                <p className="mt-1 text-xs leading-5 text-muted">
                  {t.rich("devices.lastSignIn", { when: () => <When iso={device.lastSignInAt} /> })}
                  {device.ip ? <> · {device.ip}</> : null}
                </p>
              </div>
              <AccountForm view={view} action="device-forget" className="shrink-0">
                <input type="hidden" name="device_key" value={device.key} />
                <Button variant="secondary" label={t("devices.forgetLabel", { name: device.name, current: device.current ? "yes" : "no" })}>{t("devices.forget")}</Button>
              </AccountForm>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{t("devices.none")}</p>
      )}
    </Section>
  );
}
