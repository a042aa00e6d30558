import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useReceived } from "../api/recognition";

/** The recognitions a person received that the reader may read, newest first. */
export function ReceivedList({ employeeId }: { employeeId?: string }) {
  const { t } = useTranslation();
  const found = useReceived(employeeId);
  if (found.isPending) return <p role="status">{t("app.loading")}</p>;
  if (found.isError) return <ErrorAlert error={found.error} />;
  if (found.data.recognitions.length === 0) return <p>{t("recognition.noneYet")}</p>;
  return (
    <ul className="list">
      {found.data.recognitions.map((r) => (
        <li key={r.id} className="item rec-item">
          <p className="item-title">
            {t("recognition.line", {
              giver: r.names[r.from] ?? r.from,
              people: r.to.map((p) => r.names[p] ?? p).join(", "),
              value: r.value_name,
            })}
          </p>
          <p>{r.message}</p>
          <p className="rec-meta">
            {new Date(r.given_at).toLocaleDateString()} · {t(`recognition.${r.visibility}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}
