// A device's SRP salt and verifier, as ConfirmDevice receives them (DeviceSecretVerifierConfig:
// base64 of the bytes amazon-cognito-identity-js's generateHashDevice writes in hex) and as they are
// kept: encrypted with GATEHOUSE_SECRET, like the users' own verifiers and TOTP seeds.
import { AppError } from "../errors.ts";
import type { Secrets } from "../security/secrets.ts";
import { N, type SrpVerifier } from "../security/srp.ts";

/** Reads ConfirmDevice's DeviceSecretVerifierConfig; InvalidParameterException for what is no verifier. */
export function parseDeviceVerifier(config: { PasswordVerifier?: string | undefined; Salt?: string | undefined } | undefined): SrpVerifier {
  const invalid = () => new AppError("InvalidParameterException", "Invalid device secret verifier config.");
  if (!config?.PasswordVerifier || !config.Salt) throw invalid();
  const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
  if (!base64.test(config.PasswordVerifier) || !base64.test(config.Salt)) throw invalid();
  const verifier = Buffer.from(config.PasswordVerifier, "base64").toString("hex");
  const salt = Buffer.from(config.Salt, "base64").toString("hex");
  if (!salt || salt.length > 64 || !verifier) throw invalid();
  const v = BigInt(`0x${verifier}`);
  // A verifier of 0 or 1, or one not below N, would let any proof through or none.
  if (v <= 1n || v >= N) throw invalid();
  return { salt, verifier: v.toString(16).padStart(768, "0") };
}

export function sealDeviceVerifier(secrets: Secrets, verifier: SrpVerifier): string {
  return secrets.encrypt(JSON.stringify(verifier));
}

export function readDeviceVerifier(secrets: Secrets, device: { srpVerifierEnc: string | null }): SrpVerifier | null {
  if (!device.srpVerifierEnc) return null;
  return JSON.parse(secrets.decrypt(device.srpVerifierEnc)) as SrpVerifier;
}
