import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ErrorAlert } from "../components/error-alert";
import { NotFoundMessage } from "../components/not-found-message";
import { ApiError } from "../lib/api-client";
import { useCase } from "../features/escalations/api/get-case";
import { CaseActions } from "../features/escalations/components/case-actions";
import { CaseHistory } from "../features/escalations/components/case-history";
import { CasePlan } from "../features/escalations/components/case-plan";
import { CaseSummary } from "../features/escalations/components/case-summary";
import { personIn } from "../features/escalations/names";

export function CasePage() {
  const { t } = useTranslation();
  const { caseId = "" } = useParams();
  const found = useCase(caseId);

  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) {
    if (found.error instanceof ApiError && found.error.isNotFound) {
      return <NotFoundMessage title={t("cases.notFound")} text={t("cases.notFoundText")} />;
    }
    return <ErrorAlert error={found.error} />;
  }
  const theCase = found.data;
  return (
    <>
      <h1>{t("cases.about", { name: personIn(theCase, t, theCase.employee_id) })}</h1>
      <CaseSummary found={theCase} />
      <CaseActions found={theCase} />
      <CasePlan found={theCase} />
      <CaseHistory found={theCase} />
    </>
  );
}

export default CasePage;
