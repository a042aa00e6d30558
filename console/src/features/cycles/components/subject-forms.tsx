import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { Moment } from "../../../components/dates";
import { useSubjectForms } from "../api/get-subject-forms";

/** After launch: each of the subject's raters and where their form stands; a declined one's reason, a bounced address. */
export function SubjectForms({ cycleId, subjectId }: { cycleId: string; subjectId: string }) {
  const { t } = useTranslation();
  const forms = useSubjectForms(cycleId, subjectId, true);
  if (forms.isPending) return <p role="status">{t("app.loading")}</p>;
  if (forms.isError) return <ErrorAlert error={forms.error} />;
  if (forms.data.assignments.length === 0) return <p>{t("cycles.noForms")}</p>;
  return (
    <ul className="items">
      {forms.data.assignments.map((a) => (
        <li key={a.rater_id} className="item">
          <p>
            <span className="item-title">{a.rater_name ?? a.rater_id}</span>{" "}
            <span className="muted">({t(`relationship.${a.relationship}`, { defaultValue: a.relationship })})</span>
          </p>
          <p>
            <span className={`badge badge-form-${a.status}`}>{t(`cycles.formStatus.${a.status}`)}</span>
            {a.submitted_at && (
              <>
                {" "}
                <Moment at={a.submitted_at} />
              </>
            )}
            {a.reminders > 0 && <span className="muted"> · {t("cycles.reminded", { count: a.reminders })}</span>}
          </p>
          {a.status === "declined" && (
            <p>
              {t("cycles.declineReason")}: {a.decline_reason ?? t("cycles.noReason")}
            </p>
          )}
          {a.undeliverable && (
            <p className="warning">{t("cycles.undeliverable", { reason: a.undeliverable_reason ?? "" })}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
