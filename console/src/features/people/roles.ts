import { useProfile } from "../../components/session";
import { useMe } from "./api/get-me";

/** The caller's roles: GET /me's once it answered, the sign-in's groups until then. */
export function useRoles(): string[] {
  const profile = useProfile();
  const me = useMe();
  return me.data?.roles ?? profile.groups;
}
