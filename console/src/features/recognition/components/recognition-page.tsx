import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { GiveForm } from "./give-form";
import { ReceivedList } from "./received-list";

/** Recognition: give it, and read what the reader (or, with ?employee=, a colleague) received. */
export function RecognitionPage() {
  const { t } = useTranslation();
  const id = useId();
  const [search] = useSearchParams();
  const employee = search.get("employee") ?? undefined;
  return (
    <>
      <h1>{t("recognition.title")}</h1>
      <p>{t("recognition.intro")}</p>
      <GiveForm />
      <section aria-labelledby={`${id}-received`}>
        <h2 id={`${id}-received`}>{employee ? t("recognition.receivedBy") : t("recognition.received")}</h2>
        <ReceivedList employeeId={employee} />
      </section>
    </>
  );
}

export default RecognitionPage;
