import assert from "node:assert/strict";
import { test } from "node:test";
import { callerIdentityOf, roleIdOf } from "./caller-identity.ts";

test("the role id is AROA-shaped, stable for a role and different for another", () => {
  const id = roleIdOf("arn:aws:iam::123456789012:role/Eng");
  assert.match(id, /^AROA[A-Z2-7]{17}$/);
  assert.equal(roleIdOf("arn:aws:iam::123456789012:role/Eng"), id);
  assert.notEqual(roleIdOf("arn:aws:iam::123456789012:role/Ops"), id);
});

test("the caller is the assumed role with Cognito's session name, a path in the role's ARN dropped as AWS drops it", () => {
  assert.deepEqual(callerIdentityOf({ roleArn: "arn:aws:iam::210987654321:role/apps/Eng" }), {
    userId: `${roleIdOf("arn:aws:iam::210987654321:role/apps/Eng")}:CognitoIdentityCredentials`,
    account: "210987654321",
    arn: "arn:aws:sts::210987654321:assumed-role/Eng/CognitoIdentityCredentials",
  });
});
