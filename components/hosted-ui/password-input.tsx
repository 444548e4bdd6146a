"use client";
// The password input with the pool's rules listed under it and ticked off as the user types. Its
// words come from PasswordField (password-field.tsx), in the request's language.
import { useId, useState } from "react";
import type { PasswordPolicy } from "@/lib/pools/config-schema.ts";
import { passwordRules } from "@/lib/pools/password-policy.ts";
import { inputClass, type FieldState } from "./field.tsx";

export type PasswordWords = {
  show: string; hide: string; showField: string; hideField: string; requirements: string; met: string; notMet: string;
  /** Each rule's text by its id (lib/pools/password-policy.ts). */
  rules: Record<string, string>;
};

type Props = {
  name: string;
  label: string;
  words: PasswordWords;
  policy?: PasswordPolicy;
  autoComplete: "current-password" | "new-password";
  /** From fieldState(view, name): how the server's error bears on this field. */
  state: FieldState;
};

export function PasswordInput({ name, label, words, policy, autoComplete, state }: Props) {
  const [value, setValue] = useState("");
  const [shown, setShown] = useState(false);
  const rulesId = useId();
  const rules = policy ? passwordRules(policy) : [];
  return (
    <div>
      <div className="mb-1.5 flex items-center justify-between">
        <label htmlFor={name} className="block text-sm font-medium text-ink">
          {label}
        </label>
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          aria-controls={name}
          aria-pressed={shown}
          className="rounded text-xs font-medium text-primary hover:underline focus-visible:outline-2 focus-visible:outline-primary"
        >
          <span aria-hidden="true">{shown ? words.hide : words.show}</span>
          <span className="sr-only">{shown ? words.hideField : words.showField}</span>
        </button>
      </div>
      <input
        id={name}
        name={name}
        type={shown ? "text" : "password"}
        autoComplete={autoComplete}
        required
        autoFocus={state.autoFocus}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={state.invalid || undefined}
        aria-describedby={[rules.length ? rulesId : null, state.describedByError ? "form-error" : null].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      {rules.length ? (
        <ul id={rulesId} aria-label={words.requirements} className="mt-2 grid grid-cols-1 gap-1 text-xs sm:grid-cols-2">
          {rules.map((rule) => {
            const met = rule.met(value);
            return (
              <li key={rule.id} className={`flex items-center gap-1.5 ${met ? "text-ok" : "text-muted"}`}>
                <span aria-hidden="true" className={`inline-flex h-3.5 w-3.5 items-center justify-center rounded-full border text-[9px] ${met ? "border-ok bg-ok text-white" : "border-line"}`}>
                  {met ? "✓" : ""}
                </span>
                {words.rules[rule.id] ?? rule.label}
                <span className="sr-only"> {met ? words.met : words.notMet}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
