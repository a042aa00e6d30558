import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { useProfile } from "../components/session";
import { ImprovementPlans } from "../features/escalations/components/improvement-plans";
import { PendingForms } from "../features/feedback/components/pending-forms";
import { useMe } from "../features/people/api/get-me";
import { ReleasedReports } from "../features/reports/components/released-reports";
import { Nominations } from "../features/rounds/components/nominations";

export function HomePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const me = useMe();
  return (
    <>
      <h1>{t("home.title", { name: me.data?.employee.name ?? profile.name })}</h1>
      <p>{t("home.intro")}</p>
      {me.isPending && <p role="status">{t("app.loading")}</p>}
      {me.isError && <ErrorAlert error={me.error} />}
      {me.data && (
        <>
          <PendingForms forms={me.data.forms} />
          <ReleasedReports reports={me.data.reports} />
          <Nominations nominations={me.data.nominations} employeeId={me.data.employee.id} />
          <ImprovementPlans plans={me.data.plans} />
        </>
      )}
    </>
  );
}
