"""GET /competencies and GET /job-classes in the caller's language."""

from __future__ import annotations

import requests


def test_competencies_come_in_english_by_default_and_in_danish_when_asked(local):
    employee = local.as_("any-org", sub="e5", roles=("employee",))
    english = employee.get(f"{local.api}/competencies", timeout=10)
    danish = employee.get(
        f"{local.api}/competencies", headers={"Accept-Language": "da-DK,da;q=0.9,en;q=0.5"}, timeout=10
    )

    assert english.status_code == danish.status_code == 200
    assert english.headers["Content-Language"] == "en"
    assert danish.headers["Content-Language"] == "da"
    en, da = english.json(), danish.json()
    assert len(en["competencies"]) == len(da["competencies"]) == 36
    assert sum(len(c["questions"]) for c in en["competencies"]) == 216
    assert [c["id"] for c in en["competencies"]] == [c["id"] for c in da["competencies"]]
    assert en["competencies"][0]["name"] != da["competencies"][0]["name"]
    assert [p["value"] for p in en["scale"]["points"]] == [1, 2, 3, 4, 5]
    assert da["scale"]["not_able_to_rate"] != en["scale"]["not_able_to_rate"]


def test_an_unsupported_language_falls_back_to_english(local):
    employee = local.as_("any-org", sub="e5", roles=("employee",))
    answer = employee.get(f"{local.api}/job-classes", headers={"Accept-Language": "fr-FR"}, timeout=10)
    assert answer.headers["Content-Language"] == "en"
    classes = answer.json()["job_classes"]
    assert [c["id"] for c in classes] == ["clerical", "hr-training", "service-sales", "technical", "management"]
    assert all(1 <= len(c["profile"]) <= 10 for c in classes)
    assert all(set(c["model_evaluations"]) == {"top", "good", "poor"} for c in classes)


def test_the_library_needs_a_signed_in_caller(local):
    assert requests.get(f"{local.api}/competencies", timeout=10).status_code == 401
