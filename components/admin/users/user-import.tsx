"use client";
// The console's CSV user import: download the pool's header, choose a file and see its first rows
// with the problem each would fail on (checked by the server, as the job will check them), start
// the job, watch its progress, read the rows that failed, and look back at past jobs.
import { useCallback, useEffect, useState, type ChangeEvent } from "react";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, Input } from "@/components/ui/field.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import type { ImportJobDetail, ImportJobView } from "@/lib/user-import/job-view.ts";
import type { ImportPreview } from "@/lib/user-import/preview.ts";

type Props = { poolId: string; columns: string[]; maxBytes: number; initialJobs: ImportJobView[] };

const RUNNING = new Set(["Pending", "InProgress", "Stopping"]);
const TONES: Record<string, BadgeTone> = {
  Created: "neutral", Pending: "info", InProgress: "info", Stopping: "warning", Stopped: "warning", Failed: "danger", Succeeded: "success", Expired: "neutral",
};
const STATUS_LABELS: Record<string, string> = { InProgress: "In progress" };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

export function UserImport({ poolId, columns, maxBytes, initialJobs }: Props) {
  const toast = useToast();
  const base = `/pools/${enc(poolId)}/user-imports`;
  const [jobs, setJobs] = useState(initialJobs);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [jobName, setJobName] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "start" | null>(null);
  const [job, setJob] = useState<ImportJobDetail | null>(null);
  // A new key empties the file input once its file has gone into a job.
  const [inputKey, setInputKey] = useState(0);

  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${columns.join(",")}\r\n`)}`;

  const refreshJobs = useCallback(async () => {
    const list = await adminApi<{ jobs: ImportJobView[] }>("GET", `${base}?limit=20`);
    setJobs(list.jobs);
  }, [base]);

  // While a job runs, its progress is read every second.
  useEffect(() => {
    if (!job || !RUNNING.has(job.status)) return;
    const timer = setTimeout(async () => {
      try {
        const next = await adminApi<ImportJobDetail>("GET", `${base}/${enc(job.id)}`);
        setJob(next);
        if (!RUNNING.has(next.status)) await refreshJobs();
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Could not read the job.");
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [job, base, refreshJobs, toast]);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setPreview(null);
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > maxBytes) {
      setFileError(`The file is larger than ${maxBytes / 1024 / 1024} MB.`);
      return;
    }
    const csv = await chosen.text();
    setFile({ name: chosen.name, csv });
    if (!jobName) setJobName(chosen.name.replace(/\.csv$/i, "").replace(/[^\w\s+=,.@-]/g, "-").slice(0, 128) || "import");
    setBusy("preview");
    try {
      setPreview(await adminApi<ImportPreview>("POST", `${base}/preview`, { csv, limit: 20 }));
    } catch (error) {
      setFileError(error instanceof Error ? error.message : "The file could not be read.");
    } finally {
      setBusy(null);
    }
  }

  async function start() {
    if (!file) return;
    setBusy("start");
    try {
      const created = await adminApi<ImportJobDetail>("POST", base, { name: jobName.trim() || "import", csv: file.csv });
      const started = await adminApi<ImportJobDetail>("POST", `${base}/${enc(created.id)}/start`);
      setJob(started);
      setFile(null);
      setPreview(null);
      setJobName("");
      setInputKey((k) => k + 1);
      await refreshJobs();
      toast.success("The import has started.");
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The import could not start.");
    } finally {
      setBusy(null);
    }
  }

  async function open(id: string) {
    try {
      setJob(await adminApi<ImportJobDetail>("GET", `${base}/${enc(id)}`));
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not read the job.");
    }
  }

  async function stop() {
    if (!job) return;
    try {
      setJob(await adminApi<ImportJobDetail>("POST", `${base}/${enc(job.id)}/stop`));
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not stop the job.");
    }
  }

  const problems = preview?.rows.filter((row) => row.problem).length ?? 0;
  const shown = preview ? ["cognito:username", "email", "phone_number", ...preview.columns.filter((c) => c.startsWith("custom:"))].filter((c) => preview.columns.includes(c)).slice(0, 4) : [];

  return (
    <>
      <Card>
        <CardHeader
          title="Import users"
          description="Bring users in from a CSV file with Cognito's user-import columns. Each row is imported whole or not at all; a row that fails is listed with its line. Users without a passwordHash must reset their password at their first sign-in."
          actions={
            <a href={template} download="template.csv" className="inline-flex items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-800 shadow-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              Download CSV template
            </a>
          }
        />
        <CardBody>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="import-file" label="CSV file" hint={`Up to ${maxBytes / 1024 / 1024} MB. The header is the template's (an extra passwordHash column may carry each user's existing hash).`} error={fileError ?? undefined}>
              {(p) => <Input {...p} key={inputKey} type="file" accept=".csv,text/csv" onChange={choose} className="file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 file:text-sm" />}
            </Field>
            <Field id="import-name" label="Job name">
              {(p) => <Input {...p} value={jobName} maxLength={128} onChange={(e) => setJobName(e.target.value)} placeholder="e.g. customers-2026" />}
            </Field>
          </div>
          <p className="mt-2 text-xs text-zinc-500">
            Columns: <span className="font-mono wrap-anywhere">{columns.join(", ")}</span>
          </p>
        </CardBody>
      </Card>

      {busy === "preview" ? <p role="status" className="text-sm text-zinc-600">Checking the file…</p> : null}

      {preview ? (
        <Card className="overflow-hidden">
          <CardHeader
            title="Preview"
            description={
              preview.fileProblem
                ? "The file cannot be imported as it is."
                : `${preview.totalRows} ${preview.totalRows === 1 ? "row" : "rows"} in ${file?.name ?? "the file"}; the first ${preview.rows.length} are shown${problems ? `, ${problems} with a problem` : ""}.`
            }
            actions={
              <Button onClick={start} loading={busy === "start"} disabled={!!preview.fileProblem || preview.totalRows === 0 || busy !== null}>
                Start import
              </Button>
            }
          />
          <CardBody flush>
            {preview.fileProblem ? (
              <p role="alert" className="px-4 py-4 text-sm text-red-700 sm:px-6">{preview.fileProblem}</p>
            ) : (
              <Table label="Preview of the first rows">
                <THead>
                  <Tr>
                    <Th align="right">Line</Th>
                    {shown.map((c) => <Th key={c}>{c}</Th>)}
                    <Th>Check</Th>
                  </Tr>
                </THead>
                <TBody>
                  {preview.rows.map((row) => (
                    <Tr key={row.line}>
                      <Td align="right" className="tabular-nums">{row.line}</Td>
                      {shown.map((c) => <Td key={c} className="max-w-48 truncate">{row.values[c] ?? ""}</Td>)}
                      <Td wrap>{row.problem ? <span className="text-red-700">{row.problem}</span> : <Badge tone="success">Ready</Badge>}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </CardBody>
        </Card>
      ) : null}

      {job ? <JobPanel job={job} onStop={stop} /> : null}

      <Card className="overflow-hidden">
        <CardHeader title="Past imports" description="Jobs of this pool, newest first, from the console, the admin API and the Cognito API." />
        <CardBody flush>
          {jobs.length === 0 ? (
            <EmptyState title="No imports yet" description="Jobs appear here once a file is imported." />
          ) : (
            <Table label="Past imports">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Status</Th>
                  <Th align="right">Rows</Th>
                  <Th align="right">Imported</Th>
                  <Th align="right">Failed</Th>
                  <Th>Created</Th>
                  <Th align="right"><span className="sr-only">Actions</span></Th>
                </Tr>
              </THead>
              <TBody>
                {jobs.map((j) => (
                  <Tr key={j.id}>
                    <Td>
                      <div className="font-medium text-zinc-900">{j.name}</div>
                      <div className="font-mono text-xs text-zinc-500">{j.id}</div>
                    </Td>
                    <Td><Badge tone={TONES[j.status] ?? "neutral"}>{STATUS_LABELS[j.status] ?? j.status}</Badge></Td>
                    <Td align="right" className="tabular-nums">{j.totalRows}</Td>
                    <Td align="right" className="tabular-nums">{j.importedUsers}</Td>
                    <Td align="right" className="tabular-nums">{j.failedUsers}</Td>
                    <Td>{when(j.createdAt)}</Td>
                    <Td align="right">
                      <Button variant="ghost" size="sm" onClick={() => open(j.id)} aria-label={`Show ${j.name}`}>Show</Button>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </CardBody>
      </Card>
    </>
  );
}

function JobPanel({ job, onStop }: { job: ImportJobDetail; onStop: () => void }) {
  const total = job.totalRows;
  const percent = total > 0 ? Math.round((job.processedRows / total) * 100) : RUNNING.has(job.status) ? 0 : 100;
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title={job.name}
        description={<span className="font-mono text-xs">{job.id}</span>}
        actions={
          <div className="flex items-center gap-3">
            <Badge tone={TONES[job.status] ?? "neutral"}>{STATUS_LABELS[job.status] ?? job.status}</Badge>
            {job.status === "Pending" || job.status === "InProgress" ? <Button variant="secondary" size="sm" onClick={onStop}>Stop</Button> : null}
          </div>
        }
      />
      <CardBody>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={Math.max(total, 1)}
          aria-valuenow={total > 0 ? job.processedRows : 0}
          aria-valuetext={`${job.processedRows} of ${total} rows`}
          className="h-2.5 w-full overflow-hidden rounded-full bg-zinc-200"
        >
          <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" aria-live="polite">
          <Stat label="Rows processed" value={`${job.processedRows} / ${total}`} />
          <Stat label="Imported" value={job.importedUsers} />
          <Stat label="Failed" value={job.failedUsers} />
          <Stat label="Skipped" value={job.skippedUsers} />
        </dl>
        {job.completionMessage ? <p className={`mt-3 text-sm ${job.status === "Failed" ? "text-red-700" : "text-zinc-600"}`}>{job.completionMessage}</p> : null}
      </CardBody>
      {job.rowErrors.length > 0 ? (
        <CardBody flush>
          <h3 className="border-t border-zinc-200 px-4 pt-4 text-sm font-medium text-zinc-900 sm:px-6">Rows that failed</h3>
          <Table label="Rows that failed">
            <THead>
              <Tr>
                <Th align="right">Line</Th>
                <Th>Username</Th>
                <Th>Problem</Th>
              </Tr>
            </THead>
            <TBody>
              {job.rowErrors.map((e) => (
                <Tr key={`${e.line}-${e.username}`}>
                  <Td align="right" className="tabular-nums">{e.line}</Td>
                  <Td>{e.username || "—"}</Td>
                  <Td wrap className="text-red-700">{e.message}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </CardBody>
      ) : null}
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-medium tabular-nums text-zinc-900">{value}</dd>
    </div>
  );
}
