// The ten recovery codes, shown once: the list, Copy and Download. The hosted UI shows them after MFA
// enrolment, the account page after "Get new recovery codes".
// Worded from messages/{locale}/hosted.json (a server component: the copy button gets its words as props).
import { useTranslations } from "next-intl";
import { CopyCodesButton } from "./copy-codes-button.tsx";

export function RecoveryCodesList({ poolName, codes, factor, className = "" }: { poolName: string; codes: string[]; factor: string; className?: string }) {
  const t = useTranslations("hosted.recoveryCodes");
  const text = `${t("fileHeading", { pool: poolName })}\n\n${t("fileBody", { factor })}\n\n${codes.join("\n")}\n`;
  return (
    <div className={className}>
      <ul aria-label={t("list")} data-testid="recovery-codes" className="grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-[calc(var(--gh-radius)-4px)] border border-line bg-canvas px-4 py-3 font-mono text-[0.95rem] tracking-wide text-ink">
        {codes.map((code) => <li key={code} className="text-center">{code}</li>)}
      </ul>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <CopyCodesButton text={codes.join("\n")} words={{ copy: t("copy"), copied: t("copied"), failed: t("copyFailed") }} />
        <a
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download={`${poolName.replace(/[^\w.-]+/g, "-")}-recovery-codes.txt`}
          className="rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-4 py-2 text-center text-sm font-semibold text-ink transition hover:bg-canvas focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary"
        >
          {t("download")}
        </a>
      </div>
    </div>
  );
}
