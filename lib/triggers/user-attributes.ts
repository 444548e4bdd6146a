// The user as a trigger event's `request.userAttributes` shows them: Cognito's attribute map
// (strings) with the account status, as Cognito adds it ("cognito:user_status": "CONFIRMED").
import { userAttributes, type UserRow } from "../users/user.ts";

export function eventUserAttributes(user: UserRow): Record<string, string> {
  return { ...userAttributes(user), "cognito:user_status": user.status };
}
