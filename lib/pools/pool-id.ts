// A user pool's id, as Cognito's look: `<region>_<9 letters or digits>`. A leaf module, so that
// schemas which name pools (identity pools, authorizers) and the pool schema can share it.
import { z } from "zod";

export const POOL_ID_PATTERN = /^[a-z]{2,}(-[a-z]+-\d)?_[A-Za-z0-9]{9}$/;
export const PoolIdSchema = z.string().regex(POOL_ID_PATTERN, "pool ids look like <region>_<9 letters or digits>, e.g. local_Demo12345");
