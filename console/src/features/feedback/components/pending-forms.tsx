import { useTranslation } from "react-i18next";

// The API has no "forms I still owe" route yet: a rater's form is reached only through the signed
// link in the invitation e-mail (the token is the credential), so the console cannot list them.
export function PendingForms() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="feedback-title" className="card">
      <h2 id="feedback-title">{t("feedback.title")}</h2>
      <p>{t("feedback.byEmail")}</p>
    </section>
  );
}
