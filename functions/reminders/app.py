"""The hourly reminder sweep: fire every reminder slot that fell due, each once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from janus import aws, clock, rounds, store
from janus.jobs import SqsJobs
from janus.observability import logger, metrics, tracer
from janus.settings import Settings
from janus.store.cycles import CycleStore, ReminderStore

settings = Settings.from_env()
store.bind(settings)
cycles = CycleStore()
slots = ReminderStore()
jobs = SqsJobs(aws.client("sqs", settings), {"jobs": settings.jobs_queue_url})


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    # The scheduled event says which hour it is for; a late delivery still sweeps its own hour.
    when = datetime.fromisoformat(event["time"].replace("Z", "+00:00")) if event.get("time") else clock.now()
    fired = rounds.sweep(min(when, clock.now()), slots, cycles, jobs)
    logger.info("reminder sweep", slots_fired=fired)
    return {"slots_fired": fired}
