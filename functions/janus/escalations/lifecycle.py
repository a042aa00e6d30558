"""An escalation case's steps: the owner's, HR's, and the clock's when a deadline passes.

A review's outcome is ``improved`` (the case closes), ``extended`` (the plan goes on: the next
scheduled review, or another one ``EXTENSION_DAYS`` later when none is left) or ``closed`` (with a
decision text). HR may close a case in any state, with a decision text.

Nobody can sit on a case: when a deadline passes, ``escalate`` hands the case one level up
(level 0 is the manager; 1 the manager's manager, with the HR lead told; 2 the next level up; ...),
or to the HR lead when there is nobody above, and gives it a fresh deadline. It never goes to the
person it concerns: with nobody left (no HR lead, or the case is the HR lead's own) it rests with
HR as a whole (no owner; any HR administrator acts on it). A schedule names the
deadline it was created for, so a replayed or stale schedule escalates once.

Who acts: the current owner or HR (role ``hr_admin``) acknowledges, agrees the plan and records
reviews; only HR closes a case outright.

Who sees a case: HR, the current owner, and the managers above the employee (directly or through
the chain). The employee concerned does not see the case list, even when they hold the HR role:
a case is the working file of the managers and HR who are accountable for the follow-up. The
employee learns of it from their manager, through the plan (expectations, support, measures and
review dates), which is what they need to act on; an HR administrator who is the subject of a case
must not be able to read or steer it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from janus.escalations.case import SYSTEM, Case, Plan, Review, is_hr, iso, record, required_text
from janus.kernel import clock
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, Problem
from janus.people.organisation import EscalationRules

OUTCOMES = ("improved", "extended", "closed")
EXTENSION_DAYS = 30
MAX_REVIEWS = 12


def _require_actor(case: Case, by: str, roles: Collection[str], action: str) -> None:
    if by == case.employee_id:
        raise Forbidden(f"the employee concerned cannot {action} their own case")
    if by != case.owner and not is_hr(roles):
        raise Forbidden(f"only the case's owner ({case.owner or 'HR'}) or HR can {action} it")


def _require_state(case: Case, states: Sequence[str], action: str) -> None:
    if case.state not in states:
        raise Conflict(f"the case is {case.state}: it can be {action} only when it is {' or '.join(states)}")


def acknowledge(case: Case, by: str, roles: Collection[str], rules: EscalationRules) -> Case:
    """The owner takes the case on; the plan is due ``plan_days`` later."""
    _require_actor(case, by, roles, "acknowledge")
    _require_state(case, ("open",), "acknowledged")
    now = clock.now()
    due = now + timedelta(days=rules.plan_days)
    return record(case, by, "acknowledged", now, state="acknowledged", due=due, detail={"due": due.isoformat()})


def _review_dates(value: Any, now: datetime, problems: list[Problem]) -> tuple[datetime, ...]:
    if not isinstance(value, list) or not value:
        problems.append(Problem("must be a non-empty list of dates and times with a UTC offset", field="review_dates"))
        return ()
    if len(value) > MAX_REVIEWS:
        problems.append(Problem(f"at most {MAX_REVIEWS} reviews", field="review_dates"))
        return ()
    dates = []
    for number, raw in enumerate(value):
        where = f"review_dates[{number}]"
        try:
            date = datetime.fromisoformat(raw.replace("Z", "+00:00")) if isinstance(raw, str) else None
        except ValueError:
            date = None
        if date is None or date.tzinfo is None:
            problems.append(Problem(f"'{raw}' is not a date and time with a UTC offset", field=where))
        elif date <= now:
            problems.append(Problem("must be in the future", field=where))
        else:
            dates.append(date.astimezone(UTC))
    if len(set(dates)) != len(dates):
        problems.append(Problem("names the same date twice", field="review_dates"))
    return tuple(sorted(dates))


def agree_plan(case: Case, by: str, roles: Collection[str], body: Any, rules: EscalationRules) -> Case:
    """The improvement plan: expectations, support, measures, and the review dates (plan + review_days)."""
    _require_actor(case, by, roles, "agree a plan for")
    _require_state(case, ("open", "acknowledged"), "given a plan")
    if not isinstance(body, Mapping):
        raise InvalidInput('send {"expectations": ..., "support": ..., "measures": ..., "review_dates": [...]}')
    now = clock.now()
    problems: list[Problem] = []
    texts = {name: required_text(body, name, problems) for name in ("expectations", "support", "measures")}
    if body.get("review_dates") is None:
        dates = tuple(now + timedelta(days=d) for d in sorted(rules.review_days))
    else:
        dates = _review_dates(body["review_dates"], now, problems)
    if problems:
        raise InvalidInput("the plan is incomplete", problems)
    if case.state == "open":  # a plan implies the acknowledgement
        case = record(case, by, "acknowledged", now, state="acknowledged", detail={"implied_by": "plan"})
    plan = Plan(**texts, review_dates=dates, agreed_at=now, agreed_by=by)
    return record(case, by, "plan_agreed", now, state="plan_agreed", plan=plan, due=dates[0], detail=plan.as_dict())


def record_review(case: Case, by: str, roles: Collection[str], body: Any) -> Case:
    """A follow-up review: ``improved`` closes, ``extended`` goes on, ``closed`` closes with a decision."""
    _require_actor(case, by, roles, "review")
    _require_state(case, ("plan_agreed",), "reviewed")
    if not isinstance(body, Mapping):
        raise InvalidInput('send {"outcome": "improved" | "extended" | "closed", "notes": ..., "decision": ...}')
    problems: list[Problem] = []
    outcome = body.get("outcome")
    if outcome not in OUTCOMES:
        problems.append(Problem(f"must be one of {', '.join(OUTCOMES)}", field="outcome"))
    notes = required_text(body, "notes", problems)
    decision = required_text(body, "decision", problems) if outcome == "closed" else None
    if problems:
        raise InvalidInput("the review is incomplete", problems)
    assert case.plan is not None  # plan_agreed always has a plan
    now = clock.now()
    pending = case.pending_reviews
    entry = Review(now, by, outcome, notes, pending[0] if pending else None, decision)
    reviews = (*case.reviews, entry)
    detail: dict[str, Any] = {"outcome": outcome, "notes": notes, "scheduled": iso(entry.scheduled)}
    if outcome != "extended":
        detail["decision"] = decision
        closed = {"state": "closed", "due": None, "closed_at": now, "decision": decision}
        return record(case, by, "reviewed", now, reviews=reviews, detail=detail, **closed)
    plan = case.plan
    remaining = pending[1:]
    if not remaining:
        added = now + timedelta(days=EXTENSION_DAYS)
        plan = replace(plan, review_dates=(*plan.review_dates, added))
        remaining = (added,)
        detail["added_review"] = added.isoformat()
    detail["next_review"] = remaining[0].isoformat()
    return record(case, by, "reviewed", now, reviews=reviews, plan=plan, due=remaining[0], detail=detail)


def close(case: Case, by: str, roles: Collection[str], decision: Any) -> Case:
    """HR closes the case, in any state but closed, with the decision in words."""
    if not is_hr(roles) or by == case.employee_id:
        raise Forbidden("only HR closes a case outright")
    _require_state(case, ("open", "acknowledged", "plan_agreed"), "closed")
    problems: list[Problem] = []
    text = required_text({"decision": decision}, "decision", problems)
    if problems:
        raise InvalidInput("say what was decided", problems)
    now = clock.now()
    detail = {"decision": text, "from_state": case.state}
    return record(case, by, "closed", now, state="closed", due=None, closed_at=now, decision=text, detail=detail)


# ---------------------------------------------------------------------------- deadlines


def escalate(
    case: Case,
    now: datetime,
    manager_of: Callable[[str], str | None],
    rules: EscalationRules,
    *,
    due: datetime,
) -> tuple[Case, list[str]] | None:
    """A deadline passed: the case goes one level up, with a fresh deadline.

    ``due`` is the deadline the schedule was created for: when the case has moved on since
    (acknowledged, planned, reviewed, closed or already escalated), or the deadline has not yet
    come, nothing happens and the answer is None. Otherwise the answer is the new case and the
    people to tell (the new owner, the HR lead, the previous owner).
    """
    if case.state == "closed" or case.due is None or case.due != due or now < case.due:
        return None
    previous = case.owner
    above = manager_of(previous) if previous else None
    # One level up, or past the top the HR lead; never the person the case concerns (a broken hierarchy,
    # or the HR lead's own case), and never back to its owner: with nobody left it rests with HR as a whole.
    owner = next((p for p in (above, rules.hr_lead) if p and p != case.employee_id), None)
    new_due = now + timedelta(days=rules.acknowledge_days)
    missed = {"open": "acknowledgement", "acknowledged": "plan", "plan_agreed": "review"}[case.state]
    detail = {
        "missed": missed,
        "missed_due": due.isoformat(),
        "from": previous,
        "to": owner,
        "level": case.level + 1,
        "due": new_due.isoformat(),
    }
    escalated = record(case, SYSTEM, "escalated", now, level=case.level + 1, owner=owner, due=new_due, detail=detail)
    notify = []
    for person in (owner, rules.hr_lead, previous):
        if person and person != case.employee_id and person not in notify:
            notify.append(person)
    return escalated, notify


# ---------------------------------------------------------------------------- who sees what


def visible_to(case: Case, caller_sub: str, roles: Collection[str], is_manager_of: Callable[[str, str], bool]) -> bool:
    """Whether the caller may see the case (see this module's docstring).

    ``is_manager_of(manager_id, employee_id)`` is True when the manager is above the employee,
    directly or through the chain.
    """
    if caller_sub == case.employee_id:
        return False
    if is_hr(roles) or caller_sub == case.owner:
        return True
    return is_manager_of(caller_sub, case.employee_id)
