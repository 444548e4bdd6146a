// Next.js runs inside server.ts (a custom server); these packages stay plain Node modules.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    "oidc-provider", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "@prisma/client", "@electric-sql/pglite",
    "@electric-sql/pglite-socket", "ioredis", "nodemailer", "qrcode", "otplib",
  ],
  poweredByHeader: false,
  // Security headers are set by server.ts for every response.
  typescript: { ignoreBuildErrors: false },
};
export default nextConfig;
