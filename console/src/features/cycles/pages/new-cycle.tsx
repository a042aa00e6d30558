import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { NewCycleForm } from "../components/new-cycle-form";

export function NewCyclePage() {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to="/hr/cycles">{t("cycles.backToCycles")}</Link>
      </p>
      <h1>{t("cycles.create")}</h1>
      <p>{t("cycles.form.intro")}</p>
      <div className="card">
        <NewCycleForm />
      </div>
    </>
  );
}

export default NewCyclePage;
