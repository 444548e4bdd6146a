// Next.js runs inside server.ts (a custom server); these packages stay plain Node modules.
import createNextIntlPlugin from "next-intl/plugin";

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    "oidc-provider", "@node-rs/argon2", "@node-rs/bcrypt", "pg", "@prisma/adapter-pg", "@prisma/client", "@electric-sql/pglite",
    "@electric-sql/pglite-socket", "ioredis", "nodemailer", "qrcode", "otplib",
  ],
  poweredByHeader: false,
  // Security headers are set by server.ts for every response.
  typescript: { ignoreBuildErrors: false },
};

// The hosted pages' language and catalogue per request: i18n/request.ts.
export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
