// Debian's nginx as the reverse proxy in front of several Gatehouse instances, run unprivileged as
// a child process with its own nginx.conf, pid, temp and log paths in a temporary folder. It
// balances round-robin, adds X-Forwarded-For as operators do, and logs which upstream served each
// request (also sent back as an X-Upstream header).
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type RunningNginx = {
  url: string;
  /** One line per request served so far: `METHOD URI STATUS UPSTREAM`. */
  accessLog: () => { method: string; uri: string; status: number; upstream: string }[];
  stop: () => Promise<void>;
};

const INSTALL = "nginx is needed for the reliability tests (a real reverse proxy in front of two Gatehouse instances): install Debian's nginx-light (`apt-get install nginx-light`; CI's .ci/run does), or nginx from your system's packages.";

function nginxBinary(): string {
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/opt/homebrew/bin/nginx", "/usr/local/bin/nginx"]) {
    if (existsSync(candidate)) return candidate;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "nginx"))) return path.join(dir, "nginx");
  }
  throw new Error(INSTALL);
}

export async function startNginx(options: { port: number; upstreams: string[] }): Promise<RunningNginx> {
  const binary = nginxBinary();
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-nginx-"));
  // Started as root, nginx's workers run as nobody: they must reach the temp folders.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, "tmp"), { mode: 0o777 });
  chmodSync(path.join(dir, "tmp"), 0o777);
  const log = path.join(dir, "access.log");
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstream '$request_method $request_uri $status $upstream_addr';
  access_log ${log} upstream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream gatehouse {
${options.upstreams.map((u) => `    server ${u};`).join("\n")}
  }
  server {
    listen 127.0.0.1:${options.port};
    location / {
      proxy_pass http://gatehouse;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffer_size 16k;
      proxy_buffers 8 16k;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child: ChildProcess = spawn(binary, ["-p", dir, "-c", "nginx.conf", "-e", path.join(dir, "error.log"), "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output}${readIf(path.join(dir, "error.log"))}`);
    if (await accepts(options.port)) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${output}${readIf(path.join(dir, "error.log"))}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url: `http://localhost:${options.port}`,
    accessLog: () =>
      readIf(log).split("\n").filter(Boolean).map((line) => {
        const [method, uri, status, upstream] = line.split(" ");
        return { method: method!, uri: uri!, status: Number(status), upstream: upstream! };
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGQUIT");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

function readIf(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
