import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useCompetencies, useJobClassProfiles } from "../api/library";
import { MAX_COMPETENCIES } from "../new-cycle";

const JOB_CLASSES = ["clerical", "hr-training", "service-sales", "technical", "management"];

type Props = { chosen: string[]; onChange: (chosen: string[]) => void };

/**
 * The library's competencies by group, up to ten ticked; a job class's default profile is one click away
 * (the job classes are asked for at that click, so the form opens with one request).
 */
export function CompetencyPicker({ chosen, onChange }: Props) {
  const { t } = useTranslation();
  const library = useCompetencies();
  const profileOf = useJobClassProfiles();
  const [loading, setLoading] = useState<string | null>(null);
  const [failed, setFailed] = useState<Error | null>(null);

  async function applyProfile(jobClass: string) {
    setLoading(jobClass);
    setFailed(null);
    try {
      onChange((await profileOf(jobClass)).slice(0, MAX_COMPETENCIES));
    } catch (error) {
      setFailed(error as Error);
    } finally {
      setLoading(null);
    }
  }

  if (library.isPending) return <p role="status">{t("app.loading")}</p>;
  if (library.isError) return <ErrorAlert error={library.error} />;
  const toggle = (id: string) =>
    onChange(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <div>
      <p>{t("cycles.form.profileStart")}</p>
      <div className="actions">
        {JOB_CLASSES.map((jobClass) => (
          <button key={jobClass} type="button" onClick={() => void applyProfile(jobClass)} disabled={loading !== null}>
            {t("cycles.form.useProfile", { jobClass: t(`jobClass.${jobClass}`) })}
          </button>
        ))}
      </div>
      {failed && <ErrorAlert error={failed} />}
      <p role="status" aria-live="polite" className={chosen.length > MAX_COMPETENCIES ? "warning" : undefined}>
        {t("cycles.form.chosenCount", { count: chosen.length, max: MAX_COMPETENCIES })}
      </p>
      {library.data.groups.map((group) => (
        <fieldset key={group.id}>
          <legend>{group.name}</legend>
          <ul className="choices competencies">
            {library.data.competencies
              .filter((c) => c.group === group.id)
              .map((c) => (
                <li key={c.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.includes(c.id)}
                      onChange={() => toggle(c.id)}
                      disabled={!chosen.includes(c.id) && chosen.length >= MAX_COMPETENCIES}
                    />
                    <span>
                      <strong>{c.name}</strong> <span className="hint">{c.definition}</span>
                    </span>
                  </label>
                </li>
              ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
