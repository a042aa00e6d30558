import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { NotFoundMessage } from "../components/not-found-message";
import { ApiError } from "../lib/api-client";
import { useTeam } from "../features/team/api/get-team";
import { OwnedCases } from "../features/team/components/owned-cases";
import { TeamMemberCard } from "../features/team/components/team-member";

export function TeamPage() {
  const { t } = useTranslation();
  const team = useTeam();

  if (team.isPending) return <p role="status">{t("app.loading")}</p>;
  if (team.isError) {
    if (team.error instanceof ApiError && team.error.isNotFound) {
      return <NotFoundMessage title={t("team.notFound")} text={t("team.notFoundText")} />;
    }
    return (
      <>
        <h1>{t("team.title")}</h1>
        <ErrorAlert error={team.error} />
      </>
    );
  }
  return (
    <>
      <h1>{t("team.title")}</h1>
      <OwnedCases cases={team.data.cases} />
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("team.members")}</h2>
        {team.data.members.length === 0 ? (
          <p>{t("team.noMembers")}</p>
        ) : (
          team.data.members.map((member) => <TeamMemberCard key={member.id} member={member} />)
        )}
      </section>
    </>
  );
}

export default TeamPage;
