// Groups and their members in Cognito's shapes (GroupType), through lib/admin/groups.ts as the
// admin API's group routes. Lists are in name order; ListUsersInGroup in username order.
import { z } from "zod";
import {
  addGroupMember, CreateGroupSchema, createGroup, deleteGroup, getGroup, listGroupMembers, listGroups, removeGroupMember, UpdateGroupSchema, updateGroup, type GroupView,
} from "../../admin/groups.ts";
import { findUserRow, getUser } from "../../admin/users/manage-user.ts";
import { Username } from "../validation.ts";
import { adminOperation, adminPool, decodeToken, encodeToken, epochSeconds, GroupName, NextToken, pageOf, parseAdminInput, UserPoolId } from "./common.ts";
import { usersInOrder } from "./list-users.ts";
import { userType } from "./users.ts";

const Description = z.string().max(2048);
const RoleArn = z.string().min(20).max(2048);
const Precedence = z.number().int().min(0);
const Limit = z.number().int().min(0).max(60).optional();
const FIELDS = { name: "GroupName", description: "Description", roleArn: "RoleArn", precedence: "Precedence" };

/** Cognito's GroupType. Groups are not versioned, so they were last modified when created. */
function groupType(poolId: string, group: GroupView) {
  return {
    GroupName: group.name,
    UserPoolId: poolId,
    ...(group.description ? { Description: group.description } : {}),
    ...(group.roleArn ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== null ? { Precedence: group.precedence } : {}),
    CreationDate: epochSeconds(group.createdAt),
    LastModifiedDate: epochSeconds(group.createdAt),
  };
}

const byGroup = (input: { GroupName: string }) => input.GroupName;

export const CreateGroup = adminOperation({
  input: z.object({ UserPoolId, GroupName, Description: Description.optional(), RoleArn: RoleArn.optional(), Precedence: Precedence.optional() }),
  audit: { type: "createGroup", target: byGroup },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const settings = parseAdminInput(CreateGroupSchema, { name: input.GroupName, description: input.Description, roleArn: input.RoleArn, precedence: input.Precedence }, FIELDS);
    return { Group: groupType(pool.id, await createGroup(call.rt.db, pool.id, settings)) };
  },
});

export const GetGroup = adminOperation({
  input: z.object({ UserPoolId, GroupName }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { Group: groupType(pool.id, await getGroup(call.rt.db, pool.id, input.GroupName)) };
  },
});

export const UpdateGroup = adminOperation({
  input: z.object({ UserPoolId, GroupName, Description: Description.optional(), RoleArn: RoleArn.optional(), Precedence: Precedence.optional() }),
  audit: { type: "updateGroup", target: byGroup },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    // Only what is given changes, as Cognito's UpdateGroup.
    const changes = parseAdminInput(UpdateGroupSchema, { description: input.Description, roleArn: input.RoleArn, precedence: input.Precedence }, FIELDS);
    return { Group: groupType(pool.id, await updateGroup(call.rt.db, pool.id, input.GroupName, changes)) };
  },
});

export const DeleteGroup = adminOperation({
  input: z.object({ UserPoolId, GroupName }),
  audit: { type: "deleteGroup", target: byGroup },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await deleteGroup(call.rt.db, { poolId: pool.id, name: input.GroupName, system: false });
    return {};
  },
});

export const ListGroups = adminOperation({
  input: z.object({ UserPoolId, Limit, NextToken: NextToken.optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const { page, next } = pageOf(await listGroups(call.rt.db, pool.id), (g) => g.name, { limit: input.Limit || 60, token: input.NextToken });
    return { Groups: page.map((g) => groupType(pool.id, g)), ...(next ? { NextToken: next } : {}) };
  },
});

export const AdminAddUserToGroup = adminOperation({
  input: z.object({ UserPoolId, Username, GroupName }),
  audit: { type: "addGroupMember", target: (input) => input.Username },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const user = await findUserRow(call.rt.db, pool.id, input.Username);
    await addGroupMember(call.rt.db, { poolId: pool.id, group: input.GroupName, userId: user.id });
    return {};
  },
});

export const AdminRemoveUserFromGroup = adminOperation({
  input: z.object({ UserPoolId, Username, GroupName }),
  audit: { type: "removeGroupMember", target: (input) => input.Username },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const user = await findUserRow(call.rt.db, pool.id, input.Username);
    await removeGroupMember(call.rt.db, { poolId: pool.id, group: input.GroupName, userId: user.id, system: false });
    return {};
  },
});

export const AdminListGroupsForUser = adminOperation({
  input: z.object({ UserPoolId, Username, Limit, NextToken: NextToken.optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const { groups: names } = await getUser(call.rt.db, pool.id, input.Username);
    const groups = (await listGroups(call.rt.db, pool.id)).filter((g) => names.includes(g.name));
    const { page, next } = pageOf(groups, (g) => g.name, { limit: input.Limit || 60, token: input.NextToken });
    return { Groups: page.map((g) => groupType(pool.id, g)), ...(next ? { NextToken: next } : {}) };
  },
});

export const ListUsersInGroup = adminOperation({
  input: z.object({ UserPoolId, GroupName, Limit, NextToken: NextToken.optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const cursor = input.NextToken === undefined ? undefined : decodeToken(input.NextToken);
    const members = await listGroupMembers(call.rt.db, pool, input.GroupName, { cursor, limit: input.Limit || 60 });
    const rows = await usersInOrder(call.rt, pool.id, members.users.map((u) => u.sub));
    return { Users: rows.map((row) => userType(row)), ...(members.nextCursor ? { NextToken: encodeToken(members.nextCursor) } : {}) };
  },
});
