import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { type Colleague, useColleagues, useGive, useValues } from "../api/recognition";

/** Give recognition: pick people by name, one of the organisation's values, a message, public or private. */
export function GiveForm() {
  const { t } = useTranslation();
  const id = useId();
  const values = useValues();
  const [q, setQ] = useState("");
  const found = useColleagues(q);
  const [chosen, setChosen] = useState<Colleague[]>([]);
  const [value, setValue] = useState("");
  const [message, setMessage] = useState("");
  const [visibility, setVisibility] = useState<"public" | "private">("public");
  const give = useGive();

  function submit(event: FormEvent) {
    event.preventDefault();
    give.mutate(
      { to: chosen.map((c) => c.id), value, message, visibility },
      { onSuccess: () => { setChosen([]); setMessage(""); setQ(""); } },
    );
  }
  const choices = (found.data?.people ?? []).filter((p) => !chosen.some((c) => c.id === p.id));
  return (
    <form onSubmit={submit} className="card rec-give" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("recognition.give")}</h2>
      <label htmlFor={`${id}-q`}>{t("recognition.find")}</label>
      <input id={`${id}-q`} value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("recognition.findHint")} />
      {choices.length > 0 && (
        <ul className="rec-choices" aria-label={t("recognition.found")}>
          {choices.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => setChosen([...chosen, p])}>
                {t("recognition.pick", { name: p.name, department: p.department })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <ul className="rec-chosen" aria-label={t("recognition.chosen")}>
          {chosen.map((p) => (
            <li key={p.id}>
              {p.name}{" "}
              <button type="button" onClick={() => setChosen(chosen.filter((c) => c.id !== p.id))}>
                {t("recognition.remove", { name: p.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-value`}>{t("recognition.value")}</label>
      <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} required>
        <option value="">{t("recognition.chooseValue")}</option>
        {values.data?.values.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-message`}>{t("recognition.message")}</label>
      <textarea id={`${id}-message`} rows={3} maxLength={1000} value={message} onChange={(e) => setMessage(e.target.value)} required />
      <fieldset>
        <legend>{t("recognition.visibility")}</legend>
        {(["public", "private"] as const).map((v) => (
          <label key={v} className="rec-radio">
            <input type="radio" name={`${id}-visibility`} checked={visibility === v} onChange={() => setVisibility(v)} />{" "}
            {t(`recognition.${v}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={give.isPending || chosen.length === 0 || !value || !message.trim()}>
        {t("recognition.send")}
      </button>
      {give.isSuccess && <p role="status">{t("recognition.sent")}</p>}
      {give.isError && <ErrorAlert error={give.error} />}
    </form>
  );
}
