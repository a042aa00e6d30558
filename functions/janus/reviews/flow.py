"""Reviews at work: HR's review cycles (create, launch, close, release), each person's review (read, drafts of
the self and manager parts, submit, acknowledge) and HR's calibration. Each save of a review is one transaction
(``janus.reviews.store``) that keeps its history and moves the cycle's counters; the launch and the reminders
run from the performance queue (``janus.reviews.launch``).

Who may: the employee (their self part; the manager's part once the cycle is released), their managers (the
whole chain above them: the manager's part) and HR (everything, and calibration). To anyone else a review does
not exist (404).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from janus.audit.log import AuditLog
from janus.kernel import clock
from janus.kernel.caller import Caller
from janus.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from janus.kernel.idempotency import RequestKey
from janus.kernel.messages import Message
from janus.people.employees import MAX_HIERARCHY_DEPTH, EmployeeDirectory, managers_above
from janus.people.organisation_store import OrgStore
from janus.reviews import model
from janus.reviews.messages import ReviewLaunchPage
from janus.reviews.model import Review, ReviewCycle
from janus.reviews.store import SHARDS, ReviewChanged, ReviewStore, rating_keys
from janus.store import once
from janus.store.once import Once

CYCLES_SHOWN = 50
SELECTION_PAGE = 100
REVIEWS_PAGE = 100
MAX_GOALS_SHOWN = 20


def _no_actions(org: str, employee_id: str) -> list[dict[str, Any]]:
    """The check-ins' seam: a person's open check-in actions. Until the check-ins capability is here, none."""
    return []


@dataclass(frozen=True)
class Ports:
    """What the reviews' use cases talk to. ``goals_of`` (the person's goals with progress and history),
    ``summary_of`` (their latest released 360 summary) and ``open_actions`` (their check-ins' open actions) are
    the other capabilities' read models, given by the function that wires them."""

    reviews: ReviewStore
    directory: EmployeeDirectory
    orgs: OrgStore
    send: Callable[[list[Message]], None]  # onto the performance queue
    escalate: Callable[[list[Message]], None]  # onto the escalations queue
    remind_schedule: Callable[[ReviewCycle], None]  # the cycle's next reminder slot is scheduled (or cleared)
    goals_of: Callable[[str, str], list[dict[str, Any]]] = lambda org, owner: []
    summary_of: Callable[[str, str], dict[str, Any] | None] = lambda org, employee: None
    open_actions: Callable[[str, str], list[dict[str, Any]]] = field(default=_no_actions)
    audit: AuditLog = field(default_factory=AuditLog)  # who read the review, when it is not the employee


def _new_id() -> str:
    return f"rc-{os.urandom(6).hex()}"


def _hr(caller: Caller) -> None:
    caller.require("hr_admin")


def _cycle(caller: Caller, cycle_id: str, ports: Ports) -> ReviewCycle:
    cycle = ports.reviews.get_cycle(caller.org, cycle_id)
    if cycle is None:
        raise NotFound(f"no review cycle '{cycle_id}'")
    return cycle


def _counts(org: str, cycle_id: str, ports: Ports) -> dict[str, int]:
    found, _ = ports.reviews.counts(org, cycle_id, "PROGRESS#", limit=None)
    progress = {key.removeprefix("PROGRESS#"): n for key, n in found.items()}
    return {what: progress.get(what, 0) for what in ("reviews", "self_submitted", "manager_submitted",
                                                     "acknowledged", "calibrated")}  # fmt: skip


# ---------------------------------------------------------------------------- review cycles (HR)


def create_cycle(
    caller: Caller, body: Mapping[str, Any], ports: Ports, key: RequestKey | None = None
) -> dict[str, Any]:
    """A new review cycle, a draft; a repeat of the request's idempotency key answers the cycle it made."""
    return once.attempt(
        key, lambda: _create_cycle(caller, body, ports, key), lambda made: _cycle(caller, made["id"], ports).as_dict()
    )


def _create_cycle(caller: Caller, body: Mapping[str, Any], ports: Ports, key: RequestKey | None) -> dict[str, Any]:
    from janus.rounds.new_cycle import parse_deadline  # the deadline as POST /cycles reads it

    _hr(caller)
    problems: list[Problem] = []
    name = " ".join(str(body.get("name") or "").split())
    if not name or len(name) > model.MAX_NAME:
        problems.append(Problem(f"is required: 1 to {model.MAX_NAME} characters", "name"))
    kind = body.get("kind")
    if kind not in model.KINDS:
        problems.append(Problem(f"must be one of {', '.join(model.KINDS)}", "kind"))
    settings = ports.orgs.get(caller.org)
    time_zone = settings.time_zone
    deadline = parse_deadline(body.get("deadline"), "deadline", problems, time_zone)
    scale = model.parse_scale(body.get("rating_scale"), problems, default=settings.rating_scale)
    employees: tuple[str, ...] | None = None
    if body.get("employees") is not None:
        wanted = list(dict.fromkeys(body["employees"]))
        if not 1 <= len(wanted) <= model.MAX_SELECTED:
            problems.append(Problem(f"name 1 to {model.MAX_SELECTED} employees, or leave it out for everyone",
                                    "employees"))  # fmt: skip
        else:
            found = ports.directory.get_many(caller.org, wanted)
            unknown = [e for e in wanted if e not in found or not found[e].active]
            if unknown:
                problems.append(Problem(f"no active employee {', '.join(map(repr, unknown[:10]))}", "employees"))
            employees = tuple(wanted)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the review cycle; nothing was saved", problems)
    assert deadline is not None and kind is not None
    cycle = ReviewCycle(id=_new_id(), org=caller.org, name=name, kind=kind, deadline=deadline, time_zone=time_zone,
                        rating_scale=scale, employees=employees, state="draft", created_at=clock.now(),
                        created_by=caller.sub)  # fmt: skip
    return ports.reviews.create_cycle(cycle, Once(key, {"id": cycle.id}) if key else None).as_dict()


def list_cycles(caller: Caller, ports: Ports) -> dict[str, Any]:
    _hr(caller)
    return {"review_cycles": [cycle.as_dict() for cycle in ports.reviews.cycles(caller.org, CYCLES_SHOWN)]}


def get_cycle(caller: Caller, cycle_id: str, ports: Ports) -> dict[str, Any]:
    _hr(caller)
    cycle = _cycle(caller, cycle_id, ports)
    return {**cycle.as_dict(), "progress": _counts(caller.org, cycle_id, ports)}


def cycle_event(caller: Caller, cycle_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """launch, close or release; 409 when the cycle's state does not allow it. A launch queues its pages (a
    shard of everyone each, or a hundred of a selection) and schedules the first reminder."""
    _hr(caller)
    event = body.get("type")
    if event not in model.EVENTS:
        raise InvalidInput("unknown event", [Problem(f"must be one of {', '.join(model.EVENTS)}", "type")])
    cycle = _cycle(caller, cycle_id, ports)
    to = model.next_state(cycle, event)
    after = replace(cycle, state=to, launched_at=clock.now() if event == "launch" else cycle.launched_at)
    try:
        saved = ports.reviews.transition(cycle, after)
    except ReviewChanged as error:
        raise Conflict("the review cycle changed meanwhile; read it again") from error
    if event == "launch":
        if saved.employees is None:
            pages = [ReviewLaunchPage(org=saved.org, cycle_id=saved.id, shard=shard) for shard in range(SHARDS)]
        else:
            ids = saved.employees
            pages = [
                ReviewLaunchPage(org=saved.org, cycle_id=saved.id, ids=ids[n : n + SELECTION_PAGE])
                for n in range(0, len(ids), SELECTION_PAGE)
            ]
        ports.send(list(pages))
    if event in ("launch", "close"):
        ports.remind_schedule(saved)  # the first reminder slot; or none once closed
    return {**saved.as_dict(), "progress": _counts(caller.org, cycle_id, ports)}


def cycle_reviews(caller: Caller, cycle_id: str, after: str | None, ports: Ports) -> dict[str, Any]:
    """A page of a cycle's reviews for HR (shard by shard, by employee): ``next`` continues."""
    _hr(caller)
    cycle = _cycle(caller, cycle_id, ports)
    shard, at = 0, None
    if after:
        head, _, tail = after.partition(":")
        if not head.isdigit() or int(head) >= SHARDS:
            raise InvalidInput("not a page token", [Problem("is not a token this list gave", "after")])
        shard, at = int(head), tail or None
    found: list[Review] = []
    token = None
    while shard < SHARDS and len(found) < REVIEWS_PAGE:
        page, more = ports.reviews.of_cycle(caller.org, cycle.id, shard, at, REVIEWS_PAGE - len(found))
        found += page
        if more and page:
            token = f"{shard}:{page[-1].employee_id}"
            break
        shard, at = shard + 1, None
        token = f"{shard}:" if shard < SHARDS else None
    if len(found) >= REVIEWS_PAGE and token is None and shard < SHARDS:
        token = f"{shard}:"
    return {"reviews": [_line(review) for review in found], "next": token}


def _line(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "employee_id": review.employee_id,
        "employee_name": review.employee_name,
        "manager_id": review.manager_id,
        "department": review.department,
        "self_status": review.self_status,
        "manager_status": review.manager_status,
        "overall_rating": review.overall_rating,
        "manager_rating": review.manager_part.get("overall_rating") if review.manager_status == "submitted" else None,
        "calibrated_rating": review.calibrated_rating,
        "acknowledged": review.acknowledged is not None,
        "version": review.version,
    }


# ---------------------------------------------------------------------------- who may


@dataclass(frozen=True)
class Seat:
    """The caller's place at one review: its employee, one of their managers, or HR (several may hold)."""

    employee: bool
    manager: bool
    hr: bool


def _seat(caller: Caller, review: Review, ports: Ports) -> Seat | None:
    employee = caller.sub == review.employee_id
    hr = "hr_admin" in caller.roles and not employee
    manager = False
    if not employee and "manager" in caller.roles:
        manager = review.manager_id == caller.sub or caller.sub in managers_above(
            caller.org, review.employee_id, ports.directory, MAX_HIERARCHY_DEPTH
        )
    if not (employee or manager or hr):
        return None
    return Seat(employee, manager, hr)


def _review(caller: Caller, review_id: str, ports: Ports) -> tuple[Review, Seat]:
    review = ports.reviews.get(caller.org, review_id)
    seat = _seat(caller, review, ports) if review is not None else None
    if review is None or seat is None:
        raise NotFound(f"no review '{review_id}' that you may see")
    return review, seat


def _shown(review: Review, seat: Seat, cycle: ReviewCycle | None) -> dict[str, Any]:
    released = cycle is not None and cycle.state == "released"
    return review.as_dict(manager_part_shown=not seat.employee or released)


def list_reviews(caller: Caller, employee_id: str | None, manager_id: str | None, ports: Ports) -> dict[str, Any]:
    """A person's reviews (the caller's own by default), or those a manager writes (``manager_id``, the caller or,
    for HR, anyone)."""
    if manager_id:
        if manager_id != caller.sub:
            _hr(caller)
        found = ports.reviews.of_manager(caller.org, manager_id)
        return {"reviews": [_line(review) for review in found if review.employee_id != caller.sub]}
    person = employee_id or caller.sub
    found = ports.reviews.of_employee(caller.org, person)
    if not found:
        return {"reviews": []}
    seat = _seat(caller, found[0], ports)
    if seat is None:
        raise NotFound(f"no reviews of '{person}' that you may see")
    cycles = {review.cycle_id: ports.reviews.get_cycle(caller.org, review.cycle_id) for review in found[:10]}
    lines = []
    for review in found:
        cycle = cycles.get(review.cycle_id)
        line = _line(review) if not seat.employee or (cycle and cycle.state == "released") else {
            **_line(review), "overall_rating": None, "manager_rating": None, "calibrated_rating": None}  # fmt: skip
        lines.append(
            {**line, "cycle_name": cycle.name if cycle else None, "cycle_state": cycle.state if cycle else None}
        )
    return {"reviews": lines}


def get_review(caller: Caller, review_id: str, lang: str, ports: Ports) -> dict[str, Any]:
    """One page for the period: the review's parts and everything it is written against."""
    from janus.reviews.gather import competencies_of, model_evaluations_of

    review, seat = _review(caller, review_id, ports)
    ports.audit.record(caller.org, review.employee_id, caller, "review", review_id)  # before anything is answered
    cycle = ports.reviews.get_cycle(caller.org, review.cycle_id)
    released = cycle is not None and cycle.state == "released"
    history = ports.reviews.history(caller.org, review_id) if (not seat.employee or released) else []
    if seat.employee:
        history = [entry for entry in history if entry.get("kind") != "calibrated" or released]
    goals = ports.goals_of(caller.org, review.employee_id)[:MAX_GOALS_SHOWN]
    is_open = cycle is not None and cycle.state == "open"
    return {
        **_shown(review, seat, cycle),
        "cycle": {
            "id": review.cycle_id,
            "name": cycle.name if cycle else None,
            "state": cycle.state if cycle else None,
        },
        "goals": goals,
        "competency_details": competencies_of(review.competencies, lang),
        "model_evaluations": model_evaluations_of(review.job_class, lang),
        "report_summary": ports.summary_of(caller.org, review.employee_id),
        "check_in_actions": ports.open_actions(caller.org, review.employee_id),
        "history": history,
        "you": {
            "employee": seat.employee,
            "manager": seat.manager,
            "hr": seat.hr,
            "may_write_self": seat.employee and is_open and review.self_status != "submitted",
            "may_write_manager": (seat.manager or seat.hr) and is_open and review.manager_status != "submitted",
            "may_acknowledge": seat.employee and released and review.acknowledged is None,
            "may_calibrate": seat.hr
            and cycle is not None
            and cycle.state in ("open", "closed")
            and review.manager_status == "submitted",
        },
    }


# ---------------------------------------------------------------------------- parts


def _writable(caller: Caller, review_id: str, manager: bool, ports: Ports) -> tuple[Review, ReviewCycle]:
    review, seat = _review(caller, review_id, ports)
    if manager and not (seat.manager or seat.hr):
        raise Forbidden("only the employee's managers and HR write the manager's part")
    if not manager and not seat.employee:
        raise Forbidden("only the employee writes their self part")
    cycle = ports.reviews.get_cycle(caller.org, review.cycle_id)
    if cycle is None or cycle.state != "open":
        raise Conflict(f"the review cycle is {cycle.state if cycle else 'gone'}: parts are written while it is open")
    part = review.manager_part if manager else review.self_part
    if part.get("status") == "submitted":
        raise Conflict("this part is submitted; it no longer changes")
    return review, cycle


def _version(body: Mapping[str, Any], review: Review) -> None:
    expected = body.get("version")
    if expected is not None and expected != review.version:
        raise Conflict(f"the review is at version {review.version}, not {expected}: read it again")


def save_part(caller: Caller, review_id: str, manager: bool, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """A draft of a part (autosave): what it holds replaces the draft; ``version``, if given, must be the
    review's (409 otherwise)."""
    review, _ = _writable(caller, review_id, manager, ports)
    _version(body, review)
    content = model.part_from({k: v for k, v in body.items() if k != "version"}, review, manager)
    part = {**content, "status": "draft", "saved_at": clock.now().isoformat(), "saved_by": caller.sub}
    try:
        saved = ports.reviews.save(review, model.with_part(review, manager, part))
    except ReviewChanged as error:
        raise Conflict("the review was saved meanwhile; read it again") from error
    return saved.as_dict(manager_part_shown=manager)


def submit_part(caller: Caller, review_id: str, manager: bool, ports: Ports) -> dict[str, Any]:
    """Submit a part as its draft holds it; a manager's part marked unacceptable, or rated at the bottom of the
    scale, opens the escalation case for this review."""
    review, _ = _writable(caller, review_id, manager, ports)
    current = dict(review.manager_part if manager else review.self_part)
    problems = model.ready_to_submit(current, manager)
    if problems:
        raise InvalidInput("the part is not ready to submit", problems)
    now = clock.now().isoformat()
    part = {**current, "status": "submitted", "submitted_at": now, "submitted_by": caller.sub}
    after = model.with_part(review, manager, part)
    counts: dict[str, int] = {"PROGRESS#manager_submitted" if manager else "PROGRESS#self_submitted": 1}
    entry: dict[str, Any] = {"at": now, "by": caller.sub, "kind": "manager_submitted" if manager else "self_submitted"}
    if manager:
        rating = int(part["overall_rating"])
        entry |= {"overall_rating": rating, "unacceptable": bool(part.get("unacceptable"))}
        if after.calibrated_rating is None:
            counts |= {key: 1 for key in rating_keys(after, rating)}
    try:
        saved = ports.reviews.save(review, after, entry, counts)
    except ReviewChanged as error:
        raise Conflict("the review was saved meanwhile; read it again") from error
    if manager:
        _escalate(saved, caller.sub, ports)
    return saved.as_dict(manager_part_shown=manager)


def _escalate(review: Review, by: str, ports: Ports) -> None:
    from janus.escalations.messages import ReviewConcern

    reasons = model.concerning(review)
    if reasons:
        ports.escalate([ReviewConcern(org=review.org, employee_id=review.employee_id, manager_id=review.manager_id,
                                      review_id=review.id, cycle_id=review.cycle_id, reasons=tuple(reasons),
                                      rating=review.overall_rating, by=by)])  # fmt: skip


def acknowledge(caller: Caller, review_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """The employee acknowledges the released review, once, with an optional comment."""
    review, seat = _review(caller, review_id, ports)
    if not seat.employee:
        raise Forbidden("only the employee acknowledges their review")
    cycle = ports.reviews.get_cycle(caller.org, review.cycle_id)
    if cycle is None or cycle.state != "released":
        raise Conflict("the review is acknowledged once it is released")
    if review.acknowledged is not None:
        raise Conflict("the review is acknowledged already")
    comment = " ".join(str(body.get("comment") or "").split()) or None
    if comment and len(comment) > model.MAX_COMMENT:
        raise InvalidInput("the comment is too long", [Problem(f"at most {model.MAX_COMMENT} characters", "comment")])
    now = clock.now().isoformat()
    after = replace(review, acknowledged={"at": now, "comment": comment})
    entry = {"at": now, "by": caller.sub, "kind": "acknowledged", **({"comment": comment} if comment else {})}
    try:
        saved = ports.reviews.save(review, after, entry, {"PROGRESS#acknowledged": 1})
    except ReviewChanged as error:
        raise Conflict("the review was saved meanwhile; read it again") from error
    return saved.as_dict(manager_part_shown=True)


# ---------------------------------------------------------------------------- calibration (HR)


def calibrate(caller: Caller, review_id: str, body: Mapping[str, Any], ports: Ports) -> dict[str, Any]:
    """HR sets the overall rating that counts, with a reason, before release; the counters move with it and the
    change is kept in the review's history."""
    _hr(caller)
    review, _ = _review(caller, review_id, ports)
    if review.employee_id == caller.sub:
        raise Forbidden("nobody calibrates their own review")
    problems: list[Problem] = []
    reason = " ".join(str(body.get("reason") or "").split())
    if not reason:
        problems.append(Problem("is required: say why the rating changes", "reason"))
    elif len(reason) > model.MAX_REASON:
        problems.append(Problem(f"at most {model.MAX_REASON} characters", "reason"))
    rating = body.get("overall_rating")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= len(review.rating_scale):
        problems.append(Problem(f"must be a whole number from 1 to {len(review.rating_scale)}", "overall_rating"))
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) with the calibration; nothing was saved", problems)
    cycle = ports.reviews.get_cycle(caller.org, review.cycle_id)
    if cycle is None or cycle.state not in ("open", "closed"):
        raise Conflict("ratings are calibrated before the review cycle is released")
    if review.manager_status != "submitted":
        raise Conflict("the manager's part is not submitted yet: there is no rating to calibrate")
    _version(body, review)
    before = review.overall_rating
    assert before is not None
    after = replace(review, calibrated_rating=int(rating))
    counts: dict[str, int] = {"PROGRESS#calibrated": 1}
    if before != rating:
        for key in rating_keys(review, before):
            counts[key] = counts.get(key, 0) - 1
        for key in rating_keys(review, int(rating)):
            counts[key] = counts.get(key, 0) + 1
    now = clock.now().isoformat()
    entry = {"at": now, "by": caller.sub, "kind": "calibrated", "from": before, "to": rating, "reason": reason}
    try:
        saved = ports.reviews.save(review, after, entry, counts)
    except ReviewChanged as error:
        raise Conflict("the review was saved meanwhile; read it again") from error
    _escalate(saved, caller.sub, ports)
    return saved.as_dict(manager_part_shown=True)


def _distribution(counts: Mapping[str, int], prefix: str, scale: int) -> dict[str, dict[str, int]]:
    groups: dict[str, dict[str, int]] = {}
    for key, n in counts.items():
        name, _, rating = key.removeprefix(prefix).rpartition("#")
        if rating.isdigit() and 1 <= int(rating) <= scale:
            groups.setdefault(name, {str(r): 0 for r in range(1, scale + 1)})[rating] += n
    return groups


def calibration(caller: Caller, cycle_id: str, after: str | None, ports: Ports) -> dict[str, Any]:
    """The distribution of overall ratings in the cycle, by department and by manager (a page of managers; ``next``
    continues), read from the counters the submits and calibrations keep."""
    _hr(caller)
    cycle = _cycle(caller, cycle_id, ports)
    scale = len(cycle.rating_scale)
    overall, _ = ports.reviews.counts(caller.org, cycle_id, "ALL#", limit=None)
    departments: dict[str, int] = {}
    token: str | None = None
    while True:  # departments are few: every page of them
        found, token = ports.reviews.counts(caller.org, cycle_id, "DEPT#", token, limit=None)
        for key, n in found.items():  # a department's shards may straddle two pages
            departments[key] = departments.get(key, 0) + n
        if token is None:
            break
    managers, next_token = ports.reviews.counts(caller.org, cycle_id, "MGR#", after)
    by_manager = _distribution(managers, "MGR#", scale)
    if next_token and len(by_manager) > 1:  # a manager cut by the page comes whole on the next
        last = max(by_manager)
        del by_manager[last]
        next_token = f"MGR#{last}#"
    names = {p.id: p.name for p in ports.directory.get_many(caller.org, [m for m in by_manager if m != "-"]).values()}
    total = _distribution({f"x#{k.removeprefix('ALL#')}": n for k, n in overall.items()}, "", scale).get("x") or {
        str(r): 0 for r in range(1, scale + 1)}  # fmt: skip
    return {
        "cycle": cycle.as_dict(),
        "rating_scale": list(cycle.rating_scale),
        "overall": total,
        "by_department": [
            {"department": name, "counts": counts, "total": sum(counts.values())}
            for name, counts in sorted(_distribution(departments, "DEPT#", scale).items())
        ],
        "by_manager": [
            {"manager_id": name, "name": names.get(name), "counts": counts, "total": sum(counts.values())}
            for name, counts in by_manager.items()
        ],
        "next": next_token,
        "progress": _counts(caller.org, cycle_id, ports),
    }
