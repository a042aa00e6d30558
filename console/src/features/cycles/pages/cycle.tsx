import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { NotFoundMessage } from "../../../components/not-found-message";
import { ApiError } from "../../../lib/api-client";
import { useCyclePage } from "../api/get-cycle-page";
import { CycleEvents } from "../components/cycle-events";
import { CycleFacts } from "../components/cycle-facts";
import { ProgressSection } from "../components/progress-section";
import { SubjectList } from "../components/subject-list";

const BEFORE_LAUNCH = new Set(["draft", "nominating"]);

/**
 * A cycle's page, by its state: before launch who is short of raters and why, with each subject's raters to
 * change; after launch the progress overall and by department, and each subject's raters with their forms.
 * The actions the state allows are on top. One request: GET /cycles/{id}/progress.
 */
export function CyclePage() {
  const { t } = useTranslation();
  const { cycleId = "" } = useParams();
  const found = useCyclePage(cycleId);
  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) {
    if (found.error instanceof ApiError && found.error.isNotFound) {
      return <NotFoundMessage title={t("cycles.notFound")} text={t("cycles.notFoundText")} />;
    }
    return <ErrorAlert error={found.error} />;
  }
  const page = found.data;
  const { cycle } = page;
  const beforeLaunch = BEFORE_LAUNCH.has(cycle.state);
  return (
    <>
      <p>
        <Link to="/hr/cycles">{t("cycles.backToCycles")}</Link>
      </p>
      <h1>{cycle.name}</h1>
      <CycleFacts cycle={cycle} />
      <CycleEvents page={page} />
      {cycle.launched_at && <ProgressSection cycle={cycle} departments={page.departments} />}
      {beforeLaunch && (
        <SubjectList
          cycle={cycle}
          first={{ subjects: page.short.subjects, next: page.short.next }}
          title={t("cycles.shortTitle", { count: page.short.total })}
          empty={t("cycles.noneShort")}
          short
        />
      )}
      <SubjectList
        cycle={cycle}
        first={{ subjects: page.subjects, next: page.next }}
        title={t("cycles.subjectsTitle", { count: cycle.subjects })}
        empty={t("cycles.noSubjects")}
      />
    </>
  );
}

export default CyclePage;
