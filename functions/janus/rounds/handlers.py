"""What the round's queue messages do: the tables the cycles and reminders functions dispatch
through (and the tests that play a round through its queues)."""

from __future__ import annotations

from janus.kernel.jobs import Jobs
from janus.kernel.messages import Codec, Handlers
from janus.kernel.observability import logger
from janus.rounds import fanout, remind, states
from janus.rounds.messages import DeadlineDue, InvitePage, LaunchPage, ReminderSlotDue, RemindPage
from janus.rounds.store_raters import RaterStore

# The cycles function's own fan-out jobs and its deadline.
FANOUT = Codec(LaunchPage, InvitePage, DeadlineDue)
# The reminders function's jobs.
REMINDERS = Codec(ReminderSlotDue, RemindPage)


def fanout_handlers(
    launch: fanout.Launch, raters: RaterStore, ledger: states.Ledger, jobs: Jobs, timers: states.CycleTimers
) -> Handlers:
    def launch_page(job: LaunchPage) -> None:
        fanout.launch_page(job.org, job.cycle_id, job.shard, job.start, job.count, launch, jobs, job.departments)

    def invite_page(job: InvitePage) -> None:
        fanout.invite_page(job.org, job.cycle_id, job.shard, job.start, raters, jobs, shards=job.shards)

    def deadline(job: DeadlineDue) -> None:
        outcome = states.deadline_reached(job.org, job.cycle_id, job.deadline, ledger, jobs, timers)
        logger.info("deadline", cycle_id=job.cycle_id, outcome=outcome)

    return {LaunchPage: launch_page, InvitePage: invite_page, DeadlineDue: deadline}


def reminder_handlers(raters: RaterStore, jobs: Jobs) -> Handlers:
    def slot_due(job: ReminderSlotDue) -> None:
        outcome = remind.slot_due(job.slot, jobs, time_zones=job.time_zones, shards=job.shards)
        logger.info("reminder slot", cycle_id=job.cycle_id, days_before=job.days_before, outcome=outcome)

    def remind_page(job: RemindPage) -> None:
        remind.remind_page(
            job.org, job.cycle_id, job.time_zone, job.round, job.shard, job.start, raters, jobs,
            time_zones=job.time_zones, shards=job.shards, slot=job.slot, carry=job.carry,
        )  # fmt: skip

    return {ReminderSlotDue: slot_due, RemindPage: remind_page}
