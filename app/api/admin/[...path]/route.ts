// The admin API: every method of every path is served by lib/admin/api (see its route table).
import { handleAdminApi } from "@/lib/admin/api/handle.ts";

export const dynamic = "force-dynamic";
export { handleAdminApi as GET, handleAdminApi as POST, handleAdminApi as PUT, handleAdminApi as PATCH, handleAdminApi as DELETE };
