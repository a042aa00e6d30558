"""The 360 round over HTTP: cycles, nominations, launch, invitations, answers, races."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import requests

from tests.integration.rounds import create_cycle, event, full_answers, launch, links_of, mail_to, team_org


def test_a_cycle_with_problems_is_refused_with_every_problem(local):
    org = team_org(local)
    answer = org.hr.post(
        f"{local.api}/cycles",
        json={"name": "", "kind": "720", "deadline": "2020-01-01T00:00:00Z", "subjects": ["t1-1", "ghost"]},
        timeout=10,
    )
    assert answer.status_code == 400
    fields = {d["field"] for d in answer.json()["error"]["details"]}
    assert {"name", "kind", "deadline"} <= fields
    unknown = org.hr.post(
        f"{local.api}/cycles",
        json={"name": "X", "kind": "360", "deadline": "2030-01-01T00:00:00Z", "subjects": ["t1-1", "ghost"]},
        timeout=10,
    )
    assert unknown.status_code == 400
    assert "'ghost' is not an active employee" in unknown.text


def test_raters_are_derived_from_the_hierarchy_within_the_workload_cap(local):
    org = team_org(local, teams=1, size=6)
    subjects = [f"t1-{n}" for n in range(1, 7)]
    cycle = create_cycle(local, org, subjects, workload_cap=5, raters={"peer": {"min": 2, "max": 3}})
    assert cycle["nominations_pending"] == 0

    views = [org.hr.get(f"{local.api}/cycles/{cycle['id']}/subjects/{s}/raters", timeout=10).json() for s in subjects]
    for subject, view in zip(subjects, views, strict=True):
        kinds = [r["relationship"] for r in view["raters"]]
        assert kinds[0] == "self" and view["raters"][0]["id"] == subject
        assert [r["id"] for r in view["raters"] if r["relationship"] == "manager"] == ["m1"]
        assert kinds.count("peer") == 3
    load = {}
    for view in views:
        for rater in view["raters"]:
            load[rater["id"]] = load.get(rater["id"], 0) + 1
    assert max(count for rater, count in load.items() if rater.startswith("t1-")) <= 5  # the cap


def test_a_cycle_for_everyone_is_derived_whole_by_reading_the_organisation_once(local):
    org = team_org(local, teams=4, size=10)  # 45 people: more than a cycle asks teams for one by one
    body = {"name": "All hands 360", "kind": "360", "deadline": "2030-03-31T17:00:00+02:00", "workload_cap": 6}
    local.settle()
    before = local.requests_made()
    answer = org.hr.post(f"{local.api}/cycles", json=body, timeout=30)
    after = local.requests_made()
    assert answer.status_code == 201, answer.text
    made = {op: n - before.get((s, op), 0) for (s, op), n in after.items() if s == "dynamodb"}
    made = {op: n for op, n in made.items() if n}
    # The organisation's 16 shards once; 45 subjects and 45 raters in one transaction (100 a transaction); the cycle.
    assert made.pop("Query") == 16
    assert made.pop("TransactWriteItems") == 1
    assert made.pop("PutItem") == 1
    assert set(made) <= {"GetItem"} and made.get("GetItem", 0) <= 1  # the organisation's settings

    cycle = org.hr.get(f"{local.api}/cycles/{answer.json()['id']}", timeout=10).json()  # nothing left to wait for
    assert (cycle["subjects"], cycle["nominations_pending"]) == (45, 0)
    asked: dict[str, int] = {}
    for employee in ["m0"] + [f"m{t}" for t in range(1, 5)] + [f"t{t}-{n}" for t in range(1, 5) for n in range(1, 11)]:
        view = org.hr.get(f"{local.api}/cycles/{cycle['id']}/subjects/{employee}/raters", timeout=10).json()
        assert view["derived"] and view["raters"][0] == {**view["raters"][0], "id": employee, "relationship": "self"}
        for rater in view["raters"]:
            asked[rater["id"]] = asked.get(rater["id"], 0) + 1
    assert max(n for rater, n in asked.items() if rater.startswith("t")) <= 6  # the cap, across the whole cycle
    # Her own form, her manager's as his direct report, and her ten reports' as their manager: already
    # past the cap, so no peer forms on top.
    assert asked["m1"] == 1 + 1 + 10

    launched = launch(local, org, cycle["id"], force=True)
    assert launched["progress"]["assignments"] == sum(asked.values())  # every load became a form


def test_hr_edits_raters_before_launch_and_not_after(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    url = f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/raters"
    raters = [
        {"id": "t1-1", "relationship": "self"},
        {"id": "m1", "relationship": "manager"},
        {"id": "t2-1", "relationship": "other"},
        {"id": "t1-2", "relationship": "peer"},
        {"id": "t1-3", "relationship": "peer"},
    ]
    changed = org.hr.put(url, json={"raters": raters}, timeout=10)
    assert changed.status_code == 200, changed.text
    assert [(r["id"], r["relationship"]) for r in changed.json()["raters"]][2] == ("t2-1", "other")

    bad = org.hr.put(
        url,
        json={"raters": [{"id": "t1-2", "relationship": "self"}, {"id": "ghost", "relationship": "peer"}]},
        timeout=10,
    )
    assert bad.status_code == 400
    assert {d["field"] for d in bad.json()["error"]["details"]} == {"raters[1].relationship", "raters[2].id"}

    launch(local, org, cycle["id"])
    late = org.hr.put(url, json={"raters": raters}, timeout=10)
    assert late.status_code == 409
    assert "open" in late.json()["error"]["message"]


def test_launch_refuses_short_subjects_listing_them_and_force_launches(local):
    org = team_org(local, teams=1, size=1)  # t1-1 has no peers
    cycle = create_cycle(local, org, ["t1-1", "m1"])
    assert cycle["short_subjects"] == 2
    refused = event(local, org, cycle["id"], "launch")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert "2 subject(s) have too few raters" in error["message"]
    assert {d["field"] for d in error["details"]} == {"t1-1", "m1"}
    assert "0 of at least 2 peers" in error["details"][0]["message"]

    forced = event(local, org, cycle["id"], "launch", force=True)
    assert forced.status_code == 202
    assert forced.json()["state"] == "open"


def test_two_launches_at_once_launch_once(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1", "t1-2"])
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda _: event(local, org, cycle["id"], "launch"), range(2)))
    assert sorted(a.status_code for a in answers) == [202, 409]
    local.settle()
    mails = mail_to(local, org)
    recipients = [address for m in mails for address in m["to"]]
    assert len(recipients) == len(set(recipients)), "each rater gets one e-mail"


def test_an_event_the_state_does_not_allow_is_409_naming_the_state(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    answer = event(local, org, cycle["id"], "close")
    assert answer.status_code == 409
    assert answer.json()["error"]["message"] == "cannot close a cycle that is draft"
    assert event(local, org, cycle["id"], "explode").status_code == 400


def test_one_email_per_rater_lists_every_subject_with_its_own_link(local):
    org = team_org(local, teams=1, size=4)
    subjects = ["t1-1", "t1-2", "t1-3", "t1-4"]
    cycle = create_cycle(local, org, subjects)
    opened = launch(local, org, cycle["id"])

    mails = mail_to(local, org)
    recipients = [m["to"][0] for m in mails]
    assert len(recipients) == len(set(recipients))
    manager_mail = next(m for m in mails if m["to"] == [org.email("m1")])
    assert len([link for link in manager_mail["links"] if "/feedback/" in link]) == 4
    for subject in subjects:
        assert f"Person {subject}" in manager_mail["text"]
    assert (
        opened["progress"]["assignments"]
        == opened["progress"]["invited"]
        == sum(len([link for link in m["links"] if "/feedback/" in link]) for m in mails)
    )


def test_invitations_go_in_bundles_of_raters_with_one_read_and_two_transactions_each(local):
    org = team_org(local, teams=4, size=10)  # 45 subjects and raters: one shard, one bundle
    body = {"name": "All hands 360", "kind": "360", "deadline": "2030-03-31T17:00:00+02:00"}
    created = org.hr.post(f"{local.api}/cycles", json=body, timeout=30)
    assert created.status_code == 201, created.text
    local.settle()
    before = local.requests_made()
    opened = launch(local, org, created.json()["id"], force=True)
    after = local.requests_made()
    made = {op: n - before.get((s, op), 0) for (s, op), n in after.items() if s == "dynamodb"}

    recipients = [m["to"][0] for m in mail_to(local, org)]
    assert len(recipients) == len(set(recipients)) == 45  # one e-mail each
    assert opened["progress"]["invited"] == opened["progress"]["assignments"]
    # The one bundle: its raters' assignments in one Query, the cycle, states and names in one
    # BatchGetItem, the claims in one transaction, the marks with the count in another; not one of
    # each per rater. (The launch's answer and the cycle read after it read the progress: a
    # BatchGetItem each.) The fan-out: a page of the shard's subjects and one of its raters, and the
    # shard's count of assignments in all and by department (one transaction of conditional updates).
    assert made["BatchGetItem"] == 1 + 2
    assert made["TransactWriteItems"] == 2 + 1
    assert made["Query"] == 1 + 2


def test_a_second_delivery_of_an_invitation_sends_no_second_email(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    before = len(mail_to(local, org))
    sqs = local.client("sqs")
    url = sqs.get_queue_url(QueueName="janus-local-InvitationsQueue")["QueueUrl"]
    duplicate = {"kind": "invitation", "org": org.id, "cycle_id": cycle["id"], "rater_id": "m1", "round": "first"}
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(duplicate))
    local.settle()
    assert len(mail_to(local, org)) == before


def test_an_invitation_another_delivery_is_sending_waits_for_it_and_goes_once_its_lease_ran_out(local):
    org = team_org(local, teams=1, size=3)
    cycle = create_cycle(local, org, ["t1-1"])
    dynamodb = local.client("dynamodb")
    (table,) = [name for name in dynamodb.list_tables()["TableNames"] if name.endswith("-Table")]
    now = datetime.fromisoformat(requests.get(f"{local.api}/_local/clock", timeout=10).json()["now"])
    held = (now + timedelta(minutes=2)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+0000")
    dynamodb.update_item(  # as a delivery that claimed t1-2's invitation and then died would leave it
        TableName=table,
        Key={"PK": {"S": f"ORG#{org.id}#CYCLE#{cycle['id']}#RATER#t1-2"}, "SK": {"S": "RATER"}},
        UpdateExpression="SET inviting_until = :until",
        ExpressionAttributeValues={":until": {"S": held}},
    )
    launch(local, org, cycle["id"])
    assert links_of(local, org, "t1-2") == [] and links_of(local, org, "t1-3") != []

    local.advance("PT7M")  # the lease ran out, and the message came back after its visibility timeout
    assert len(links_of(local, org, "t1-2")) == 1
    local.advance("PT7M")
    assert len(links_of(local, org, "t1-2")) == 1
    progress = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert progress["invited"] == progress["assignments"]


def test_the_bus_launches_a_cycle_down_the_same_path(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    local.client("events").put_events(
        Entries=[
            {
                "Source": "janus.hris",
                "DetailType": "CycleEvent",
                "EventBusName": "janus-local-bus",
                "Detail": json.dumps({"org": org.id, "cycle_id": cycle["id"], "type": "launch"}),
            }
        ]
    )
    local.settle()
    state = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()
    assert state["state"] == "open"
    assert state["progress"]["invited"] == state["progress"]["assignments"] > 0


def test_a_bounce_marks_the_address_undeliverable_on_the_progress(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    detail = {
        "eventType": "Bounce",
        "bounce": {"bounceType": "Permanent", "bounceSubType": "General"},
        "mail": {
            "tags": {
                "org": [org.id.encode().hex()],
                "cycle": [cycle["id"].encode().hex()],
                "rater": [b"t1-2".hex()],
            }
        },
    }
    for _ in range(2):  # delivered twice: counted once
        local.client("events").put_events(
            Entries=[{"Source": "aws.ses", "DetailType": "Email Bounced", "Detail": json.dumps(detail)}]
        )
    local.settle()
    progress = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert progress["undeliverable"] == 1


def test_the_rater_saves_a_draft_then_submits_once(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
    assert questionnaire["subject"]["id"] == "t1-1"
    assert questionnaire["relationship"] == "manager"
    answers = full_answers(questionnaire)

    first_half = {"ratings": dict(list(answers["ratings"].items())[:3])}
    assert requests.put(link, json=first_half, timeout=10).status_code == 200
    saved = requests.get(f"{link}/questionnaire", timeout=10).json()
    assert saved["answers"]["ratings"] == first_half["ratings"]
    assert saved["status"] == "in_progress"
    competency = questionnaire["competencies"][0]["id"]
    more = {"ratings": dict(list(answers["ratings"].items())[3:5]), "comments": {competency: " Clear. "}}
    assert requests.put(link, json={**more, "status": "in_progress"}, timeout=10).status_code == 200
    saved = requests.get(f"{link}/questionnaire", timeout=10).json()["answers"]
    assert saved["ratings"] == dict(list(answers["ratings"].items())[:5])  # merged, nothing lost
    assert saved["comments"] == {competency: "Clear."}
    assert requests.put(link, json={"comments": {competency: "  "}}, timeout=10).status_code == 200  # emptied
    saved = requests.get(f"{link}/questionnaire", timeout=10).json()["answers"]
    assert saved["comments"] == {} and len(saved["ratings"]) == 5
    progress = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert progress["in_progress"] == 1  # three drafts, one rater in progress

    submitted = requests.post(f"{link}/submit", json=answers, timeout=10)
    assert submitted.status_code == 200
    again = requests.post(f"{link}/submit", json=full_answers(questionnaire, rating=1), timeout=10)
    assert again.status_code == 409
    assert requests.put(link, json=first_half, timeout=10).status_code == 409
    stored = requests.get(f"{link}/questionnaire", timeout=10).json()
    assert stored["status"] == "submitted" and set(stored["answers"]["ratings"].values()) == {4}
    progress = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert (progress["submitted"], progress["in_progress"]) == (1, 0)


def _dynamodb_requests(local, action) -> dict[str, int]:
    local.settle()
    before = local.requests_made()
    action()
    after = local.requests_made()
    return {
        op: after[(s, op)] - before.get((s, op), 0)
        for (s, op) in after
        if s == "dynamodb" and after[(s, op)] != before.get((s, op), 0)
    }


def test_opening_a_form_is_one_read_and_submitting_one_write(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t2-1"])
    launch(local, org, cycle["id"])
    first, second = links_of(local, org, "m2")[0], links_of(local, org, "t2-2")[0]
    opened: dict = {}

    def open_form() -> None:
        opened.update(requests.get(f"{first}/questionnaire", timeout=10).json())

    # The link names its assignment: one BatchGetItem for it, the cycle and both people's names and languages.
    assert _dynamodb_requests(local, open_form) == {"BatchGetItem": 1}
    assert opened["subject"]["name"] == "Person t2-1"

    def submit(link: str, **extra: str) -> None:
        requests.post(f"{link}/submit", json={**full_answers(opened), **extra}, timeout=10).raise_for_status()

    # Nothing read: the transaction holds only for this link's assignment, still open, with these competencies.
    assert _dynamodb_requests(local, lambda: submit(first)) == {"TransactWriteItems": 1}

    # After a draft: a client that says so is written at once; one that does not costs a refused try.
    third = links_of(local, org, "t2-3")[0]
    for link in (second, third):
        seen: dict = {}

        def draft(link: str = link, seen: dict = seen) -> None:
            seen.update(requests.put(link, json={"ratings": {"listening.q1": 3}}, timeout=10).json())

        # Merged into the saved answers without reading them: one transaction with the counter.
        assert _dynamodb_requests(local, draft) == {"TransactWriteItems": 1}
        assert seen["status"] == "in_progress"
    told = lambda: submit(second, status="in_progress")  # noqa: E731
    assert _dynamodb_requests(local, told) == {"TransactWriteItems": 1}
    assert _dynamodb_requests(local, lambda: submit(third)) == {"TransactWriteItems": 2}
    progress = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert (progress["submitted"], progress["in_progress"]) == (3, 0)
    for link in (first, second, third):
        assert requests.get(f"{link}/questionnaire", timeout=10).json()["status"] == "submitted"


def test_the_thank_you_page_links_to_the_raters_next_pending_form(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1", "t1-2"])
    launch(local, org, cycle["id"])
    first, second = links_of(local, org, "m1")
    questionnaire = requests.get(f"{first}/questionnaire", timeout=10).json()
    fields = {f"rating.{q}": str(v) for q, v in full_answers(questionnaire)["ratings"].items()}
    thanks: dict = {}

    def submit(link: str) -> None:
        answer = requests.post(f"{link}/submit", data=fields, timeout=10)
        assert answer.status_code == 200, answer.text
        thanks[link] = answer.text

    # The write, one BatchGetItem for the rater's language and the cycle, one Query for what is still pending.
    assert _dynamodb_requests(local, lambda: submit(first)) == {
        "TransactWriteItems": 1,
        "BatchGetItem": 1,
        "Query": 1,
    }
    assert "Thank you for your feedback" in thanks[first]
    token = second.rsplit("/", 1)[1]
    assert f'href="../{token}"' in thanks[first]
    assert "Person t1-2" in thanks[first]
    submit(second)
    assert "/feedback/" not in thanks[second] and 'href="../' not in thanks[second]


def test_a_submit_for_another_form_is_refused_naming_what_this_form_still_needs(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    form = requests.get(f"{link}/questionnaire", timeout=10).json()
    asked = [c["id"] for c in form["competencies"]]
    # Complete for one of the form's competencies only: well made, so the write is tried, and refused.
    partial = {"ratings": {q["id"]: 4 for q in form["competencies"][0]["questions"]}}
    answer = requests.post(f"{link}/submit", json=partial, timeout=10)

    assert answer.status_code == 422
    fields = {d["field"] for d in answer.json()["error"]["details"]}
    assert fields == {f"rating.{q['id']}" for c in form["competencies"][1:] for q in c["questions"]}
    assert len(asked) > 1
    again = requests.get(f"{link}/questionnaire", timeout=10).json()
    assert again["status"] == "pending" and again["answers"]["ratings"] == {}


def test_fifty_concurrent_submits_store_one_response_and_each_answers_it_done(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    answers = full_answers(requests.get(f"{link}/questionnaire", timeout=10).json())
    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(
            pool.map(lambda _: requests.post(f"{link}/submit", json=answers, timeout=60).status_code, range(50))
        )
    # One wrote; the others found these very answers submitted (as a retry whose first answer was lost would).
    assert codes == [200] * 50
    different = {**answers, "overall": "Other words."}
    assert requests.post(f"{link}/submit", json=different, timeout=60).status_code == 409
    progress = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert progress["submitted"] == 1


def test_invalid_answers_are_422_naming_each_problem_and_save_nothing(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    bad = {
        "ratings": {"listening.q1": 7, "nonsense.q1": 3, "teamwork.q1": True},
        "comments": {"listening": "x" * 2001},
        "overall": "ok",
    }
    answer = requests.put(link, json=bad, timeout=10)
    assert answer.status_code == 422
    fields = {d["field"] for d in answer.json()["error"]["details"]}
    assert fields == {"rating.listening.q1", "rating.nonsense.q1", "rating.teamwork.q1", "comment.listening"}
    incomplete = requests.post(f"{link}/submit", json={"ratings": {"listening.q1": 3}}, timeout=10)
    assert incomplete.status_code == 422
    assert len(incomplete.json()["error"]["details"]) == 11  # 12 questions, one answered
    assert requests.get(f"{link}/questionnaire", timeout=10).json()["answers"]["ratings"] == {}


def test_declining_counts_and_stops_further_answers(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "t1-2")[0]
    assert requests.post(f"{link}/decline", json={"reason": "I do not work with them"}, timeout=10).status_code == 200
    assert requests.put(link, json={"ratings": {}}, timeout=10).status_code == 409
    assert org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]["declined"] == 1


def test_bad_links_all_get_the_same_404_and_closing_stops_answers(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    base = link.rsplit("/", 1)[0]
    unknown = requests.get(f"{base}/{'A' * 32}/questionnaire", timeout=10)
    garbage = requests.get(f"{base}/not-a-token!/questionnaire", timeout=10)
    assert unknown.status_code == garbage.status_code == 404
    assert unknown.json() == garbage.json()

    assert event(local, org, cycle["id"], "close").status_code == 202
    expired = requests.get(f"{link}/questionnaire", timeout=10)
    assert expired.status_code == 404 and expired.json() == unknown.json()
    late = requests.post(f"{link}/submit", json={"ratings": {}}, timeout=10)
    assert late.status_code == 409
    assert "closed" in late.json()["error"]["message"]


def test_a_rater_arriving_after_the_close_reads_that_the_round_closed_on_that_date(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    base = link.rsplit("/", 1)[0]
    assert event(local, org, cycle["id"], "close").status_code == 202
    closed_on = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["closed_at"]
    day = datetime.fromisoformat(closed_on).astimezone(datetime.fromisoformat(cycle["deadline"]).tzinfo)

    late = requests.get(link, timeout=10)
    assert late.status_code == 404 and late.headers["Content-Type"].startswith("text/html")
    assert "This feedback round has closed" in late.text
    assert f"{day.day} {day:%B} {day.year}" in late.text
    late_post = requests.post(f"{link}/submit", data={"rating.listening.q1": "3"}, timeout=10)
    assert late_post.status_code == 409 and f"{day.day} {day:%B} {day.year}" in late_post.text

    # Every link that is not a live one still gets the one neutral 404.
    unknown = requests.get(f"{base}/{'A' * 40}", timeout=10)
    tampered = requests.get(link[:-1] + ("A" if link[-1] != "A" else "B"), timeout=10)
    assert unknown.status_code == tampered.status_code == 404
    shown = unknown.text.split("<main", 1)[1]
    assert "This link does not work" in shown and "closed" not in shown.lower()


def test_the_form_page_is_private_and_strict(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    page = requests.get(links_of(local, org, "m1")[0], timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'nonce-" in csp and "unsafe-inline" not in csp
    assert "Person t1-1" in page.text
    missing = requests.get(links_of(local, org, "m1")[0].rsplit("/", 1)[0] + "/" + "B" * 32, timeout=10)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("text/html")


def test_the_form_works_without_javascript(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    launch(local, org, cycle["id"])
    link = links_of(local, org, "m1")[0]
    questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
    fields = {f"rating.{q}": str(v) for q, v in full_answers(questionnaire)["ratings"].items()}
    fields["rating.listening.q1"] = "na"
    fields["comment.teamwork"] = "Shares credit with the team."
    draft = requests.post(link, data={"rating.listening.q2": "5"}, timeout=10)
    assert draft.status_code == 200 and "text/html" in draft.headers["Content-Type"]
    assert requests.get(f"{link}/questionnaire", timeout=10).json()["answers"]["ratings"] == {"listening.q2": 5}
    done = requests.post(f"{link}/submit", data=fields, timeout=10)
    assert done.status_code == 200
    stored = requests.get(f"{link}/questionnaire", timeout=10)
    assert stored.json()["status"] == "submitted"
    assert stored.json()["answers"]["ratings"]["listening.q1"] == "na"
    assert stored.json()["answers"]["comments"] == {"teamwork": "Shares credit with the team."}


def test_removing_a_rater_after_launch_revokes_their_link(local):
    org = team_org(local)
    cycle = create_cycle(local, org, ["t1-1"])
    before = launch(local, org, cycle["id"])["progress"]
    link = links_of(local, org, "t1-2")[0]
    assert requests.put(link, json={"ratings": {"listening.q1": 3}}, timeout=10).status_code == 200

    removed = org.hr.delete(f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/raters/t1-2", timeout=10)
    assert removed.status_code == 200, removed.text
    assert "t1-2" not in {r["id"] for r in removed.json()["raters"]}
    assert requests.get(f"{link}/questionnaire", timeout=10).status_code == 404
    after = org.hr.get(f"{local.api}/cycles/{cycle['id']}", timeout=10).json()["progress"]
    assert after["assignments"] == before["assignments"] - 1
    assert (after["invited"], after["in_progress"]) == (before["invited"] - 1, 0)

    manager_link = links_of(local, org, "m1")[0]
    questionnaire = requests.get(f"{manager_link}/questionnaire", timeout=10).json()
    assert requests.post(f"{manager_link}/submit", json=full_answers(questionnaire), timeout=10).status_code == 200
    kept = org.hr.delete(f"{local.api}/cycles/{cycle['id']}/subjects/t1-1/raters/m1", timeout=10)
    assert kept.status_code == 409


def test_a_cycle_without_a_list_of_subjects_reviews_every_active_employee(local):
    org = team_org(local, teams=2, size=3)  # 9 people
    org.hr.put(
        f"{local.api}/employees",
        json=[
            {
                "id": "t2-3",
                "name": "Person t2-3",
                "email": org.email("t2-3"),
                "manager_id": "m2",
                "department": "R&D",
                "job_class": "technical",
                "locale": "en",
                "active": False,
            }
        ],
        timeout=30,
    ).raise_for_status()
    answer = org.hr.post(
        f"{local.api}/cycles", json={"name": "Everyone", "kind": "self", "deadline": "2030-05-01T12:00:00Z"}, timeout=30
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["subjects"] == 8  # everyone but the inactive employee


def test_closing_reads_each_page_of_subjects_and_their_responses_with_a_query_not_one_per_subject(local):
    org = team_org(local, teams=4, size=10)  # 45 people, all of them subjects
    people = ["m0"] + [f"m{t}" for t in range(1, 5)] + [f"t{t}-{n}" for t in range(1, 5) for n in range(1, 11)]
    body = {"name": "All hands 360", "kind": "360", "deadline": "2030-03-31T17:00:00+02:00"}
    created = org.hr.post(f"{local.api}/cycles", json={**body, "competencies": ["listening"]}, timeout=30)
    assert created.status_code == 201, created.text
    cycle_id = created.json()["id"]
    launch(local, org, cycle_id, force=True)
    for rater in ("t1-1", "t1-2", "t1-3", "t1-4"):
        for link in links_of(local, org, rater):
            questionnaire = requests.get(f"{link}/questionnaire", timeout=10).json()
            if questionnaire["subject"]["id"] != "m1":
                continue
            if rater == "t1-4":  # a draft of low ratings, never submitted
                low = {q["id"]: 1 for c in questionnaire["competencies"] for q in c["questions"]}
                assert requests.put(link, json={"ratings": low}, timeout=10).status_code == 200
            else:
                assert requests.post(f"{link}/submit", json=full_answers(questionnaire), timeout=10).status_code == 200

    local.settle()
    before = local.requests_made()
    assert event(local, org, cycle_id, "close").status_code == 202
    local.settle()
    after = local.requests_made()
    made = {op: n - before.get((s, op), 0) for (s, op), n in after.items() if s == "dynamodb"}

    assert org.hr.get(f"{local.api}/cycles/{cycle_id}", timeout=10).json()["state"] == "reported"
    # 45 subjects are one shard and one page: a Query of the page of subjects, a Query of their
    # submitted responses, one transaction setting the reports' digests on the subjects, and the page's
    # answers stamped to expire, 100 to a transaction; never a request per subject. The job carries the
    # cycle and the subjects their department and language, so neither the cycle nor anybody's employee
    # record is read. (The close's answer reads the cycle and its progress.)
    assigned = org.hr.get(f"{local.api}/cycles/{cycle_id}", timeout=10).json()["progress"]["assignments"]
    assert made["Query"] == 2
    assert made["BatchGetItem"] == 1
    assert made["TransactWriteItems"] == 1 + -(-assigned // 100), assigned
    assert made.get("BatchWriteItem", 0) == 0
    report = org.hr.get(f"{local.api}/cycles/{cycle_id}/reports/m1", timeout=10).json()
    groups = {g["id"]: g for g in report["groups"]}
    assert groups["direct_report"]["responses"] == 3  # the draft is no response
    listening = next(c for c in report["competencies"] if c["id"] == "listening")
    assert listening["scores"]["direct_report"] == 4.0
    rates = org.hr.get(f"{local.api}/cycles/{cycle_id}/analytics", timeout=10).json()["response_rates"]
    asked = sum(len(links_of(local, org, p)) for p in people)
    assert rates["by_department"]["R&D"]["all"] == {"asked": asked, "submitted": 3, "rate": round(3 / asked, 3)}

    # The first report job delivered again after the cycle is reported, as SQS may: the same reports,
    # no second ReportReady, and the cycle stays reported.
    cycle = org.hr.get(f"{local.api}/cycles/{cycle_id}", timeout=10).json()
    sqs = local.client("sqs")
    queue = next(url for url in sqs.list_queues()["QueueUrls"] if "ReportsQueue" in url)
    carried = {
        "name": cycle["name"],
        "kind": cycle["kind"],
        "closed_at": cycle["closed_at"],
        "anonymity_threshold": cycle["anonymity_threshold"],
        "manager_identified": cycle["manager_identified"],
        "shards": 1,
    }
    job = {"job": "report", "org": org.id, "cycle_id": cycle_id, "shard": 0, "start": None, "partial": None}
    before = local.requests_made()
    sqs.send_message(QueueUrl=queue, MessageBody=json.dumps({**job, "cycle": carried}))
    local.settle()
    made = {key: n - before.get(key, 0) for key, n in local.requests_made().items()}
    assert made.get(("eventbridge", "PutEvents"), 0) == 0
    # No digest set again; the answers' expiry stamps are asked again and refused by the stamps already there.
    assert made.get(("dynamodb", "TransactWriteItems"), 0) == -(-assigned // 100)
    # It did build the page again, and the shard's analytics; and, the shard's last job, it merged the cycle's
    # analytics again (a last job delivered again hands on again, in case its first delivery ended before).
    assert made.get(("s3", "PutObject"), 0) == 2 * 45 + 2
    assert org.hr.get(f"{local.api}/cycles/{cycle_id}/reports/m1", timeout=10).json() == report
    assert org.hr.get(f"{local.api}/cycles/{cycle_id}", timeout=10).json()["state"] == "reported"


def test_a_release_tells_each_manager_once_listing_every_report_of_their_team(local):
    org = team_org(local, teams=1, size=3)
    team = ["t1-1", "t1-2", "t1-3"]
    cycle = create_cycle(local, org, team)
    launch(local, org, cycle["id"], force=True)
    assert event(local, org, cycle["id"], "close").status_code == 202
    local.settle()
    assert event(local, org, cycle["id"], "release").status_code == 202
    local.settle()

    to_manager = [m for m in mail_to(local, org) if m["to"] == [org.email("m1")] and "your team" in m["subject"]]
    assert len(to_manager) == 1
    reports = [f"{local.api}/reports/{cycle['id']}/{subject}" for subject in team]
    assert sorted(link for link in to_manager[0]["links"] if "/reports/" in link) == reports
    assert all(f"Person {subject}" in to_manager[0]["text"] for subject in team)
    for subject in team:
        (own,) = [m for m in mail_to(local, org) if m["to"] == [org.email(subject)] and "report" in m["subject"]]
        assert f"{local.api}/reports/{cycle['id']}/{subject}" in own["links"]
