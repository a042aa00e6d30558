"""One of each of the rounds capability's stores, and the bundles of them its use cases take, wired
as the functions wire them."""

from __future__ import annotations

from dataclasses import dataclass, field

from janus.people.organisation_store import OrgStore
from janus.rounds import fanout, nominate, states
from janus.rounds.store_answers import AnswerStore
from janus.rounds.store_assignments import AssignmentStore
from janus.rounds.store_cycles import CycleStore
from janus.rounds.store_progress import ProgressStore
from janus.rounds.store_raters import RaterStore, ReminderStore
from janus.rounds.store_subjects import SubjectStore


@dataclass(frozen=True)
class RoundStores:
    cycles: CycleStore = field(default_factory=CycleStore)
    subjects: SubjectStore = field(default_factory=SubjectStore)
    raters: RaterStore = field(default_factory=RaterStore)
    assignments: AssignmentStore = field(default_factory=AssignmentStore)
    progress: ProgressStore = field(default_factory=ProgressStore)
    answers: AnswerStore = field(default_factory=AnswerStore)
    reminders: ReminderStore = field(default_factory=ReminderStore)
    orgs: OrgStore = field(default_factory=OrgStore)

    @property
    def roster(self) -> nominate.Roster:
        return nominate.Roster(self.cycles, self.subjects, self.raters, self.assignments)

    @property
    def ledger(self) -> states.Ledger:
        return states.Ledger(self.cycles, self.subjects, self.progress, self.orgs)

    @property
    def launch(self) -> fanout.Launch:
        return fanout.Launch(self.cycles, self.subjects, self.assignments, self.progress)
