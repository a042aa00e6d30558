import { useTranslation } from "react-i18next";
import { Deadline } from "../../../components/dates";
import type { FeedbackForm } from "../api/types";

/** The feedback the person still owes, soonest deadline first, each linking to its rater form. */
export function PendingForms({ forms }: { forms: FeedbackForm[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="feedback-title" className="card">
      <h2 id="feedback-title">{t("feedback.title")}</h2>
      {forms.length === 0 ? (
        <p>{t("feedback.none")}</p>
      ) : (
        <ul className="items">
          {forms.map((form) => (
            <li key={`${form.cycle_id}/${form.subject_id}`} className="item">
              <p className="item-title">
                {form.relationship === "self"
                  ? t("feedback.aboutYourself")
                  : t("feedback.about", { name: form.subject_name })}
              </p>
              <dl className="facts">
                <div>
                  <dt>{t("feedback.round")}</dt>
                  <dd>{form.cycle_name}</dd>
                </div>
                {form.relationship !== "self" && (
                  <div>
                    <dt>{t("feedback.answerAs")}</dt>
                    <dd>{t(`relationship.${form.relationship}`, { defaultValue: form.relationship })}</dd>
                  </div>
                )}
                <div>
                  <dt>{t("feedback.deadline")}</dt>
                  <dd>
                    <Deadline at={form.deadline} zone={form.time_zone} />
                  </dd>
                </div>
                <div>
                  <dt>{t("feedback.status")}</dt>
                  <dd>{t(`feedback.statuses.${form.status}`, { defaultValue: form.status })}</dd>
                </div>
              </dl>
              {/* The rater form is the API's own page, reached by its token: a plain link, not a console route. */}
              <a className="button-link" href={form.link}>
                {form.relationship === "self"
                  ? t(form.status === "in_progress" ? "feedback.continueSelf" : "feedback.openSelf")
                  : t(form.status === "in_progress" ? "feedback.continue" : "feedback.open", {
                      name: form.subject_name,
                    })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
