import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/error-alert";
import { useProfile } from "../../../components/session";
import { type ReviewLine, useMyReviews } from "../api";

function Lines({ lines, mine }: { lines: ReviewLine[]; mine: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="items">
      {lines.map((line) => (
        <li key={line.id} className="item">
          <Link to={`/my-reviews/${encodeURIComponent(line.id)}`} className="item-title">
            {mine ? (line.cycle_name ?? line.id) : line.employee_name}
          </Link>{" "}
          <span>
            {t("reviews.lineSelf", { status: t(`reviews.status.${line.self_status}`) })} ·{" "}
            {t("reviews.lineManager", { status: t(`reviews.status.${line.manager_status}`) })}
            {line.acknowledged ? ` · ${t("reviews.acknowledged")}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The reader's own reviews, and, for a manager, the reviews they write. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const isManager = profile.groups.includes("manager");
  const mine = useMyReviews();
  const team = useMyReviews(isManager ? profile.employeeId : undefined);
  return (
    <>
      <h1>{t("reviews.title")}</h1>
      <p>{t("reviews.intro")}</p>
      <section>
        <h2>{t("reviews.yours")}</h2>
        {mine.isPending && <p role="status">{t("app.loading")}</p>}
        {mine.isError && <ErrorAlert error={mine.error} />}
        {mine.data && mine.data.reviews.length === 0 && <p>{t("reviews.none")}</p>}
        {mine.data && <Lines lines={mine.data.reviews} mine />}
      </section>
      {isManager && (
        <section>
          <h2>{t("reviews.toWrite")}</h2>
          {team.isError && <ErrorAlert error={team.error} />}
          {team.data && team.data.reviews.length === 0 && <p>{t("reviews.noneToWrite")}</p>}
          {team.data && <Lines lines={team.data.reviews} mine={false} />}
        </section>
      )}
    </>
  );
}

export default MyReviewsPage;
