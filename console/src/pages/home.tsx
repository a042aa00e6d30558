import { useTranslation } from "react-i18next";
import { useProfile } from "../components/session";
import { PendingForms } from "../features/feedback/components/pending-forms";
import { ReleasedReports } from "../features/reports/components/released-reports";

export function HomePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <>
      <h1>{t("home.title", { name: profile.name })}</h1>
      <p>{t("home.intro")}</p>
      <PendingForms />
      <ReleasedReports />
    </>
  );
}
