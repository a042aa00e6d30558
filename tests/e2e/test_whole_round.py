"""A whole 360 round on the local stack, over HTTP, as HR and every rater would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import requests

from tests.conftest import ROOT
from tests.integration.rounds import full_answers

CSV = """id,name,email,manager_id,department,job_class,locale,time_zone
boss,Birgitte Boss,boss@round.example.com,,Board,management,da,Europe/Copenhagen
lead,Lars Lead,lead@round.example.com,boss,Engineering,management,da,Europe/Copenhagen
ann,Ann Archer,ann@round.example.com,lead,Engineering,technical,en,Europe/London
bo,Bo Berg,bo@round.example.com,lead,Engineering,technical,da,Europe/Copenhagen
cy,Cy Clark,cy@round.example.com,lead,Engineering,technical,en,Europe/London
di,Di Dahl,di@round.example.com,lead,Engineering,technical,da,Europe/Copenhagen
ed,Ed Eliot,ed@round.example.com,lead,Engineering,technical,en,Europe/London
fay,Fay Frost,fay@round.example.com,boss,Sales,service-sales,en,Europe/London
"""


def janus_cli(stack, token: str, *args: str) -> str:
    env = {**os.environ, "JANUS_API": stack.api, "JANUS_TOKEN": token}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "janus"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert token not in done.stdout + done.stderr
    return done.stdout


def test_a_whole_round_from_import_to_submitted_answers(stack, tmp_path):
    hr_token = stack.token("round-org", "hr-1", ["hr_admin"])
    hr = requests.Session()
    hr.headers["Authorization"] = f"Bearer {hr_token}"
    api = stack.api

    # HR imports the organisation with the command-line tool.
    people = tmp_path / "people.csv"
    people.write_text(CSV)
    assert "8" in janus_cli(stack, hr_token, "employees", "import", str(people))

    # HR creates the cycle; raters are derived in the background.
    subjects = ["lead", "ann", "bo", "cy", "di", "ed"]
    created = hr.post(
        f"{api}/cycles",
        json={
            "name": "Engineering 360",
            "kind": "360",
            "deadline": "2030-06-30T17:00:00+02:00",
            "subjects": subjects,
            "competencies": ["communication", "teamwork", "problem_solving"],
        },
        timeout=30,
    )
    assert created.status_code == 201, created.text
    cycle_id = created.json()["id"]
    stack.settle()
    assert hr.post(f"{api}/cycles/{cycle_id}/events", json={"type": "nominate"}, timeout=10).status_code == 202

    # Ann proposes Fay, from another department, as a peer; her manager is told by e-mail and approves.
    ann = requests.Session()
    ann.headers["Authorization"] = f"Bearer {stack.token('round-org', 'ann', ['employee'])}"
    proposal = ann.post(f"{api}/cycles/{cycle_id}/subjects/ann/proposals", json={"peers": ["fay"]}, timeout=10)
    assert proposal.status_code == 200, proposal.text
    lead = requests.Session()
    lead.headers["Authorization"] = f"Bearer {stack.token('round-org', 'lead', ['manager', 'employee'])}"
    assert {"id": "fay", "status": "proposed", "name": "Fay Frost"} in proposal.json()["proposals"]
    stack.settle()
    (told,) = [m for m in requests.get(f"{api}/_local/mailbox", timeout=10).json()["messages"]
               if m["to"] == ["lead@round.example.com"]]  # fmt: skip
    assert "Ann Archer" in told["subject"] and "Fay Frost" in told["text"]
    assert told["links"] == [f"{api}/team"]
    decided = lead.post(
        f"{api}/cycles/{cycle_id}/subjects/ann/proposals/decision", json={"approve": ["fay"]}, timeout=10
    )
    assert decided.status_code == 200, decided.text
    assert "fay" in {r["id"] for r in decided.json()["raters"] if r["relationship"] == "peer"}

    # Lars has one peer where the cycle asks for two: launch says so, and HR launches anyway.
    refused = hr.post(f"{api}/cycles/{cycle_id}/events", json={"type": "launch"}, timeout=10)
    assert refused.status_code == 409
    assert refused.json()["error"]["details"] == [{"field": "lead", "message": "Lars Lead: 1 of at least 2 peers"}]
    launched = hr.post(f"{api}/cycles/{cycle_id}/events", json={"type": "launch", "force": True}, timeout=10)
    assert launched.status_code == 202, launched.text
    stack.settle()
    mails = [
        m
        for m in requests.get(f"{api}/_local/mailbox", timeout=10).json()["messages"]
        if m["to"][0].endswith("@round.example.com") and m != told
    ]
    recipients = Counter(m["to"][0] for m in mails)
    assert set(recipients.values()) == {1}
    danish = next(m for m in mails if m["to"] == ["bo@round.example.com"])
    assert "Engineering 360" in danish["subject"] and "feedback" in danish["text"].lower()

    # Every link opens a form; most raters submit, two keep a draft, one declines.
    links = [(m["to"][0], link) for m in mails for link in m["links"] if "/feedback/" in link]
    progress = hr.get(f"{api}/cycles/{cycle_id}", timeout=10).json()["progress"]
    assert progress["assignments"] == progress["invited"] == len(links)
    outcome = Counter()
    for number, (rater, link) in enumerate(links):
        page = requests.get(link, timeout=10)
        assert page.status_code == 200 and "<form" in page.text
        questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
        answers = full_answers(questionnaire, rating=1 + number % 5)
        if number == 0:
            assert requests.post(f"{link}/decline", json={}, timeout=10).status_code == 200
            outcome["declined"] += 1
        elif number in (1, 2):
            assert (
                requests.put(link, json={"ratings": dict(list(answers["ratings"].items())[:5])}, timeout=10).status_code
                == 200
            )
            outcome["in_progress"] += 1
        else:
            assert requests.post(f"{link}/submit", json=answers, timeout=10).status_code == 200, rater
            outcome["submitted"] += 1

    status = hr.get(f"{api}/cycles/{cycle_id}", timeout=10).json()
    assert status["state"] == "open"
    for name in ("submitted", "in_progress", "declined"):
        assert status["progress"][name] == outcome[name], name
    assert status["progress"]["response_rate"] == round(outcome["submitted"] / len(links), 3)

    # The CLI shows the same progress; closing ends the round and the links.
    shown = janus_cli(stack, hr_token, "cycles", "status", cycle_id)
    assert str(outcome["submitted"]) in shown
    assert hr.post(f"{api}/cycles/{cycle_id}/events", json={"type": "close"}, timeout=10).status_code == 202
    assert requests.get(links[-1][1], timeout=10).status_code == 404
    assert json.loads(requests.get(f"{links[-1][1]}/questionnaire", timeout=10).text)["error"]["code"] == "not_found"
