// "Remember this device" on the MFA pages: shown when the pool lets the user choose (USER_OPT_IN
// with skipMfaOnRememberedDevices); the sign-in that finishes with it ticked sets the device cookie.
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { useTranslations } from "next-intl";

export function RememberDeviceField({ view }: { view: HostedView }) {
  const t = useTranslations("hosted.rememberDevice");
  if (!view.rememberDevice) return null;
  return (
    <div className="flex items-start gap-3">
      <input
        id="remember_device"
        name="remember_device"
        type="checkbox"
        value="on"
        aria-describedby="remember_device-hint"
        className="mt-0.5 size-4 shrink-0 rounded border-line accent-[var(--gh-primary)] focus:ring-3 focus:ring-primary/25"
      />
      <div>
        <label htmlFor="remember_device" className="block text-sm font-medium text-ink">{t("label")}</label>
        <p id="remember_device-hint" className="mt-0.5 text-xs text-muted">{t("hint")}</p>
      </div>
    </div>
  );
}
