"""pynamodb models of the single table.

Keys (every key starts with the organisation, so tenants never meet):

    employee       PK ORG#<org>#EMP#<id>   SK EMPLOYEE
                   GSI1 ORG#<org>#MGR#<manager id>  / <name key>#<id>   direct reports, peers, by name
                   GSI2 ORG#<org>#EMPS#<shard>      / EMP#<id>          everyone, in 16 shards
                   GSI3 ORG#<org>#DEPT#<department> / <name key>#<id>   the people list by department
                   GSI4 ORG#<org>#JOB#<job class>   / <name key>#<id>   ... by job class
                   GSI5 ORG#<org>#NAME#<first two>  / <name key>#<id>   ... by name (janus.people.names)
    name prefixes  PK ORG#<org>            SK NAME_PREFIXES   the GSI5 partitions in use, for the list
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

EMPLOYEE_SHARDS = 16
FANOUT_SHARDS = 16  # the most shards a cycle spreads its subjects and raters over; each cycle keeps its own count
PROGRESS_SHARDS = 16


class _Index(GlobalSecondaryIndex):
    class Meta:
        projection = AllProjection()


class ByManager(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI1"

    GSI1PK = UnicodeAttribute(hash_key=True)
    GSI1SK = UnicodeAttribute(range_key=True)


class ByOrgShard(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI2"

    GSI2PK = UnicodeAttribute(hash_key=True)
    GSI2SK = UnicodeAttribute(range_key=True)


class ByDepartment(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI3"

    GSI3PK = UnicodeAttribute(hash_key=True)
    GSI3SK = UnicodeAttribute(range_key=True)


class ByJobClass(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI4"

    GSI4PK = UnicodeAttribute(hash_key=True)
    GSI4SK = UnicodeAttribute(range_key=True)


class ByName(_Index):
    class Meta(_Index.Meta):
        index_name = "GSI5"

    GSI5PK = UnicodeAttribute(hash_key=True)
    GSI5SK = UnicodeAttribute(range_key=True)


class _Item(Model):
    """Every entity lives in the one table, keyed PK and SK."""

    class Meta:
        table_name = "unbound"  # set by janus.store.bind

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)


class EmployeeItem(_Item):
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute()
    GSI2SK = UnicodeAttribute()
    # The people list's keys; absent on an item written before they existed (keys_version None).
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = UnicodeAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = UnicodeAttribute(null=True)
    GSI5PK = UnicodeAttribute(null=True)
    GSI5SK = UnicodeAttribute(null=True)
    keys_version = NumberAttribute(null=True)

    org = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    manager_id = UnicodeAttribute(null=True)
    department = UnicodeAttribute()
    job_class = UnicodeAttribute()
    role = UnicodeAttribute(null=True)
    locale = UnicodeAttribute()
    time_zone = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    updated_at = UTCDateTimeAttribute()
    as_of = UTCDateTimeAttribute(null=True)

    by_manager = ByManager()
    by_org_shard = ByOrgShard()
    by_department = ByDepartment()
    by_job_class = ByJobClass()
    by_name = ByName()


class NamePrefixesItem(_Item):
    """PK ORG#<org>, SK NAME_PREFIXES: the GSI5 partitions (first two letters of a name key) that hold
    someone, so that the list by name reads only those. Only ever grows (an emptied one costs a Query)."""

    prefixes = UnicodeSetAttribute(null=True)


class CycleItem(_Item):
    """PK ORG#<org>#CYCLE#<id>, SK CYCLE; GSI1 ORG#<org>#CYCLES / <created_at>#<id> lists an organisation's cycles."""

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    org = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    name = UnicodeAttribute()
    kind = UnicodeAttribute()
    state = UnicodeAttribute()
    deadline = UTCDateTimeAttribute()
    config = JSONAttribute()  # competencies, thresholds, rater bounds, reminder policy
    subject_count = NumberAttribute(default=0)
    nominations_pending = NumberAttribute(default=0)
    short_subjects = NumberAttribute(default=0)
    launch_pending = NumberAttribute(default=0)
    report_pending = NumberAttribute(default=0)
    release_pending = NumberAttribute(default=0)  # release jobs' shards still to finish (the last tells the managers)
    fanout_shards = NumberAttribute(null=True)  # of its subjects and raters (janus.rounds.cycle.fanout_shards)
    released_at = UTCDateTimeAttribute(null=True)
    time_zones = ListAttribute(of=UnicodeAttribute, null=True)  # the subjects' time zones, for reminder slots
    time_zone = UnicodeAttribute(null=True)  # the organisation's at creation, in which the deadline is told
    done_jobs = UnicodeSetAttribute(null=True)  # fan-out jobs already counted (makes the counting idempotent)
    handed_on = UnicodeSetAttribute(null=True)  # fan-out stages whose last job handed on (launch, release)
    moved_by = UnicodeAttribute(null=True)  # the mark of the last transition: its write's retry finds it its own
    created_at = UTCDateTimeAttribute()
    launched_at = UTCDateTimeAttribute(null=True)
    closed_at = UTCDateTimeAttribute(null=True)

    by_org = ByManager()


class SubjectItem(_Item):
    """PK ORG#<org>#CYCLE#<id>#SUBJ#<employee>, SK SUBJECT; its assignments share the partition.

    GSI1 ORG#<org>#CYCLE#<id>#SHORT (sparse): subjects short of raters.
    GSI2 ORG#<org>#CYCLE#<id>#SUBJECTS#<shard>: every subject, for the launch fan-out.
    """

    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute()
    GSI2SK = UnicodeAttribute()
    org = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    name = UnicodeAttribute()
    manager_id = UnicodeAttribute(null=True)
    competencies = ListAttribute(of=UnicodeAttribute)
    raters = JSONAttribute(default=list)  # [{"id", "relationship", "source"}]
    proposals = JSONAttribute(default=list)  # [{"id", "status"}]
    shortfalls = JSONAttribute(default=list)
    derived_at = UTCDateTimeAttribute(null=True)
    department = UnicodeAttribute(null=True)  # as at the cycle's creation, for its reports and analytics
    locale = UnicodeAttribute(null=True)
    fanout_shards = NumberAttribute(null=True)  # the cycle's, so that a subject saved again keeps its shard
    # Set once the report is built (JSON and HTML in S3 under reports/<org>/<cycle>/<employee>): the
    # digest of the content whose ReportReady went out.
    report_digest = UnicodeAttribute(null=True)

    by_short = ByManager()
    by_shard = ByOrgShard()


class RaterItem(_Item):
    """PK ORG#<org>#CYCLE#<id>#RATER#<employee>, SK RATER: load and invitation state of one rater.

    GSI2 ORG#<org>#CYCLE#<id>#RATERS#<shard>: every rater, for the invitation fan-out.
    """

    GSI2PK = UnicodeAttribute()
    GSI2SK = UnicodeAttribute()
    org = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    load = NumberAttribute(default=0)
    invited_at = UTCDateTimeAttribute(null=True)
    inviting_until = UTCDateTimeAttribute(null=True)  # a delivery is sending the invitation until then
    time_zone = UnicodeAttribute(null=True)
    reminder_count = NumberAttribute(default=0)
    last_reminded_on = UnicodeAttribute(null=True)  # the rater's local date of the last reminder
    reminding_until = UTCDateTimeAttribute(null=True)  # a delivery is sending today's reminder until then
    reminded_slots = UnicodeSetAttribute(null=True)  # the reminder slots whose reminder the rater was sent
    undeliverable_at = UTCDateTimeAttribute(null=True)
    undeliverable_reason = UnicodeAttribute(null=True)
    subjects = UnicodeSetAttribute(null=True)  # the subjects they were ever asked about: an erasure's keys

    by_shard = ByOrgShard()


class AssignmentItem(_Item):
    """PK ORG#<org>#CYCLE#<id>#SUBJ#<subject>, SK RATER#<rater>: one rater asked about one subject,
    with the answers. GSI1 ORG#<org>#CYCLE#<id>#ASKED#<shard of the rater> / <rater>#SUBJ#<subject>:
    the open assignments of a shard's raters, a rater's next to each other (sparse: an assignment
    submitted, declined or removed leaves it). GSI2 (sparse, set by the submit)
    ORG#<org>#CYCLE#<id>#RESPONSES#<shard of the subject> / <subject>#<rater>: the submitted
    responses in the subjects' order, read a page at a time for the reports."""

    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    org = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    subject_id = UnicodeAttribute()
    rater_id = UnicodeAttribute()
    relationship = UnicodeAttribute()
    status = UnicodeAttribute()
    competencies = ListAttribute(of=UnicodeAttribute)
    ratings = MapAttribute(default=dict)  # question id -> 1..5 or "na"; a map, so a draft sets only what it sends
    comments = MapAttribute(default=dict)  # competency id -> text
    overall = UnicodeAttribute(null=True)
    decline_reason = UnicodeAttribute(null=True)
    submitted_at = UTCDateTimeAttribute(null=True)
    updated_at = UTCDateTimeAttribute(null=True)
    reminder_count = NumberAttribute(default=0)
    last_reminded_at = UTCDateTimeAttribute(null=True)
    link_nonce = UnicodeAttribute(null=True)  # the links made for this assignment name it (janus.rounds.links)
    subject_name = UnicodeAttribute(null=True)  # as at launch, for the rater's e-mails
    department = UnicodeAttribute(null=True)  # the subject's, as at the cycle's creation: its links name it
    responses_key = UnicodeAttribute(null=True)  # its GSI2PK once submitted: the subject's shard's responses
    expires_at = NumberAttribute(null=True)  # the cycle closed: kept for the organisation's retention (TTL)

    by_rater = ByManager()
    responses = ByOrgShard()


class ProgressItem(_Item):
    """PK ORG#<org>#CYCLE#<id>#PROGRESS#<shard>, SK PROGRESS: one of the cycle's sharded counters,
    so that thousands of submits a minute never run one partition hot.

    SK DEPT#<department key> in the same partition: the shard's counters of one department's subjects
    (assignments, in progress, submitted, declined), moved by the same writes as the shard's own; the
    launch's count names the department. ``counted``: the launch jobs whose count the item holds, so
    that a job delivered again counts once."""

    assignments = NumberAttribute(default=0)
    invited = NumberAttribute(default=0)
    in_progress = NumberAttribute(default=0)
    submitted = NumberAttribute(default=0)
    declined = NumberAttribute(default=0)
    undeliverable = NumberAttribute(default=0)
    department = UnicodeAttribute(null=True)  # on a department's item: its name, as at the cycle's creation
    counted = UnicodeSetAttribute(null=True)


class SettingsItem(_Item):
    """PK ORG#<org>, SK SETTINGS: the organisation's time zone, HR lead and escalation rules."""

    org = UnicodeAttribute()
    settings = JSONAttribute()


class EscalationItem(_Item):
    """PK ORG#<org>#ESC#<case id>, SK CASE: one escalation case, stored whole as JSON.

    GSI1 ORG#<org>#ESC#EMP#<employee> / <opened_at>#<case id>: an employee's cases.
    GSI2 ORG#<org>#ESCALATIONS / <opened_at>#<case id>: the organisation's cases, newest first.
    ``version`` is the optimistic lock every save checks; ``state`` and ``department`` (the employee's when the
    case opened; absent on cases opened before cases kept it) are what HR's listing filters on.
    """

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    GSI2PK = UnicodeAttribute()
    GSI2SK = UnicodeAttribute()
    org = UnicodeAttribute()
    case_id = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    state = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)
    case = JSONAttribute()
    expires_at = NumberAttribute(null=True)  # the case closed: kept for the organisation's retention (TTL)

    by_employee = ByManager()
    by_org = ByOrgShard()


class GoalItem(_Item):
    """PK ORG#<org>#GOAL#<id>, SK GOAL: one goal, its words and key results as JSON beside its keys.

    GSI1 ORG#<org>#GOALS#<OPEN|CLOSED>#<shard of the owner> / <owner>#<created_at>#<id>: an owner's goals
    next to each other, open and closed apart, so that the quarterly nudge pages through the open ones.
    GSI2 ORG#<org>#GOAL#<parent>#CHILDREN / <created_at>#<id> (sparse): a goal's children.
    ``version`` is the optimistic lock of its saves; ``seq`` moves with every change to its progress
    and ``pushed`` is the seq its parent holds; ``children`` is each child's progress as it last pushed it,
    ``private_children`` the owner of each private one (which counts only in a private parent of its owner).
    Its history is under the same PK (GoalHistoryItem).
    """

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    org = UnicodeAttribute()
    goal_id = UnicodeAttribute()
    owner = UnicodeAttribute()
    status = UnicodeAttribute()
    visibility = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)
    seq = NumberAttribute(default=0)
    pushed = NumberAttribute(default=0)
    band = NumberAttribute(null=True)  # the progress band HR's counters count it in (janus.goals.tally)
    goal = JSONAttribute()
    children = MapAttribute(default=dict)  # child id -> its progress (0..1); a dropped or moved child has none
    private_children = MapAttribute(null=True)  # private child id -> its owner (a private child counts apart)

    by_owner = ByManager()
    by_parent = ByOrgShard()


class GoalHistoryItem(_Item):
    """PK ORG#<org>#GOAL#<id>, SK HIST#<version>: one change of a goal (who, when, what, why), never changed."""

    org = UnicodeAttribute()
    goal_id = UnicodeAttribute()
    entry = JSONAttribute()


class GoalNudgeItem(_Item):
    """PK ORG#<org>#GOALS#EMP#<owner>, SK NUDGE: the quarter whose nudge the owner was last sent, so that a
    nudge delivered twice is sent once."""

    org = UnicodeAttribute()
    owner = UnicodeAttribute()
    quarter = UnicodeAttribute()
    nudged_at = UTCDateTimeAttribute()


class GoalTallyItem(_Item):
    """PK ORG#<org>#GOALS#EMP#<owner>, SK TALLY: how many open goals HR's counters count for the owner, the
    department they count them in, and the last quarter they were counted as having looked at their goals;
    ``version`` guards it (a save that read it writes it only if nobody did since)."""

    org = UnicodeAttribute()
    owner = UnicodeAttribute()
    open = NumberAttribute(default=0)
    department = UnicodeAttribute(null=True)
    looked = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)


class GoalStatsItem(_Item):
    """PK ORG#<org>#GOALSTATS#<shard>, SK NOW#<department> (open goals now: people with open goals, goals, goals
    aligned to a parent, goals in each progress band) or <quarter>#<department> (people who looked at their
    goals that quarter): one shard of a department's goal counters, kept by the goals' own saves."""

    org = UnicodeAttribute()
    department = UnicodeAttribute()
    people = NumberAttribute(default=0)
    goals = NumberAttribute(default=0)
    aligned = NumberAttribute(default=0)
    band0 = NumberAttribute(default=0)
    band1 = NumberAttribute(default=0)
    band2 = NumberAttribute(default=0)
    band3 = NumberAttribute(default=0)
    band4 = NumberAttribute(default=0)
    looked = NumberAttribute(default=0)


class AuditReadItem(_Item):
    """PK ORG#<org>#AUDIT#<person>, SK READ#<at>#<id>: one read of a person's record by someone else, written
    once (a conditional put) and never changed; GSI1 ORG#<org>#AUDIT#BY#<reader> / <at>#<id>: the reads of a
    reader, newest first."""

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    org = UnicodeAttribute()
    person = UnicodeAttribute()
    reader = UnicodeAttribute()
    record = UnicodeAttribute()  # report, case, review, development_plan
    ref = UnicodeAttribute()  # the record's id: the cycle of a report, the case, the review
    at = UTCDateTimeAttribute()

    by_reader = ByManager()


class CheckInItem(_Item):
    """PK ORG#<org>#CHECKIN#<id>, SK CHECKIN: one check-in of a pair (employee and manager), its agenda, shared
    notes and the ids of the action items it lists, as JSON. GSI1 ORG#<org>#CHECKINS#EMP#<employee> /
    <date>#<id>: an employee's check-ins. GSI2 ORG#<org>#CHECKINS#MGR#<manager> / <date>#<id>: the check-ins a
    manager held, which an erasure of the manager reaches (absent on check-ins made before it was kept). Its
    authors' private notes are under the same PK (CheckInNoteItem), each read only by its key, the author's."""

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    org = UnicodeAttribute()
    check_in_id = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    manager_id = UnicodeAttribute()
    state = UnicodeAttribute()
    version = NumberAttribute(default=0)
    check_in = JSONAttribute()
    expires_at = NumberAttribute(null=True)  # its date or last change, plus the organisation's retention (TTL)

    by_employee = ByManager()
    by_manager = ByOrgShard()


class CheckInNoteItem(_Item):
    """PK ORG#<org>#CHECKIN#<id>, SK NOTE#<author>: one author's private notes of a check-in, for them alone."""

    org = UnicodeAttribute()
    check_in_id = UnicodeAttribute()
    author = UnicodeAttribute()
    text = UnicodeAttribute()
    updated_at = UTCDateTimeAttribute()
    expires_at = NumberAttribute(null=True)  # as its check-in's when written (TTL)


class CheckInPairItem(_Item):
    """PK ORG#<org>#CHECKINS#PAIR#<employee>, SK PAIR: an employee and their manager as a pair of check-ins:
    the cadence, the next slot (``slot`` numbers it; its one-time schedule carries the number), counts of
    slots held and missed, the open action items, and the slot whose missed nudge is still owed to whom.
    Its action items are under the same PK (CheckInActionItem)."""

    org = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    manager_id = UnicodeAttribute()
    department = UnicodeAttribute()
    cadence = UnicodeAttribute(null=True)
    next_due = UTCDateTimeAttribute(null=True)
    slot = NumberAttribute(default=0)
    held = NumberAttribute(default=0)
    missed = NumberAttribute(default=0)
    count = NumberAttribute(default=0)
    last_check_in = UnicodeAttribute(null=True)
    last_held_at = UTCDateTimeAttribute(null=True)
    open_actions = UnicodeSetAttribute(null=True)
    owed = UnicodeSetAttribute(null=True)
    owed_slot = NumberAttribute(null=True)
    claims = UnicodeSetAttribute(null=True)  # <slot>#<person>#<mark> of the owed nudges' claims (checkins.store)


class CheckInActionItem(_Item):
    """PK ORG#<org>#CHECKINS#PAIR#<employee>, SK ACTION#<id>: one action item of a pair, listed by the check-in
    that raised it and by every later one of the pair until it is done."""

    org = UnicodeAttribute()
    action = JSONAttribute()
    done = BooleanAttribute(default=False)
    expires_at = NumberAttribute(null=True)  # once done, plus the organisation's retention (TTL)


class CheckInStatsItem(_Item):
    """PK ORG#<org>#CHECKINS#STATS, SK DEPT#<department>: one department's check-in counters, kept by the writes
    themselves: pairs, topics each side brought, slots held and missed."""

    org = UnicodeAttribute()
    department = UnicodeAttribute()
    pairs = NumberAttribute(default=0)
    topics_employee = NumberAttribute(default=0)
    topics_manager = NumberAttribute(default=0)
    held = NumberAttribute(default=0)
    missed = NumberAttribute(default=0)


class ReviewCycleItem(_Item):
    """PK ORG#<org>#RCYCLE#<id>, SK RCYCLE: one review cycle (an update discussion or an appraisal) as JSON.

    GSI1 ORG#<org>#RCYCLES / <created_at>#<id>: the organisation's review cycles, newest first.
    ``version`` is the optimistic lock of its transitions; ``state`` is what they check.
    """

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    org = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    state = UnicodeAttribute()
    version = NumberAttribute(default=0)
    moved_by = UnicodeAttribute(null=True)  # the mark of the last transition: its write's retry finds it its own
    cycle = JSONAttribute()

    by_org = ByManager()


class ReviewItem(_Item):
    """PK ORG#<org>#REVIEW#<id>, SK REVIEW: one person's review in one review cycle, its parts as JSON.

    GSI1 ORG#<org>#REVIEWS#EMP#<employee> / <created_at>#<id>: a person's reviews.
    GSI2 ORG#<org>#RCYCLE#<cycle>#OWE#SELF#<shard of the employee> / <employee>#<id> (sparse): self parts owed.
    GSI3 ORG#<org>#RCYCLE#<cycle>#OWE#MGR#<shard of the manager> / <manager>#<id> (sparse): manager parts owed,
    a manager's next to each other, so that a reminder bundles them.
    GSI4 ORG#<org>#REVIEWS#MGR#<manager> / <created_at>#<id>: the reviews a manager writes.
    GSI5 ORG#<org>#RCYCLE#<cycle>#ALL#<shard of the employee> / <employee>: a cycle's reviews, for HR's pages.
    ``version`` is the optimistic lock of every save; ``mailed`` the launch e-mail's claim.
    Its history is under the same PK (ReviewHistoryItem).
    """

    GSI1PK = UnicodeAttribute()
    GSI1SK = UnicodeAttribute()
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = UnicodeAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = UnicodeAttribute(null=True)
    GSI5PK = UnicodeAttribute()
    GSI5SK = UnicodeAttribute()
    org = UnicodeAttribute()
    review_id = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    manager_id = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)
    mailed = UnicodeAttribute(null=True)
    review = JSONAttribute()

    by_employee = ByManager()
    owing_self = ByOrgShard()
    owing_manager = ByDepartment()
    by_manager = ByJobClass()
    by_cycle = ByName()


class ReviewHistoryItem(_Item):
    """PK ORG#<org>#REVIEW#<id>, SK HIST#<version>: one step of a review (submitted, calibrated, acknowledged),
    never changed."""

    org = UnicodeAttribute()
    review_id = UnicodeAttribute()
    entry = JSONAttribute()


class ReviewCountItem(_Item):
    """PK ORG#<org>#RCYCLE#<id>#COUNTS, SK <ALL|MGR#<manager>|DEPT#<department>>#<rating> or PROGRESS#<what>:
    a review cycle's counters, moved by the writes that change them (a submit, a calibration), so that the
    calibration view reads counters, never the reviews."""

    org = UnicodeAttribute()
    n = NumberAttribute(default=0)


class ReviewReminderItem(_Item):
    """PK ORG#<org>#RCYCLE#<id>#REMIND#<person>, SK REMIND: the reminder slot the person was last sent, so that
    a reminder delivered twice is sent once."""

    org = UnicodeAttribute()
    slot = UnicodeAttribute()


class DevelopmentPlanItem(_Item):
    """PK ORG#<org>#DEV#<employee>, SK PLAN: one person's development plan (aspirations, the cycles it was seeded
    from, its actions inline) as JSON; ``version`` is the optimistic lock of its saves. Its history is under the
    same PK (DevelopmentHistoryItem)."""

    org = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    version = NumberAttribute(default=0)
    plan = JSONAttribute()


class DevelopmentHistoryItem(_Item):
    """PK ORG#<org>#DEV#<employee>, SK HIST#<version>: one change of a plan (who, when, what), never changed."""

    org = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    entry = JSONAttribute()


class RecognitionItem(_Item):
    """PK ORG#<org>#RECS#EMP#<recipient>, SK <given_at>#<id>: one recognition as one of the people it names
    received it (a copy per person named), newest last; ``giver`` and ``visibility`` are what reads filter on.
    GSI1 ORG#<org>#RECS#BY#<giver> / <given_at>#<id>#<recipient>: what a person gave, which an erasure of the
    giver reaches (absent on recognitions given before it was kept)."""

    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    org = UnicodeAttribute()
    recognition_id = UnicodeAttribute()
    recipient = UnicodeAttribute()
    giver = UnicodeAttribute()
    visibility = UnicodeAttribute()
    named = UnicodeSetAttribute()  # everyone it names: who may read it when it is private, with the giver
    recognition = JSONAttribute()

    by_giver = ByManager()


class RecognitionCountItem(_Item):
    """PK ORG#<org>#RECSTATS#<quarter>, SK DEPT#<department>#VALUE#<value> (recognitions of a value received in
    the department) or DEPT#<department>#PEOPLE (people of the department recognised in the quarter)."""

    org = UnicodeAttribute()
    department = UnicodeAttribute()
    value = UnicodeAttribute(null=True)
    count = NumberAttribute(default=0)


class RecognisedItem(_Item):
    """PK ORG#<org>#EMP#<id>, SK RECOGNISED: the last quarter in which the person was recognised."""

    org = UnicodeAttribute()
    quarter = UnicodeAttribute()


class RecognitionDigestItem(_Item):
    """PK ORG#<org>#RECDIGEST#<week>#<shard of the manager>, SK <manager>#<given_at>#<id>#<recipient>: a public
    recognition a manager's direct report received that week, for the weekly digest; gone by TTL."""

    org = UnicodeAttribute()
    manager = UnicodeAttribute()
    entry = JSONAttribute()
    expires_at = NumberAttribute(null=True)


class RecognitionDigestSentItem(_Item):
    """PK ORG#<org>#EMP#<manager>, SK RECDIGEST: the week whose digest the manager was last sent."""

    org = UnicodeAttribute()
    week = UnicodeAttribute()
    sent_at = UTCDateTimeAttribute()


class RecognitionDigestChoiceItem(_Item):
    """PK ORG#<org> (the organisation's choice) or ORG#<org>#EMP#<manager> (a manager's own), SK RECDIGEST_CHOICE:
    whether the weekly digest goes out."""

    org = UnicodeAttribute()
    enabled = BooleanAttribute()


class ErasureItem(_Item):
    """PK ORG#<org>#ERASURES, SK EMP#<id>: the erasure of an employee who left (janus.privacy.store)."""

    org = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    pseudonym = UnicodeAttribute()
    requested_by = UnicodeAttribute()
    requested_at = UTCDateTimeAttribute()
    state = UnicodeAttribute()
    finished_at = UTCDateTimeAttribute(null=True)
    removed = JSONAttribute(null=True)  # what the erasure removed and anonymised, by kind


class IdempotencyKeyItem(_Item):
    """PK ORG#<org>#IDEM#<caller>#<key>, SK IDEM: a creation made with that Idempotency-Key, written in the same
    transaction as what it made: what that was and the request's fingerprint; gone by TTL a day on
    (``janus.store.once``)."""

    org = UnicodeAttribute()
    request = UnicodeAttribute()
    made = JSONAttribute()
    expires_at = NumberAttribute()


MODELS: tuple[type[Model], ...] = (
    EmployeeItem,
    NamePrefixesItem,
    CycleItem,
    SubjectItem,
    RaterItem,
    AssignmentItem,
    ProgressItem,
    SettingsItem,
    EscalationItem,
    GoalItem,
    GoalHistoryItem,
    GoalNudgeItem,
    GoalTallyItem,
    GoalStatsItem,
    AuditReadItem,
    CheckInItem,
    CheckInNoteItem,
    CheckInPairItem,
    CheckInActionItem,
    CheckInStatsItem,
    ReviewCycleItem,
    ReviewItem,
    ReviewHistoryItem,
    ReviewCountItem,
    ReviewReminderItem,
    DevelopmentPlanItem,
    DevelopmentHistoryItem,
    RecognitionItem,
    RecognitionCountItem,
    RecognisedItem,
    RecognitionDigestItem,
    RecognitionDigestSentItem,
    RecognitionDigestChoiceItem,
    ErasureItem,
    IdempotencyKeyItem,
)
