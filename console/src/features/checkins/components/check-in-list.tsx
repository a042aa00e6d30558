import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { CheckInSummary } from "../api/check-ins";

/** The check-ins of a pair, newest first, each a button that opens it. */
export function CheckInList({
  items,
  current,
  onOpen,
}: {
  items: CheckInSummary[];
  current: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-all`}>
      <h2 id={`${id}-all`}>{t("checkins.all")}</h2>
      <ul className="checkin-list">
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
             
              aria-current={item.id === current ? "true" : undefined}
              onClick={() => onOpen(item.id)}
            >
              {t("checkins.of", { date: item.date })}
            </button>{" "}
            ({t(`checkins.state.${item.state}`)}, {t("checkins.counts", { topics: item.topics, actions: item.actions })})
          </li>
        ))}
      </ul>
    </section>
  );
}
