import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Employee } from "../api/types";

/** A page of people: each one's name links to their page, with what the list can be searched by. */
export function PeopleList({ people }: { people: Employee[] }) {
  const { t } = useTranslation();
  return (
    <ul className="items">
      {people.map((person) => (
        <li key={person.id} className="item">
          <Link className="item-title" to={`/people/${encodeURIComponent(person.id)}`}>
            {person.name}
          </Link>{" "}
          {!person.active && <span className="badge badge-rejected">{t("people.list.left")}</span>}
          <p className="muted">
            {[
              person.id,
              person.department,
              t(`jobClass.${person.job_class}`, { defaultValue: person.job_class }),
              person.manager_id && t("people.list.managedBy", { name: person.manager_name ?? person.manager_id }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </li>
      ))}
    </ul>
  );
}
